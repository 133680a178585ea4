import Foundation
import LinimasaCore
import LinimasaText

/// Joins events into stories: the parameters here, the method in `StoryClustering.swift`
/// (average-linkage clustering of events on a sparse graph).
public struct StoryLinker: Sendable {
    /// Mean time-decayed cosine over all pairs of two stories' events needed to merge them.
    public var threshold: Float = 0.10
    /// Days after which the similarity counts half. News threads come in bursts: on the detik set,
    /// two thirds of the event pairs of one story lie within a week, while of the pairs more than
    /// 30 days apart that pass the gates, seven in eight belong to different stories.
    public var halfLife: Double = 60
    /// The part of the similarity no gap takes away: events alike at four times the threshold (the
    /// seeds' talks of two leaders, months apart, at cosine 0.47) stay one thread however far apart.
    public var decayFloor: Float = 0.25
    /// Events are compared with the most recent events sharing one of their `keyTerms` heaviest
    /// terms or `keyNames` heaviest names. The candidates are a shortcut to comparing all pairs:
    /// on the detik set, from 12 terms on the stories are those of comparing every pair that
    /// shares any term (6 missed threads whose shared case terms are next in weight: stories F1
    /// 0.552 against 0.605, each half of the gold stories better alone).
    public var recentPerTerm: Int = 32
    public var keyTerms: Int = 12
    public var keyNames: Int = 6
    /// Pairs of events less alike than this (time-decayed cosine) count as not linked.
    public var minimumPair: Float = 0.05
    /// Cosine of the terms that are not names (the case) two events need to be compared at all, when names are given.
    public var actionThreshold: Float = 0.1
    /// Cosine of names (the people, organisations and places named, weighted by how telling each
    /// name is) two events need to be compared at all, when names are given.
    public var nameThreshold: Float = 0.1

    public init() {}

    /// Stories as lists of indices into `events`, each list in date order; stories are ordered by
    /// their first event.
    public func stories(_ events: [GroupedEvent], vectors: [TermVector], names: [TermVector]? = nil, profiles: [ArticleProfile]) -> [[Int]] {
        stories(events: storyEvents(events, vector: { vectors[$0] }, name: names.map { n in { n[$0] } }, profiles: profiles))
    }

    /// The same stories from the events as the linker reads them: `storyEvents` needs the articles'
    /// vectors, this does not, so a caller that lets them go in between never holds both.
    public func stories(events: consuming StoryEvents) -> [[Int]] { averageLinkStories(events) }

    /// The mean of an event's article vectors (`vector(article)`), as a unit vector.
    public func centroid(_ e: GroupedEvent, _ vector: (Int) -> TermVector) -> TermVector {
        var acc: [UInt64: Float] = [:]
        for m in e.members { vector(m).add(into: &acc) }
        return TermVector(acc, limit: 64)
    }
}
