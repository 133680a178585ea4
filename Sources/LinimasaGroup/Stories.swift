import Foundation
import LinimasaCore
import LinimasaText

/// Joins events into stories: events whose articles are about the same people, places and
/// things, with a similarity that fades slowly with the time between them (after the time-decayed
/// similarity of Miranda et al. 2018, on event centroids).
///
/// Events are visited in date order; each is compared with the recent events that share one of
/// its heaviest terms (at most `recentPerTerm` per term), and linked ones form a story. The result
/// depends only on the set of events.
public struct StoryLinker: Sendable {
    /// Time-decayed cosine needed to link two events.
    public var threshold: Float = 0.22
    /// Days after which the similarity counts half.
    public var halfLife: Double = 365
    public var recentPerTerm: Int = 64
    public var keyTerms: Int = 6

    public init() {}

    /// Stories as lists of indices into `events`, each list in the events' order; the stories are
    /// ordered by their first event.
    public func stories(_ events: [GroupedEvent], profiles: [ArticleProfile]) -> [[Int]] {
        let centroids = events.map { centroid($0, profiles) }
        var sets = DisjointSets()
        for _ in events { _ = sets.add() }
        var index = ChainedIndex()
        let order = events.indices.sorted { (events[$0].day?.day ?? Int.max, $0) < (events[$1].day?.day ?? Int.max, $1) }
        for e in order {
            let c = centroids[e]
            var heaviest = Array(0..<c.keys.count)
            heaviest.sort { c.weights[$0] != c.weights[$1] ? c.weights[$0] > c.weights[$1] : c.keys[$0] < c.keys[$1] }
            let keys = heaviest.prefix(keyTerms).map { UInt64(c.keys[$0]) }
            var candidates = Set<Int32>()
            for k in keys { index.forEach(k, limit: recentPerTerm) { candidates.insert($0) } }
            for o in candidates where sets.find(o) != sets.find(Int32(e)) {
                let gap = abs(Double((events[e].day?.day ?? 0) - (events[Int(o)].day?.day ?? 0)))
                let decay = Float(1 / (1 + gap / halfLife))
                if c.cosine(centroids[Int(o)]) * decay >= threshold { sets.union(Int32(e), o) }
            }
            for k in keys { index.insert(k, Int32(e)) }
        }
        var groups: [Int32: [Int]] = [:]
        for e in events.indices { groups[sets.find(Int32(e)), default: []].append(e) }
        return groups.values.map { $0.sorted() }.sorted { $0[0] < $1[0] }
    }

    /// The mean of an event's article vectors, as a unit vector.
    public func centroid(_ e: GroupedEvent, _ profiles: [ArticleProfile]) -> TermVector {
        var acc: [UInt64: Float] = [:]
        for m in e.members { profiles[m].terms.add(into: &acc) }
        return TermVector(acc, limit: 64)
    }
}
