import Testing

@testable import LinimasaEntities

/// `canonicalName` counts each name's words once; it must choose what choosing by comparing the
/// names' split words (as it was written before) chooses.
@Suite struct CanonicalNameTests {
    /// The choice as first written: the names split into words at every comparison.
    static func reference(_ names: [String: Int], kind: String) -> String {
        if kind != "PER" {
            for n in names.keys.sorted() { if let k = AliasResolver.known(n) { return k } }
        }
        let full = names.filter { !AliasResolver.isAcronym($0.key) && AliasResolver.words($0.key).count >= 2 }
        if kind == "PER", !full.isEmpty {
            return full.max { a, b in
                if a.value != b.value { return a.value < b.value }
                let wa = AliasResolver.words(a.key).count
                let wb = AliasResolver.words(b.key).count
                if wa != wb { return wa < wb }
                return a.key > b.key
            }!.key
        }
        return names.max { a, b in
            let wa = AliasResolver.words(a.key).count
            let wb = AliasResolver.words(b.key).count
            let pa = AliasResolver.isAcronym(a.key) ? 0 : 1
            let pb = AliasResolver.isAcronym(b.key) ? 0 : 1
            if pa != pb { return pa < pb }
            if wa != wb { return wa < wb }
            if a.value != b.value { return a.value < b.value }
            return a.key > b.key
        }?.key ?? ""
    }

    static let pieces = [
        "Joko", "Widodo", "BI", "PBB", "Bank", "Indonesia", "Matthías", "Alfreðsson", "Ebenezer", "A.S.", "Noel", "Sri", "Mulyani", "AS",
        "Amerika", "Serikat", "Prabowo", "Ţiriac", "é", "\u{301}x",
    ]
    static let gaps = [" ", "  ", "\n", "\r\n", " \u{301}"]

    @Test func choosesAsComparingSplitNamesChose() {
        var rng = SystemRandomNumberGenerator()
        for round in 0..<3000 {
            var names: [String: Int] = [:]
            for _ in 0..<Int.random(in: 0...5, using: &rng) {
                var n = Self.pieces.randomElement(using: &rng)!
                for _ in 0..<Int.random(in: 0...3, using: &rng) {
                    n += (Int.random(in: 0..<6, using: &rng) == 0 ? Self.gaps.randomElement(using: &rng)! : " ") + Self.pieces.randomElement(using: &rng)!
                }
                if Int.random(in: 0..<8, using: &rng) == 0 { n = " " + n }
                names[n] = Int.random(in: 1...3, using: &rng)
            }
            for kind in ["PER", "ORG", "LOC"] {
                #expect(AliasResolver.canonicalName(names, kind: kind) == Self.reference(names, kind: kind), "round \(round) \(kind): \(names)")
            }
            for n in names.keys {
                #expect(AliasResolver.wordCount(n) == AliasResolver.words(n).count, "\(n.debugDescription)")
            }
        }
    }
}
