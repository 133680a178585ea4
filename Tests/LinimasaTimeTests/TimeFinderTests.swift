import Testing

@testable import LinimasaCore
@testable import LinimasaTime

@Suite struct TimeFinderTests {
    func found(_ text: String, anchor: String?) -> [(String, String, Granularity)] {
        TimeFinder.find(in: text, anchor: anchor.flatMap { CivilDate(iso: $0) }).map { ($0.text, $0.value, $0.granularity) }
    }

    func one(_ text: String, anchor: String? = nil) -> (String, String, Granularity)? {
        let f = found(text, anchor: anchor)
        return f.count == 1 ? f[0] : nil
    }

    @Test(arguments: [
        ("bertemu pada Rabu 29 September 2021.", "Rabu 29 September 2021", "2021-09-29", Granularity.day),
        ("dikutip dari Arab News, Kamis (30/9/2021).", "Kamis (30/9/2021)", "2021-09-30", .day),
        ("Senin, 03 Jan 2022 14:50 WIB", "Senin, 03 Jan 2022 14:50 WIB", "2022-01-03T14:50+07:00", .time),
        ("• Rabu, 30 Desember 2020, 06:08 WIB", "Rabu, 30 Desember 2020, 06:08 WIB", "2020-12-30T06:08+07:00", .time),
        ("pada 15 May 2010 di London", "15 May 2010", "2010-05-15", .day),
        ("Wednesday, Sept. 29, 2021.", "Wednesday, Sept. 29, 2021", "2021-09-29", .day),
        ("tanggal 2021-09-30 pukul", "2021-09-30", "2021-09-30", .day),
        ("pukul 10.00 WITA", "pukul 10.00 WITA", "2021-09-30T10:00+08:00", .time),
        ("sejak tahun 1952", "tahun 1952", "1952", .year),
        ("membeli rudal pada 2019,", "2019", "2019", .year),
        ("pada September 2021", "September 2021", "2021-09", .month),
    ])
    func absolute(_ text: String, _ span: String, _ value: String, _ g: Granularity) throws {
        let f = try #require(one(text, anchor: "2021-09-30"))
        #expect(f.0 == span)
        #expect(f.1 == value)
        #expect(f.2 == g)
    }

    @Test(arguments: [
        // The weekday decides the year: 2 January was a Sunday in 2022, not in 2021.
        ("dilakukan pada Minggu (2/1) waktu setempat", "2022-01-03", "Minggu (2/1)", "2022-01-02"),
        ("Minggu (2/1)", "2021-06-15", "Minggu (2/1)", "2022-01-02"),
        ("dikutip dari Reuters, Selasa (29/12).", "2020-12-30", "Selasa (29/12)", "2020-12-29"),
        ("dikutip dari TASS 3 Januari.", "2022-01-04", "3 Januari", "2022-01-03"),
        ("pada 3 Januari lalu", "2021-12-20", "3 Januari lalu", "2021-01-03"),
        ("mengatakan pada hari Selasa bahwa", "2020-12-30", "Selasa", "2020-12-29"),
        ("Pada Selasa, Cavusoglu mengunjungi Moskow", "2020-12-30", "Selasa", "2020-12-29"),
        ("pada hari Senin bahwa", "2020-12-30", "Senin", "2020-12-28"),
        ("Rabu malam waktu setempat", "2020-12-30", "Rabu malam", "2020-12-30"),
        ("Selasa lalu", "2020-12-29", "Selasa lalu", "2020-12-22"),
        ("Jumat depan", "2020-12-30", "Jumat depan", "2021-01-01"),
        ("kemarin", "2022-01-03", "kemarin", "2022-01-02"),
        ("hari ini", "2022-01-03", "hari ini", "2022-01-03"),
        ("besok", "2022-01-03", "besok", "2022-01-04"),
        ("dua hari lalu", "2022-01-03", "dua hari lalu", "2022-01-01"),
        ("3 hari yang lalu", "2022-01-03", "3 hari yang lalu", "2021-12-31"),
        ("on Tuesday", "2020-12-30", "Tuesday", "2020-12-29"),
        ("yesterday", "2020-12-30", "yesterday", "2020-12-29"),
        ("two days ago", "2020-12-30", "two days ago", "2020-12-28"),
        ("May 15", "2010-06-01", "May 15", "2010-05-15"),
    ])
    func days(_ text: String, _ anchor: String, _ span: String, _ value: String) throws {
        let f = try #require(one(text, anchor: anchor), "\(found(text, anchor: anchor))")
        #expect(f.0 == span)
        #expect(f.1 == value)
        #expect(f.2 == .day)
    }

