import Dispatch
import Foundation
import LinimasaCore
import LinimasaEntities
import LinimasaGroup
import LinimasaSummarize
import LinimasaText

/// Builds stories, events and their summaries from analysed articles, one article at a time.
///
/// `add` profiles articles on all cores and hands them to the `EventGrouper` in input order;
/// `timeline()` reads the groups and summarises them. Adding an article never recomputes the others.
public final class TimelineBuilder {
    public struct Configuration: Sendable {
        public var grouping = EventGrouper.Configuration()
        public var stories = StoryLinker()
        public var summarizer = Summarizer()
        /// Lead sentences kept per article as summary candidates.
        public var leadSentences = 2
        /// Sentences in an event summary.
        public var summarySentences = 2
        /// Quotes kept per article, in text order.
        public var maxQuotes = 8
        public var jobs = ProcessInfo.processInfo.activeProcessorCount
        public init() {}
    }

    public let configuration: Configuration
    public let grouper: EventGrouper
    let profiler = ProfileBuilder()
    let stemmer: Stemmer?
    /// Each article's digest, kept as bytes (`DigestArena`) and read when its story is summarised.
    var digests = DigestArena()
    /// Each article's speakers as `EventGrouper.speakerWords`, worked out once as it is added.
    var speakers: [[UInt64]] = []
    var nameTable = NameTable()

    public init(stemmer: Stemmer?, configuration: Configuration = Configuration()) {
        self.stemmer = stemmer
        self.configuration = configuration
        self.grouper = EventGrouper(configuration: configuration.grouping)
    }

    public var count: Int { digests.count }
    /// Seconds spent profiling (all threads together: wall time) and grouping (finding copies as
    /// articles are added; linking events and stories when the timeline is read), for benchmarks.
    public private(set) var profileSeconds = 0.0
    public private(set) var groupSeconds = 0.0
    /// Of `groupSeconds`: linking events (names, weights, content links) and joining them into stories.
    public private(set) var linkSeconds = 0.0
    public private(set) var storySeconds = 0.0

    /// Groups a batch of articles (in their order) and returns what each one changed.
    @discardableResult
    public func add(_ articles: [Article]) -> [EventGrouper.Change] {
        let t0 = DispatchTime.now().uptimeNanoseconds
        let prepared = prepare(articles)
        let t1 = DispatchTime.now().uptimeNanoseconds
        profileSeconds += Double(t1 - t0) / 1e9
        return add(prepared: prepared)
    }

    /// Groups articles prepared earlier (by `prepared(_:)`, perhaps in another process and kept in a
    /// store): what `add` does after analysis, so a store regroups without analysing again.
    @discardableResult
    public func add(prepared: [PreparedArticle]) -> [EventGrouper.Change] {
        let t1 = DispatchTime.now().uptimeNanoseconds
        var changes: [EventGrouper.Change] = []
        changes.reserveCapacity(prepared.count)
        for item in prepared {
            changes.append(grouper.add(item.profile))
            var d = item.digest
            d.packed = nameTable.pack(d.entities)
            d.entities = []
            digests.append(d)
            speakers.append(EventGrouper.speakerWords(d.quotes.compactMap(\.speaker)))
        }
        groupSeconds += Double(DispatchTime.now().uptimeNanoseconds - t1) / 1e9
        return changes
    }

    /// What grouping needs of each article (profile and digest), computed on all cores: a store
    /// keeps these so that adding articles later never analyses the old ones again.
    public func prepared(_ articles: [Article]) -> [PreparedArticle] { prepare(articles) }

    /// Profiles and digests, computed on `jobs` threads (each with its own term cache).
    func prepare(_ articles: [Article]) -> [PreparedArticle] {
        let stemmer = self.stemmer
        let profiler = self.profiler
        let lead = configuration.leadSentences
        let maxQuotes = configuration.maxQuotes
        return parallelMap(articles, jobs: configuration.jobs, context: { TermCache(stemmer: stemmer) }) { cache, a in
            var a = a
            // Capitalised common words taken for people stay out of events and stories.
            if let stemmer { a.entities.removeAll { EntityFinder.isDerivedWordAsPerson($0, stemmer: stemmer) } }
            let p = profiler.profile(a, cache: cache)
            return PreparedArticle(profile: p, digest: Self.digest(a, profile: p, lead: lead, maxQuotes: maxQuotes))
        }
    }

