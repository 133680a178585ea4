import Foundation
import Linimasa

/// `linimasa eval events`: groups a labelled folder's articles exactly as `timeline`, `ingest` and
/// the server do (the same `BatchRunner`, `Pipeline` and `TimelineBuilder`) and scores the events
/// and stories against the gold labels, beside the TF-IDF + DBSCAN baseline computed in the same
/// run on the same analysed articles.
public struct EventsEvaluation: Sendable {
    public struct Result: Sendable, Codable {
        public var folder: String
        public var articles: Int
        public var uniqueURLs: Int
        public var events: ClusteringScores
        public var stories: ClusteringScores
        /// The baseline at the `eps` that is best for events, and at the one best for stories: tuned on
        /// the very data it is scored on, so it is a generous baseline.
        public var baselineEvents: ClusteringScores
        public var baselineEventsEps: Double
        public var baselineStories: ClusteringScores
        public var baselineStoriesEps: Double
        /// Pairwise F1 of events and of stories on each half of the gold stories, each half grouped on
        /// its own (`EventsDataset.half(ofArticle:)`): a change of method should help on both.
        public var eventsHalvesF1: [Double]
        public var storiesHalvesF1: [Double]
        public var predictedEvents: Int
        public var predictedStories: Int
        public var seconds: Double
        /// The largest story and event errors (`errors` of each; none by default), and the titles of
        /// the articles they name.
        public var storyErrors: [ClusteringError] = []
        public var eventErrors: [ClusteringError] = []
        public var titles: [String: String] = [:]
    }

    public var configuration: TimelineBuilder.Configuration
    public var stemmer: Stemmer?
    public var baseline = TFIDFBaseline()
    /// Distances the baseline's `eps` is tried at.
    public var epsGrid: [Double] = stride(from: 0.05, through: 0.951, by: 0.025).map { $0 }
    /// How many of the largest splits and merges of stories and of events to list (0: none).
    public var errors = 0

    public init(stemmer: Stemmer?, configuration: TimelineBuilder.Configuration = .init()) {
        self.stemmer = stemmer
        self.configuration = configuration
    }

    /// Analyses and groups one folder; failures to read the folder throw, bad lines are skipped
    /// (and reported through `onSkipped`).
    public func run(_ dataset: EventsDataset, onSkipped: (Skipped) -> Void = { _ in }) throws -> Result {
        let start = Date()
        let runner = BatchRunner(pipeline: Pipeline(), reader: InputReader(), jobs: configuration.jobs)
        var articles: [Article] = []
        _ = try runner.run(paths: [dataset.articlesPath], onArticle: { articles.append($0) }, onSkipped: onSkipped)
        // What grouping needs of each article, made once for the whole set and both halves.
        let prepared = TimelineBuilder(stemmer: stemmer, configuration: configuration).prepared(articles)
        let (eventOf, storyOf, eventCount, storyCount) = group(prepared)
        let ours = dataset.score(events: eventOf, stories: storyOf)
        // Each half of the gold stories grouped as a collection of its own, as unseen data would be.
        let halves = (0..<2).map { half in
            let (e, s, _, _) = group(prepared.filter { dataset.half(ofArticle: $0.id) == half })
            return dataset.score(events: e, stories: s, half: half)
        }

        let vectors = TFIDFBaseline.vectors(articles, stemmer: stemmer)
        var bestEvents: (ClusteringScores, Double)? = nil
        var bestStories: (ClusteringScores, Double)? = nil
        for eps in epsGrid {
            let labels = baseline.labels(vectors, eps: eps)
            var predicted: [String: String] = [:]
            for (k, a) in articles.enumerated() { predicted[a.id] = String(labels[k]) }
            let s = dataset.score(events: predicted, stories: predicted)
            if bestEvents == nil || s.events.pairwise.f1 > bestEvents!.0.pairwise.f1 { bestEvents = (s.events, eps) }
            if bestStories == nil || s.stories.pairwise.f1 > bestStories!.0.pairwise.f1 { bestStories = (s.stories, eps) }
        }
        var result = Result(
            folder: dataset.directory, articles: articles.count, uniqueURLs: dataset.goldEvent.count, events: ours.events,
            stories: ours.stories, baselineEvents: bestEvents!.0, baselineEventsEps: bestEvents!.1, baselineStories: bestStories!.0,
            baselineStoriesEps: bestStories!.1, eventsHalvesF1: halves.map(\.events.pairwise.f1),
            storiesHalvesF1: halves.map(\.stories.pairwise.f1), predictedEvents: eventCount, predictedStories: storyCount,
            seconds: Date().timeIntervalSince(start))
        if errors > 0 {
            result.storyErrors = ClusteringError.largest(gold: dataset.goldStory, predicted: storyOf, limit: errors)
            result.eventErrors = ClusteringError.largest(gold: dataset.goldEvent, predicted: eventOf, limit: errors)
            let named = Set((result.storyErrors + result.eventErrors).flatMap { $0.parts.joined() })
            for a in articles where named.contains(a.id) { result.titles[a.id] = a.title ?? a.body.first ?? "" }
        }
        return result
    }

