import Foundation
import Testing

@testable import LinimasaCore

@Suite struct CivilDateTests {
    @Test(arguments: [
        ("2022-01-02", 7), ("2022-01-03", 1), ("2020-12-29", 2), ("2021-09-30", 4), ("1970-01-01", 4), ("2000-02-29", 2),
    ])
    func weekday(_ iso: String, _ expected: Int) throws {
        let d = try #require(CivilDate(iso: iso))
        #expect(d.weekday == expected)
    }

    @Test func roundTripsThroughDayNumbers() {
        for n in stride(from: -800_000, through: 800_000, by: 997) {
            let d = CivilDate(daysSinceEpoch: n)
            #expect(d.daysSinceEpoch == n)
        }
    }

    @Test func rejectsImpossibleDays() {
        #expect(CivilDate(year: 2021, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2020, month: 2, day: 29) != nil)
        #expect(CivilDate(year: 2021, month: 13, day: 1) == nil)
        #expect(CivilDate(iso: "30/9/2021") == nil)
    }

    @Test func addsMonthsClampingTheDay() throws {
        let d = try #require(CivilDate(iso: "2021-01-31"))
        #expect(d.adding(months: 1).description == "2021-02-28")
        #expect(d.adding(months: -2).description == "2020-11-30")
        #expect(d.startOfWeek.description == "2021-01-25")
    }

    @Test func scalarOffsetsCountCodePoints() {
        let text = "“Kami” — ok"
        let offsets = ScalarOffsets(Array(text.utf8))
        // "ok" starts after 8 scalars: “ K a m i ” space — space
        let byte = Array(text.utf8).count - 2
        #expect(offsets.scalarOffset(ofByte: byte) == text.unicodeScalars.count - 2)
        #expect(offsets.scalarOffset(ofByte: 3) == 1)
    }

    @Test func articleJSONKeepsEveryKeyWithNulls() throws {
        let a = Article(
            id: "x", source: "x.txt", language: .id, outlet: nil, title: nil, author: nil, dateline: nil,
            published: .unknown, body: ["Halo."], removed: [], sentences: [], times: [])
        let json = String(decoding: try JSONEncoder().encode(a), as: UTF8.self)
        for key in ["\"outlet\":null", "\"title\":null", "\"author\":null", "\"dateline\":null", "\"value\":null", "\"method\":\"unknown\""] {
            #expect(json.contains(key), "missing \(key) in \(json)")
        }
        let back = try JSONDecoder().decode(Article.self, from: Data(json.utf8))
        #expect(back == a)
    }
}
