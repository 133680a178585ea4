/// Agreement of a predicted clustering with a gold one over the same items: pairwise and B-cubed
/// precision, recall and F1.
///
/// Pairwise: every pair of items predicted in one cluster is right when the gold puts them in one
/// cluster too (precision); every gold pair is found when the prediction joins it (recall).
/// B-cubed (Bagga & Baldwin 1998): for each item, the share of its predicted cluster that shares
/// its gold cluster (precision) and the share of its gold cluster that shares its predicted one
/// (recall), averaged over items. On a set where most items are alone B-cubed flatters any method,
/// so it is reported beside pairwise, never instead.
public struct ClusteringScores: Sendable, Codable, Hashable {
    public struct PRF: Sendable, Codable, Hashable {
        public var precision: Double
        public var recall: Double
        public var f1: Double
        public init(precision: Double, recall: Double) {
            self.precision = precision
            self.recall = recall
            self.f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
        }
    }
    public var pairwise: PRF
    public var bcubed: PRF
    /// Items scored, gold pairs and predicted pairs.
    public var items: Int
    public var goldPairs: Int
    public var predictedPairs: Int

    /// Scores `predicted` against `gold`, both maps from item to cluster label, on the items of `gold`.
    /// An item missing from `predicted` counts as a cluster of its own.
    public init<G: Hashable, P: Hashable>(gold: [String: G], predicted: [String: P]) {
        let items = gold.keys.sorted()
        // Predicted labels as numbers; a missing item gets a label nobody else has.
        var numbers: [P: Int] = [:]
        var predictedOf: [Int] = []
        var next = 0
        var goldNumbers: [G: Int] = [:]
        var goldOf: [Int] = []
        for item in items {
            if let p = predicted[item] {
                if numbers[p] == nil { numbers[p] = next; next += 1 }
                predictedOf.append(numbers[p]!)
            } else {
                predictedOf.append(next)
                next += 1
            }
            let g = gold[item]!
            if goldNumbers[g] == nil { goldNumbers[g] = goldNumbers.count }
            goldOf.append(goldNumbers[g]!)
        }
        // Sizes of predicted clusters, gold clusters and their intersections.
        var pSize: [Int: Int] = [:], gSize: [Int: Int] = [:], both: [Int64: Int] = [:]
        for k in items.indices {
            pSize[predictedOf[k], default: 0] += 1
            gSize[goldOf[k], default: 0] += 1
            both[Int64(predictedOf[k]) << 32 | Int64(goldOf[k]), default: 0] += 1
        }
        func pairs(_ n: Int) -> Int { n * (n - 1) / 2 }
        let predictedPairs = pSize.values.reduce(0) { $0 + pairs($1) }
        let goldPairs = gSize.values.reduce(0) { $0 + pairs($1) }
        let rightPairs = both.values.reduce(0) { $0 + pairs($1) }
        pairwise = PRF(
            precision: predictedPairs > 0 ? Double(rightPairs) / Double(predictedPairs) : 1,
            recall: goldPairs > 0 ? Double(rightPairs) / Double(goldPairs) : 1)
        var bp = 0.0, br = 0.0
        for k in items.indices {
            let n = Double(both[Int64(predictedOf[k]) << 32 | Int64(goldOf[k])]!)
            bp += n / Double(pSize[predictedOf[k]]!)
            br += n / Double(gSize[goldOf[k]]!)
        }
        let count = Double(max(items.count, 1))
        bcubed = PRF(precision: bp / count, recall: br / count)
        self.items = items.count
        self.goldPairs = goldPairs
        self.predictedPairs = predictedPairs
    }
}

/// Where a predicted clustering departs from the gold one, largest first: a gold cluster spread
/// over several predicted ones (a split: the gold pairs it loses) and a predicted cluster over
/// several gold ones (a merge: the wrong pairs it makes). What a developer reads after a change to
/// grouping, to see which stories the figure moved for.
public struct ClusteringError: Sendable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable { case split, merge }
    public var kind: Kind
    /// The gold label (a split) or the predicted label (a merge).
    public var label: String
    /// Pairs lost (a split) or made wrongly (a merge).
    public var pairs: Int
    /// The items, by the other side's label: a split's by predicted cluster, a merge's by gold one;
    /// largest part first, items sorted.
    public var parts: [[String]]

    /// The `limit` largest splits and merges of `predicted` against `gold` (items of `gold` only; an
    /// item `predicted` lacks is alone), ordered by pairs, then kind and label.
    public static func largest(gold: [String: String], predicted: [String: String], limit: Int) -> [ClusteringError] {
        let items = gold.keys.sorted()
        func predictedLabel(_ item: String) -> String { predicted[item] ?? "\u{0}" + item }
        func errors(_ kind: Kind, groupBy: (String) -> String, partBy: (String) -> String) -> [ClusteringError] {
            Dictionary(grouping: items, by: groupBy).compactMap { label, members in
                let parts = Dictionary(grouping: members, by: partBy).values.map { $0.sorted() }
                guard parts.count > 1 else { return nil }
                let n = members.count
                let pairs = (n * (n - 1) - parts.reduce(0) { $0 + $1.count * ($1.count - 1) }) / 2
                let ordered = parts.sorted { $0.count != $1.count ? $0.count > $1.count : $0[0] < $1[0] }
                return ClusteringError(kind: kind, label: label, pairs: pairs, parts: ordered)
            }
        }
        let all = errors(.split, groupBy: { gold[$0]! }, partBy: predictedLabel) + errors(.merge, groupBy: predictedLabel, partBy: { gold[$0]! })
        return Array(all.sorted { a, b in
            a.pairs != b.pairs ? a.pairs > b.pairs : a.kind != b.kind ? a.kind == .split : a.label < b.label
        }.prefix(max(0, limit)))
    }
}
