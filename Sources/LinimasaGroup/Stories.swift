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
    public var threshold: Float = 0.2
    /// Days after which the similarity counts half.
    public var halfLife: Double = 365
    /// Candidate stories come from the most recent events sharing one of an event's heaviest terms.
    public var recentPerTerm: Int = 64
    public var keyTerms: Int = 6
    /// Terms kept in a story's centroid.
    public var centroidTerms: Int = 64
    /// An event must have at least `memberThreshold` cosine with this share of the story's
    /// `recentEvents` latest events to join it.
    public var memberShare: Float = 0.5
    public var memberThreshold: Float = 0.1
    public var recentEvents = 16
    /// Cosine of the terms that are not names (the case) an event needs with a story, when names are given.
    public var actionThreshold: Float = 0.1
    /// Cosine of names (the people, organisations and places named, weighted by how telling each
    /// name is) an event needs with a story to join it, when names are given.
    public var nameThreshold: Float = 0.2

    public init() {}

    /// Stories as lists of indices into `events`, each list in date order; stories are ordered by
    /// their first event.
    public func stories(_ events: [GroupedEvent], vectors: [TermVector], names: [TermVector]? = nil, profiles: [ArticleProfile]) -> [[Int]] {
        let order = events.indices.sorted { a, b in
            let da = events[a].day?.day ?? Int.max
            let db = events[b].day?.day ?? Int.max
            return da != db ? da < db : profiles[events[a].members[0]].id < profiles[events[b].members[0]].id
        }
        var storyOf = [Int](repeating: -1, count: events.count)
        var members: [[Int]] = []
        var centroids: [TermVector] = []
        var eventCentroids = [TermVector](repeating: TermVector(), count: events.count)
        var nameCentroids: [TermVector] = []
        var actionCentroids: [TermVector] = []
        var lastDay: [Int?] = []
        var index = ChainedIndex()
        for e in order {
            let c = centroid(events[e], vectors)
            let n = names.map { centroid(events[e], $0) }
            eventCentroids[e] = c
            let action: TermVector? = n.map { n in
                let named = Set(n.keys)
                var raw: [UInt64: Float] = [:]
                for k in c.keys.indices where !named.contains(c.keys[k]) { raw[UInt64(c.keys[k])] = c.weights[k] }
                return TermVector(raw, limit: Int.max)
            }
            var heaviest = Array(0..<c.keys.count)
            heaviest.sort { c.weights[$0] != c.weights[$1] ? c.weights[$0] > c.weights[$1] : c.keys[$0] < c.keys[$1] }
            var keys = heaviest.prefix(keyTerms).map { UInt64(c.keys[$0]) }
            if let n { for k in n.heaviest(keyTerms) where !keys.contains(k) { keys.append(k) } }
            var candidates = Set<Int>()
            for k in keys { index.forEach(k, limit: recentPerTerm) { candidates.insert(storyOf[Int($0)]) } }
            var best = -1
            var bestScore = threshold
            for s in candidates.sorted() {
                let gap = Double(abs((events[e].day?.day ?? 0) - (lastDay[s] ?? events[e].day?.day ?? 0)))
                let decay = Float(1 / (1 + gap / halfLife))
                let score = c.cosine(centroids[s]) * decay
                // A story is held together by names: an event that shares the words but not the
                // people, organisations and places is another thread on the same topic.
                if let n, n.cosine(nameCentroids[s]) * decay < nameThreshold { continue }
                // and by its case: the same people on another matter (a spokesman's second case)
                // is another thread.
                if let a = action, !a.isEmpty, !actionCentroids[s].isEmpty, a.cosine(actionCentroids[s]) < actionThreshold { continue }
                // No chaining: the event must be like most of the story's recent events on its own,
                // not only like their mean, so a story cannot drift from one event to the next.
                let recent = members[s].suffix(recentEvents)
                let like = recent.filter { c.cosine(eventCentroids[$0]) >= memberThreshold }.count
                if Float(like) < memberShare * Float(recent.count) { continue }
                if score >= bestScore {
                    bestScore = score
                    best = s
                }
            }
            if best < 0 {
                best = members.count
                members.append([])
                centroids.append(TermVector())
                nameCentroids.append(TermVector())
                actionCentroids.append(TermVector())
                lastDay.append(nil)
            }
            storyOf[e] = best
            members[best].append(e)
            // The story's centroid: the mean of its events' centroids, kept to its heaviest terms.
            var acc: [UInt64: Float] = [:]
            centroids[best].add(into: &acc, scale: Float(members[best].count - 1))
            c.add(into: &acc)
            centroids[best] = TermVector(acc, limit: centroidTerms)
            if let action {
                var raw: [UInt64: Float] = [:]
                actionCentroids[best].add(into: &raw, scale: Float(members[best].count - 1))
                action.add(into: &raw)
                actionCentroids[best] = TermVector(raw, limit: centroidTerms)
            }
            if let n {
                var names: [UInt64: Float] = [:]
                nameCentroids[best].add(into: &names, scale: Float(members[best].count - 1))
                n.add(into: &names)
                nameCentroids[best] = TermVector(names, limit: centroidTerms)
            }
            if let d = events[e].day?.day { lastDay[best] = max(lastDay[best] ?? d, d) }
            for k in keys { index.insert(k, Int32(e)) }
        }
        return members.map { $0.sorted() }.sorted { $0[0] < $1[0] }
    }

    /// The mean of an event's article vectors, as a unit vector.
    public func centroid(_ e: GroupedEvent, _ vectors: [TermVector]) -> TermVector {
        var acc: [UInt64: Float] = [:]
        for m in e.members { vectors[m].add(into: &acc) }
        return TermVector(acc, limit: 64)
    }
}