    static func digest(_ a: Article, profile: ArticleProfile, lead: Int, maxQuotes: Int) -> ArticleDigest {
        var days = Set<Int32>()
        var dateSentence: String? = nil
        for t in a.times where t.granularity == .day || t.granularity == .time {
            guard let d = CivilDate(iso: t.value.prefix(10)) else { continue }
            days.insert(Int32(truncatingIfNeeded: d.daysSinceEpoch))
            if dateSentence == nil, profile.eventDay.source == .text, d.daysSinceEpoch == profile.eventDay.day {
                dateSentence = a.sentences.first { $0.start <= t.start && t.end <= $0.end }?.text
            }
        }
        let kept = a.entities.sorted { $0.mentions.count > $1.mentions.count }.prefix(ArticleDigest.maxEntities)
        let entities = kept.map { e in
            var names: [String: Int] = [:]
            for m in e.mentions { names[m.text, default: 0] += 1 }
            return DigestEntity(canonical: e.canonical, kind: e.kind, names: names, roles: e.roles, mentions: e.mentions.count)
        }
        return ArticleDigest(
            ref: ArticleRef(id: a.id, outlet: a.outlet, title: a.title, published: a.published.value),
            language: a.language, leadText: a.sentences.prefix(lead).map(\.text).joined(separator: "\u{1E}"),
            mentionedDays: days.sorted(), sources: a.citations.map(\.outlet), entities: entities,
            quotes: a.quotes.prefix(maxQuotes).map { q in
                var q = q
                if q.text.count > ArticleDigest.maxQuoteLength { q.text = String(q.text.prefix(ArticleDigest.maxQuoteLength)) + "…" }
                return q
            }, claims: ClaimFinder.claims(a, includeRoles: false), dateSentence: dateSentence)
    }

    // MARK: reading

    /// Every entity of the collection, most mentioned first: each story's entities joined across
    /// stories (`collectionEntities`), with the events they appear in.
    public func entities() -> [EntitySummary] { Self.collectionEntities(timeline().stories) }

    /// A story's identity before it is summarised: its id, a key of its events' memberships, and its
    /// articles. Two plans with one key summarise to the same story if none of its articles changed.
    public struct StoryPlan: Sendable {
        public var id: String
        public var key: String
        public var articles: [String]
    }

    /// The timeline; `reusing` may hand back a story summarised before (a store's, for a plan whose
    /// articles did not change), and only the other stories are summarised.
    public func timeline(reusing: ((StoryPlan) -> Story?)? = nil) -> Timeline {
        var stories: [Story] = []
        forEachStory(reusing: reusing) { stories.append($0) }
        return Timeline(stories: stories, articles: articleRefs())
    }

    /// Every grouped article's reference (id, outlet, title, publication time), in the order added.
    public func articleRefs() -> [ArticleRef] {
        grouper.profiles.indices.map { digests.ref($0, id: grouper.profiles[$0].id) }
    }

