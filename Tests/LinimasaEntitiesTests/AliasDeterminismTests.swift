import Testing

@testable import LinimasaEntities

/// Clustering must not depend on a dictionary's iteration order, which changes from run to run
/// (and, within a run, with a dictionary's capacity).
@Suite struct AliasDeterminismTests {
    static let groups: [[String: Int]] = [
        ["Joko Widodo": 3, "Jokowi": 2, "Presiden Joko": 1], ["Widodo": 2, "Joko": 1], ["Prabowo Subianto": 2, "Subianto Djojohadikusumo": 2],
        ["Subianto": 1], ["PBB": 2, "Perserikatan Bangsa-Bangsa": 2], ["Yamaha": 3, "Yamaha Motor": 3], ["Motor": 1], ["Valentino Rossi": 2, "Rossi Valentino": 2],
        ["Rossi": 4], ["Marc Marquez": 2, "Marquez": 1], ["Bank Indonesia": 2, "BI": 2], ["Indonesia": 5], ["Real Madrid": 2, "Madrid": 2],
    ]

    static func items(capacity: Int) -> [AliasResolver.Item] {
        groups.enumerated().map { k, names in
            var d: [String: Int] = [:]
            d.reserveCapacity(capacity)
            for (n, c) in names.sorted(by: { capacity % 2 == 0 ? $0.key < $1.key : $0.key > $1.key }) { d[n] = c }
            return AliasResolver.Item(names: d, kind: k % 3 == 0 ? "PER" : k % 3 == 1 ? "PER" : "ORG")
        }
    }

    @Test func sameClustersWhateverTheDictionaryOrder() {
        let reference = AliasResolver.cluster(Self.items(capacity: 0), acrossKinds: true)
        for capacity in [1, 7, 64, 1000, 4097] {
            #expect(AliasResolver.cluster(Self.items(capacity: capacity), acrossKinds: true) == reference, "capacity \(capacity)")
            #expect(AliasResolver.cluster(Self.items(capacity: capacity)) == AliasResolver.cluster(Self.items(capacity: 0)))
        }
    }

    /// The one-pass check the clustering uses for typos is `editDistance(limit: 1) <= 1` on bytes,
    /// on random near words (a byte changed, added, taken away, two of those, or none) and on
    /// words with letters outside ASCII.
    @Test func oneEditIsTheEditDistanceOfOne() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        let letters = Array("abcdeé".utf8)
        for _ in 0..<20_000 {
            let a = (0..<next(9)).map { _ in letters[next(letters.count)] }
            var b = a
            for _ in 0..<next(3) {
                switch next(3) {
                case 0 where !b.isEmpty: b[next(b.count)] = letters[next(letters.count)]
                case 1: b.insert(letters[next(letters.count)], at: next(b.count + 1))
                case 2 where !b.isEmpty: b.remove(at: next(b.count))
                default: break
                }
            }
            let sa = String(decoding: a, as: UTF8.self), sb = String(decoding: b, as: UTF8.self)
            let expected = Self.editDistance(sa, sb, limit: 1) <= 1
            let found = Array(sa.utf8).withUnsafeBufferPointer { x in Array(sb.utf8).withUnsafeBufferPointer { y in AliasResolver.withinOneEdit(x, y) } }
            #expect(found == expected, "\(sa) / \(sb)")
        }
        // The clustering's word check is the rule written plainly (`sameWord`).
        var words = AliasResolver.Words()
        for (x, y) in [("reccep", "recep"), ("recep", "recep"), ("joko", "jokowi"), ("rossi", "rosso"), ("marquez", "márquez"), ("abc", "abd")] {
            let a = words.number(x), b = words.number(y)
            #expect(words.same(a, b) == Self.sameWord(x, y), "\(x) / \(y)")
        }
    }

    /// Edit distance of two short strings (bytes), row by row: the reference the one-pass check is held to.
    static func editDistance(_ a: String, _ b: String, limit: Int) -> Int {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        if abs(x.count - y.count) > limit { return limit + 1 }
        var prev = Array(0...y.count)
        var cur = [Int](repeating: 0, count: y.count + 1)
        for i in 1...max(x.count, 1) where !x.isEmpty {
            cur[0] = i
            var rowMin = cur[0]
            for j in 1...max(y.count, 1) where !y.isEmpty {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
                rowMin = min(rowMin, cur[j])
            }
            if rowMin > limit { return limit + 1 }
            swap(&prev, &cur)
        }
        return prev[y.count]
    }

    /// Two single words the same up to a typo ("reccep" and "recep"), as the clustering's rule reads.
    static func sameWord(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        guard a.count >= 5 && b.count >= 5 else { return false }
        return editDistance(a, b, limit: 1) <= 1
    }
}
