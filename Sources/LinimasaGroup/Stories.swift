import Foundation
import LinimasaCore
import LinimasaText

/// Joins events into stories, after the online clustering of Miranda et al. (2018): events are
/// visited in date order, and each joins the story whose centroid it is most similar to, the
/// similarity fading with the time since the story's latest event; below the threshold it starts
/// a story of its own. Comparing with a story's centroid, not with any one of its events, keeps a
/// chain of loosely related events (sports results, one outlet's columns) from becoming one story.
///
/// The stories are a function of the set of events (the order of visiting is the events' date
/// order, ties by first article id), so they do not depend on the order articles arrived in.
public struct StoryLinker: Sendable {
    /// Time-decayed cosine needed to join a story.
    public var threshold: Float = 0.25
    /// Days after which the similarity counts half.
    public var halfLife: Double = 365
    /// Candidate stories come from the most recent events sharing one of an event's heaviest terms.
    public var recentPerTerm: Int = 64
    public var keyTerms: Int = 6
    /// Terms kept in a story's centroid.
    public var centroidTerms: Int = 64

    public init() {}

    /// Stories as lists of indices into `events`, each list in date order; stories are ordered by
    /// their first event.
    public func stories(_ events: [GroupedEvent], profiles: [ArticleProfile]) -> [[Int]] {
        let order = events.indices.sorted { a, b in
            let da = events[a].day?.day ?? Int.max
            let db = events[b].day?.day ?? Int.max
            return da != db ? da < db : profiles[events[a].members[0]].id < profiles[events[b].members[0]].id
        }
        var storyOf = [Int](repeating: -1, count: events.count)
        var members: [[Int]] = []
        var centroids: [TermVector] = []
        var lastDay: [Int?] = []
        var index = ChainedIndex()
        for e in order {
            let c = centroid(events[e], profiles)
            var heaviest = Array(0..<c.keys.count)
            heaviest.sort { c.weights[$0] != c.weights[$1] ? c.weights[$0] > c.weights[$1] : c.keys[$0] < c.keys[$1] }
            let keys = heaviest.prefix(keyTerms).map { UInt64(c.keys[$0]) }
            var candidates = Set<Int>()
            for k in keys { index.forEach(k, limit: recentPerTerm) { candidates.insert(storyOf[Int($0)]) } }
            var best = -1
            var bestScore = threshold
            for s in candidates.sorted() {
                let gap = Double(abs((events[e].day?.day ?? 0) - (lastDay[s] ?? events[e].day?.day ?? 0)))
                let score = c.cosine(centroids[s]) * Float(1 / (1 + gap / halfLife))
                if score >= bestScore {
                    bestScore = score
                    best = s
                }
            }
            if best < 0 {
                best = members.count
                members.append([])
                centroids.append(TermVector())
                lastDay.append(nil)
            }
            storyOf[e] = best
            members[best].append(e)
            // The story's centroid: the mean of its events' centroids, kept to its heaviest terms.
            var acc: [UInt64: Float] = [:]
            centroids[best].add(into: &acc, scale: Float(members[best].count - 1))
            c.add(into: &acc)
            centroids[best] = TermVector(acc, limit: centroidTerms)
            if let d = events[e].day?.day { lastDay[best] = max(lastDay[best] ?? d, d) }
            for k in keys { index.insert(k, Int32(e)) }
        }
        return members.map { $0.sorted() }.sorted { $0[0] < $1[0] }
    }

    /// The mean of an event's article vectors, as a unit vector.
    public func centroid(_ e: GroupedEvent, _ profiles: [ArticleProfile]) -> TermVector {
        var acc: [UInt64: Float] = [:]
        for m in e.members { profiles[m].terms.add(into: &acc) }
        return TermVector(acc, limit: 64)
    }
}
