import Testing
import LinimasaText
@testable import LinimasaGroup

@Suite struct MinHashTests {
    let h = MinHasher()

    @Test func similarityTracksJaccard() {
        let words = (0..<300).map { "w\($0)" }
        let a = TokenizedText(words.joined(separator: " "))
        let b = TokenizedText((words.prefix(240) + (0..<60).map { "x\($0)" }).joined(separator: " "))
        let c = TokenizedText((0..<300).map { "y\($0)" }.joined(separator: " "))
        let sa = h.signature(a)
        #expect(MinHasher.similarity(sa, sa) == 1)
        // True Jaccard of the 3-word shingles: 238 shared of 298 + 60 = 358 → 0.66.
        let sab = MinHasher.similarity(sa, h.signature(b))
        #expect(sab > 0.45 && sab < 0.85)
        #expect(MinHasher.similarity(sa, h.signature(c)) < 0.1)
    }

    @Test func bandKeysAgreeForEqualSignatures() {
        let s = h.signature(TokenizedText("satu dua tiga empat lima enam tujuh"))
        #expect(MinHasher.bandKeys(s, bands: 20) == MinHasher.bandKeys(s, bands: 20))
        #expect(MinHasher.bandKeys(s, bands: 20).count == 20)
    }
}
