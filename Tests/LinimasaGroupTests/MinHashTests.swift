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

    /// The band index answers what a map from band keys to articles answers, across its growth
    /// (ten thousand postings from 1,024 slots), with repeated keys and articles without text.
    @Test func bandIndexGivesWhatAMapGives() {
        let bands = 4
        var rng = SystemRandomNumberGenerator()
        var signatures: [[UInt16]] = []
        var index = BandIndex(bands: bands)
        var map: [UInt64: [Int32]] = [:]
        for a in 0..<2500 {
            var sig: [UInt16]
            if a % 97 == 5 {
                sig = []
            } else if a > 10 && a % 3 == 0 {
                // A near-copy of an earlier one: some bands repeat its keys.
                sig = signatures[Int.random(in: 0..<a, using: &rng)]
                if sig.isEmpty { sig = (0..<16).map { _ in UInt16.random(in: 0...40, using: &rng) } }
                sig[Int.random(in: 0..<16, using: &rng)] = .random(in: 0...40, using: &rng)
            } else {
                sig = (0..<16).map { _ in UInt16.random(in: 0...40, using: &rng) }
            }
            signatures.append(sig)
            let keys = sig.isEmpty ? [] : MinHasher.bandKeys(sig, bands: bands)
            // What the index holds so far answers each new key as the map does.
            for k in keys {
                var found: [Int32] = []
                index.forEach(k, signature: { signatures[Int($0)] }) { found.append($0) }
                #expect(found == (map[k] ?? []).reversed(), "article \(a)")
            }
            index.add(Int32(a), keys: keys) { signatures[Int($0)] }
            for k in keys { map[k, default: []].append(Int32(a)) }
        }
        #expect(map.values.contains { $0.count > 2 })
        for (k, articles) in map {
            var found: [Int32] = []
            index.forEach(k, signature: { signatures[Int($0)] }) { found.append($0) }
            #expect(found == articles.reversed())
        }
    }
}
