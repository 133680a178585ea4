import Testing
@testable import LinimasaSummarize
import LinimasaCore

@Suite struct RougeTests {
    let rouge = Rouge()

    @Test func unigramsAndBigramsByHand() {
        // candidate: the cat sat on the mat (6 words, 5 bigrams)
        // reference: the cat is on the mat (6 words, 5 bigrams)
        // unigram hits: the×2, cat, on, mat = 5; bigram hits: "the cat", "on the", "the mat" = 3
        let c = rouge.counts(candidate: ["The cat sat on the mat."], reference: ["the cat is on the mat"], n: 1)
        #expect(c == Rouge.Counts(hits: 5, candidate: 6, reference: 6))
        let b = rouge.counts(candidate: ["The cat sat on the mat."], reference: ["the cat is on the mat"], n: 2)
        #expect(b == Rouge.Counts(hits: 3, candidate: 5, reference: 5))
        #expect(abs(b.f1 - 0.6) < 1e-9)
    }

    @Test func countsAreClipped() {
        let c = rouge.counts(candidate: ["the the the the"], reference: ["the cat"], n: 1)
        #expect(c.hits == 1)
        #expect(abs(c.precision - 0.25) < 1e-9)
        #expect(abs(c.recall - 0.5) < 1e-9)
    }

    @Test func rougeLByHand() {
        // Lin 2004's example: r = "police killed the gunman"; c1 = "police kill the gunman" (LCS 3),
        // c2 = "the gunman kill police" (LCS 2).
        let l1 = rouge.rougeL(candidate: ["police kill the gunman"], reference: ["police killed the gunman"])
        #expect(l1.hits == 3)
        let l2 = rouge.rougeL(candidate: ["the gunman kill police"], reference: ["police killed the gunman"])
        #expect(l2.hits == 2)
        // Union LCS over two candidate sentences: r = w1 w2 w3 w4 w5, c1 = w1 w2 w6 w7 w8, c2 = w1 w3 w8 w9 w5
        // → union {w1, w2, w3, w5}: 4 hits (Lin 2004, section 3.2).
        let u = rouge.rougeL(candidate: ["w1 w2 w6 w7 w8", "w1 w3 w8 w9 w5"], reference: ["w1 w2 w3 w4 w5"])
        #expect(u.hits == 4)
    }

    @Test func stemmingAndStopwords() {
        let r = Rouge(stem: true, removeStopwords: true)
        #expect(r.tokens("The protesters were running to the Square") == ["protest", "run", "squar"])
    }
}

@Suite struct TimelineMetricsTests {
    let m = TimelineMetrics(rouge: Rouge())

    func day(_ s: String) -> CivilDate { CivilDate(iso: s)! }

    @Test func identicalTimelinesScoreOne() {
        let t = DatedSummaries([(day("2010-01-01"), ["a b c"]), (day("2010-01-05"), ["d e f"])])
        let s = m.score(system: t, reference: t)
        #expect(abs(s.align1 - 1) < 1e-9)
        #expect(abs(s.align2 - 1) < 1e-9)
        #expect(abs(s.dateF1 - 1) < 1e-9)
        #expect(abs(s.concat1.f1 - 1) < 1e-9)
    }

    @Test func alignmentDiscountsByDateDistanceByHand() {
        // System says "a b" on Jan 2; reference says "a b" on Jan 1 and "c d" on Jan 5.
        // Precision: Jan 2 aligns to Jan 1 (cost 0.5 · 0 = 0); hits 2 · 1/2 = 1 of 2 words → 0.5.
        // Recall: Jan 1 → Jan 2 (weight 1/2): 1 of 2; Jan 5 → Jan 2 (only choice, weight 1/4): 0 of 2 → 1/4.
        // F1 = 2 · 0.5 · 0.25 / 0.75 = 1/3. Date F1: no day in common → 0.
        let sys = DatedSummaries([(day("2010-01-02"), ["a b"])])
        let ref = DatedSummaries([(day("2010-01-01"), ["a b"]), (day("2010-01-05"), ["c d"])])
        let s = m.score(system: sys, reference: ref)
        #expect(abs(s.align1P - 0.5) < 1e-9)
        #expect(abs(s.align1R - 0.25) < 1e-9)
        #expect(abs(s.align1 - 1.0 / 3) < 1e-9)
        #expect(s.dateF1 == 0)
        // Concat: all words of both: system {a, b}, reference {a, b, c, d} → P 1, R 0.5.
        #expect(abs(s.concat1.f1 - 2.0 / 3) < 1e-9)
    }

    @Test func manyToOneLetsSeveralDaysShareAReferenceDay() {
        // Both system days align to the one reference day (many-to-one, not a 1:1 assignment).
        let sys = DatedSummaries([(day("2010-01-01"), ["x y"]), (day("2010-01-02"), ["x y"])])
        let ref = DatedSummaries([(day("2010-01-01"), ["x y"])])
        let s = m.score(system: sys, reference: ref)
        // Precision: day 1 → 2 hits · 1; day 2 → 2 hits · 1/2; over 4 words → 0.75.
        #expect(abs(s.align1P - 0.75) < 1e-9)
        #expect(abs(s.align1R - 1) < 1e-9)
        #expect(abs(s.dateP - 0.5) < 1e-9)
        #expect(abs(s.dateR - 1) < 1e-9)
    }
}