    @Test(arguments: [
        ("pekan lalu", "2022-01-03", "2021-12-27/2022-01-02", Granularity.week),
        ("minggu lalu", "2022-01-03", "2021-12-27/2022-01-02", .week),
        ("last week", "2022-01-03", "2021-12-27/2022-01-02", .week),
        ("bulan lalu", "2022-01-03", "2021-12", .month),
        ("Bulan lalu, Putin", "2022-01-03", "2021-12", .month),
        ("last month", "2022-01-03", "2021-12", .month),
        ("bulan ini", "2020-12-30", "2020-12", .month),
        ("tahun lalu", "2020-12-30", "2019", .year),
        ("last year", "2020-12-30", "2019", .year),
        ("tahun depan", "2020-12-30", "2021", .year),
        ("Awal bulan ini polisi", "2020-12-30", "2020-12-01/2020-12-10", .range),
        ("akhir bulan lalu", "2020-12-30", "2020-11-21/2020-11-30", .range),
        ("akhir pekan", "2022-01-05", "2022-01-01/2022-01-02", .range),
        ("akhir pekan ini", "2022-01-05", "2022-01-08/2022-01-09", .range),
        ("akhir pekan lalu", "2022-01-05", "2022-01-01/2022-01-02", .range),
        ("Januari lalu", "2022-01-05", "2021-01", .month),
    ])
    func relative(_ text: String, _ anchor: String, _ value: String, _ g: Granularity) throws {
        let f = try #require(one(text, anchor: anchor), "\(found(text, anchor: anchor))")
        #expect(f.1 == value)
        #expect(f.2 == g)
    }

    @Test(arguments: [
        "senilai 2,5 tahun",
        "perang enam minggu antara Armenia dan Azerbaijan",
        "lebih dari 6.000 jiwa",
        "selama dua tahun",
        "nomor 0811 9787 670",
        "skor 2/1 untuk tuan rumah",
        "sebanyak 2019 orang",
        "ia mendapat hari libur",
        "may be true",
    ])
    func isNotADate(_ text: String) {
        #expect(found(text, anchor: "2021-09-30").isEmpty, "\(found(text, anchor: "2021-09-30"))")
    }

    @Test func partialDatesWithoutAnAnchorKeepTheirUnknownYear() throws {
        let f = try #require(one("dikutip dari TASS 3 Januari"))
        #expect(f.1 == "XXXX-01-03")
        #expect(f.2 == .partial)
        #expect(one("kemarin")?.1 == "ANCHOR-1D")
        #expect(one("pada hari Selasa")?.1 == "XXXX-WXX-2")
    }

    @Test func flagsAWeekdayThatDoesNotMatchTheDate() throws {
        let f = try #require(TimeFinder.find(in: "Kamis (29/9/2021)", anchor: nil).first)
        #expect(f.weekdayMismatch)
        let g = try #require(TimeFinder.find(in: "Rabu (29/9/2021)", anchor: nil).first)
        #expect(!g.weekdayMismatch)
    }

    @Test func languageFilterKeepsTheOtherLanguageOut() {
        let id = TimeFinder.find(in: "kemarin and yesterday", anchor: CivilDate(iso: "2022-01-03"), language: .id)
        #expect(id.map(\.text) == ["kemarin"])
        let en = TimeFinder.find(in: "kemarin and yesterday", anchor: CivilDate(iso: "2022-01-03"), language: .en)
        #expect(en.map(\.text) == ["yesterday"])
    }
}
