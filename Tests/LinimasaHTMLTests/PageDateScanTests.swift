import LinimasaCore
import Testing

@testable import LinimasaHTML

/// The last resort for a page's day: the day written most often anywhere in its source.
@Suite struct PageDateScanTests {
    let latest = CivilDate(year: 2023, month: 12, day: 31)!

    func day(_ text: String, monthFirst: Bool = false) -> String? {
        PageDateScan.mostFrequentDay(Array(text.utf8), monthFirst: monthFirst, latest: latest).map(\.day.description)
    }

    @Test func theDayWrittenMostOftenWins() {
        let page = """
            <div data-x="2019-03-02">Sidamo</div><span>02.03.2019</span><p>Kommentar vom 21.02.2020</p>
            <script>{"d":"2019/03/02"}</script>
            """
        #expect(day(page) == "2019-03-02")
    }

    @Test func tiesGoToTheEarliest() {
        #expect(day("<p>13 juin 2019</p><p>Mis à jour 23 novembre 2021</p>") == "2019-06-13")
        #expect(day("<p>Posted October 6, 2017 · comment October 8, 2017</p>") == "2017-10-06")
        #expect(day("<p>19. Mai 2010</p><p>17.08.2009</p><p>10.03.2010</p><p>19.05.2010</p>") == "2010-05-19")
    }

    @Test func notADayIsNotCounted() {
        // Versions, other numbers, days after the latest, before 1995, impossible days.
        #expect(day("version 1.2.3, 10.20.30, 31.02.2019, 01.01.1990, 2025-01-01, 12345.6.2019") == nil)
        // Month first only in English pages, and only where the day cannot be first.
        #expect(day("<p>03/04/2019</p>") == "2019-04-03")
        #expect(day("<p>03/04/2019</p>", monthFirst: true) == "2019-03-04")
        #expect(day("<p>12/19/2019</p>") == "2019-12-19")
    }

    /// A page that states its day nowhere a rule looks gets the day its source writes most.
    @Test func aPageWithNoMarkedDayGetsTheScannedOne() throws {
        let body = (1...4).map { "<p>Paragraf \($0) dari artikel ini cukup panjang untuk dibaca sebagai isi, dengan banyak kata di dalamnya.</p>" }
        let html = """
            <html lang="id"><head><title>Judul</title></head><body><article><h1>Judul berita</h1>
            \(body.joined())</article><script>var a = {"created": "2022-01-31", "also": "2022-01-31", "next": "2022-08-21"};</script>
            </body></html>
            """
        let page = try #require(PageExtractor.extract(Array(html.utf8)))
        #expect(page.published == "2022-01-31", "\(page.publishedSource ?? "-")")
    }
}