    /// Each article's event and story as `timeline` groups them, and the numbers of events and stories.
    func group(_ prepared: [PreparedArticle]) -> (events: [String: String], stories: [String: String], eventCount: Int, storyCount: Int) {
        let builder = TimelineBuilder(stemmer: stemmer, configuration: configuration)
        builder.add(prepared: prepared)
        let timeline = builder.timeline()
        var eventOf: [String: String] = [:]
        var storyOf: [String: String] = [:]
        var eventCount = 0
        for s in timeline.stories {
            for e in s.events {
                eventCount += 1
                for a in e.articles {
                    eventOf[a] = e.id
                    storyOf[a] = s.id
                }
            }
        }
        return (eventOf, storyOf, eventCount, timeline.stories.count)
    }

    /// The report people read: a table, then `name: value` lines.
    public static func report(_ results: [Result]) -> String {
        var out = ""
        func f(_ x: Double) -> String { String(format: "%.3f", x) }
        func row(_ name: String, _ s: ClusteringScores) -> String {
            "\(name)\t\(f(s.pairwise.precision))/\(f(s.pairwise.recall))/\(f(s.pairwise.f1))\t\(f(s.bcubed.precision))/\(f(s.bcubed.recall))/\(f(s.bcubed.f1))\n"
        }
        for r in results {
            out += "\(r.folder): \(r.articles) articles, \(r.uniqueURLs) unique URLs; \(r.predictedEvents) events in \(r.predictedStories) stories (\(String(format: "%.1f", r.seconds)) s)\n"
            out += "\t\tpairwise P/R/F1\tB-cubed P/R/F1\n"
            out += row("events\tlinimasa", r.events)
            out += row("events\ttfidf-dbscan eps=\(String(format: "%.3f", r.baselineEventsEps))", r.baselineEvents)
            out += row("stories\tlinimasa", r.stories)
            out += row("stories\ttfidf-dbscan eps=\(String(format: "%.3f", r.baselineStoriesEps))", r.baselineStories)
            out += "each half of the gold stories grouped alone, pairwise F1: events \(r.eventsHalvesF1.map(f).joined(separator: " / ")), stories \(r.storiesHalvesF1.map(f).joined(separator: " / "))\n"
            for (what, errors) in [("story", r.storyErrors), ("event", r.eventErrors)] where !errors.isEmpty {
                out += "largest \(what) errors (a split: a gold \(what) over several found ones, pairs lost; a merge: a found \(what) over several gold ones, pairs wrong):\n"
                for e in errors {
                    out += "  \(e.kind.rawValue) \(e.label): \(e.pairs) pairs\n"
                    for (k, part) in e.parts.enumerated() {
                        for id in part { out += "    \(k + 1) \(id)  \(r.titles[id].map { String($0.prefix(90)) } ?? "")\n" }
                    }
                }
            }
        }
        for r in results {
            let name = (r.folder as NSString).lastPathComponent
            out += "\(name).events.pairwise_f1: \(f(r.events.pairwise.f1))\n"
            out += "\(name).events.bcubed_f1: \(f(r.events.bcubed.f1))\n"
            out += "\(name).stories.pairwise_f1: \(f(r.stories.pairwise.f1))\n"
            out += "\(name).stories.bcubed_f1: \(f(r.stories.bcubed.f1))\n"
            out += "\(name).baseline.events.pairwise_f1: \(f(r.baselineEvents.pairwise.f1))\n"
            out += "\(name).baseline.stories.pairwise_f1: \(f(r.baselineStories.pairwise.f1))\n"
        }
        return out
    }
}