    /// The timeline's stories one at a time, in its order: what `timeline(reusing:)` holds, handed
    /// over as they are summarised (`batch` stories at a time, on every core), so that a reader that
    /// writes or counts them never holds them all. The stories of a million articles, as values,
    /// take gigabytes.
    public func forEachStory(reusing: ((StoryPlan) -> Story?)? = nil, batch: Int = 1024, _ body: (Story) throws -> Void) rethrows {
        let profiles = grouper.profiles
        let t0 = DispatchTime.now().uptimeNanoseconds
        let (events, layout, t1) = linkedEvents()
        // The layout is let go once the pairs are scored (`stories(events:)` consumes it).
        let stories = configuration.stories.stories(events: consume layout)
        let t2 = DispatchTime.now().uptimeNanoseconds
        // Content links and stories are made here, over all articles: grouping time too.
        linkSeconds += Double(t1 - t0) / 1e9
        storySeconds += Double(t2 - t1) / 1e9
        groupSeconds += Double(t2 - t0) / 1e9
        // Stories are summarised independently: on every core, one term cache a thread.
        let me = UncheckedReference(self)
        var from = 0
        while from < stories.count {
            let range = from..<min(from + max(batch, 1), stories.count)
            var kept = [Story?](repeating: nil, count: range.count)
            if let reusing {
                for k in range { kept[k - from] = reusing(plan(stories[k], events: events)) }
            }
            let todo = range.filter { kept[$0 - from] == nil }
            let made = parallelMap(todo, jobs: configuration.jobs, context: { TermCache(stemmer: me.object.stemmer) }) { cache, k in
                me.object.story(stories[k], events: events, profiles: profiles, cache: cache)
            }
            for (k, story) in zip(todo, made) { kept[k - from] = story }
            for story in kept { try body(story!) }
            from = range.upperBound
        }
    }

    /// The events, laid out for the story linker, and when linking ended. The articles' name vectors
    /// live only in here (their weighted terms are made one article at a time), so they are let go
    /// before the events are linked into stories.
    private func linkedEvents() -> (events: [GroupedEvent], layout: StoryEvents, linked: UInt64) {
        let names = nameVectors()
        let events = grouper.grouped(names: names, speakers: names == nil ? nil : speakers)
        let linked = DispatchTime.now().uptimeNanoseconds
        let layout = configuration.stories.storyEvents(
            events, vector: grouper.weighted, name: names.map { n in { n[$0] } }, profiles: grouper.profiles)
        return (events, layout, linked)
    }

    /// Each article's names as a unit vector: the words of its entities' canonical names (stemmed as
    /// terms are), weighted by mentions and by how rare the word is in the collection. Nil when no
    /// article has entities (`--no-entities`): stories are then made from terms alone.
    func nameVectors() -> [TermVector]? {
        guard (0..<digests.count).contains(where: { digests.names($0).packed.count > 0 }) else { return nil }
        let cache = TermCache(stemmer: stemmer)
        var termsOfName: [Int32: [UInt64]] = [:]
        return (0..<digests.count).map { i in
            let d = digests.names(i)
            var raw: [UInt64: Float] = [:]
            let p = d.packed
            for k in 0..<p.count {
                let f = p.fields[(k * PackedEntities.stride)...]
                let name = f[f.startIndex]
                let mentions = Float(f[f.startIndex + 2])
                if termsOfName[name] == nil {
                    var words: [UInt64: Float] = [:]
                    cache.addTerms(of: TokenizedText(nameTable.names[Int(name)]), language: d.language, weight: 1, into: &words)
                    termsOfName[name] = Array(words.keys)
                }
                for t in termsOfName[name]! {
                    raw[t, default: 0] += (1 + logf(mentions)) * grouper.inverseDocumentFrequency(UInt32(truncatingIfNeeded: t))
                }
            }
            return TermVector(raw, limit: 32)
        }
    }

    func plan(_ s: [Int], events: [GroupedEvent]) -> StoryPlan {
        let groups = s.map { events[$0].members.map { grouper.profiles[$0].id }.sorted() }.sorted { $0[0] < $1[0] }
        var bytes: [UInt8] = []
        for g in groups {
            for id in g {
                bytes += id.utf8
                bytes.append(0)
            }
            bytes.append(1)
        }
        let key = hexDigest128(bytes)
        return StoryPlan(id: stableID("s", s.flatMap { events[$0].members }), key: key, articles: groups.flatMap { $0 })
    }
}

/// Lets worker threads read an object that nobody changes while they run.
struct UncheckedReference<T: AnyObject>: @unchecked Sendable {
    let object: T
    init(_ o: T) { object = o }
}
