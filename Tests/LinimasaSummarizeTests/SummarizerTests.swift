import Testing
import LinimasaCore
import LinimasaText
@testable import LinimasaSummarize

@Suite struct SummarizerTests {
    let cache = TermCache(stemmer: nil)

    func candidates(_ texts: [String], document: Int = 0) -> [CandidateSentence] {
        texts.enumerated().map { CandidateSentence(text: $1, position: $0, document: document, language: .id, cache: cache) }
    }

    @Test func picksCentralSentencesWithoutRepeatingThem() {
        let c = candidates([
            "Presiden Putin dan Presiden Erdogan berbicara melalui telepon pada hari Minggu malam.",
            "Presiden Putin dan Presiden Erdogan berbicara melalui telepon pada hari Minggu malam.",
            "Kedua pemimpin membahas kerja sama energi, pariwisata dan pertahanan kedua negara.",
            "Cuaca di Moskow cerah berawan sepanjang hari dengan suhu rendah sekali.",
        ])
        let picked = Summarizer().select(c, count: 2)
        #expect(picked == [0, 2])
    }

    @Test func quotesGiveWayToReportedFacts() {
        var s = Summarizer()
        s.lead = 0
        let c = candidates([
            "\"Kami akan terus bekerja sama dengan Turki di bidang pertahanan,\" kata Lavrov kepada wartawan.",
            "Lavrov mengatakan kerja sama pertahanan dengan Turki akan terus berjalan meski ada sanksi.",
        ])
        #expect(s.select(c, count: 1) == [1])
    }

    @Test func tooShortSentencesAreNotChosenWhenOthersExist() {
        let c = candidates(["Foto: AFP.", "Menteri Luar Negeri Rusia Sergei Lavrov bertemu timpalannya dari Turki di Moskow."])
        #expect(Summarizer().select(c, count: 1) == [1])
    }

    @Test func returnsReadingOrder() {
        let a = candidates(["Banjir merendam ratusan rumah warga di Bekasi sejak Senin pagi.", "Ketinggian air mencapai satu meter di beberapa titik permukiman warga."], document: 1)
        let b = candidates(["Pemerintah kota membuka posko pengungsian bagi warga yang rumahnya terendam banjir."], document: 0)
        let all = a + b
        let picked = Summarizer().select(all, count: 3)
        let order = picked.map { all[$0].document * 100 + all[$0].position }
        #expect(order == order.sorted())
    }
}

@Suite struct DatewiseTimelineTests {
    let cache = TermCache(stemmer: nil)

    func doc(_ published: String, _ sentences: [(String, [String])]) -> DatedDocument {
        DatedDocument(
            published: CivilDate(iso: published)!.daysSinceEpoch,
            sentences: sentences.map { ($0.0, $0.1.map { CivilDate(iso: $0)!.daysSinceEpoch }) }, language: .en, cache: cache)
    }

    @Test func daysNamedByManyLaterArticlesRankFirst() {
        let docs = [
            doc("2010-04-21", [("An explosion on the rig killed eleven workers on Tuesday night.", ["2010-04-20"])]),
            doc("2010-05-02", [("Oil has leaked since the rig exploded on April 20 in the gulf.", ["2010-04-20"])]),
            doc("2010-05-02", [("The company said it would pay for the cleanup of the coast.", [])]),
            doc("2010-06-01", [("Since the April 20 blast the well has spilled millions of gallons.", ["2010-04-20"])]),
            // A mention of a later day by an earlier article is a plan, not news of that day.
            doc("2010-04-22", [("Engineers plan to try a dome over the leak on May 5 at the earliest.", ["2010-05-05"])]),
        ]
        let t = DatewiseTimeline()
        let first = CivilDate(iso: "2010-04-01")!.daysSinceEpoch
        let last = CivilDate(iso: "2010-06-30")!.daysSinceEpoch
        let ranked = t.rankDays(docs, first: first, last: last)
        #expect(ranked.first?.day == CivilDate(iso: "2010-04-20")!.daysSinceEpoch)
        #expect(ranked.first?.score == 3)
        #expect(!ranked.contains { $0.day == CivilDate(iso: "2010-05-05")!.daysSinceEpoch })
        let tl = t.build(docs, first: first, last: last, dates: 1, sentencesPerDate: 1)
        #expect(tl.days == [CivilDate(iso: "2010-04-20")!])
        #expect(tl.entries[0].sentences.count == 1)
    }

    @Test func chosenDaysSpreadOverTheSpan() {
        let t = DatewiseTimeline()
        // 100 days, 4 to choose: days closer than 100 / (4 · 4) = 6 days to a chosen one wait.
        let chosen = t.chooseDays([10, 11, 12, 13, 50, 90, 14], count: 4, span: 100)
        #expect(chosen == [10, 50, 90, 11])
    }
}
