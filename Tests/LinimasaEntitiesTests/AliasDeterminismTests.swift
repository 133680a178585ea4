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
}
