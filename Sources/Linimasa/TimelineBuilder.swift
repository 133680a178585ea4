import Dispatch
import Foundation
import LinimasaCore
import LinimasaEntities
import LinimasaGroup
import LinimasaSummarize
import LinimasaText

/// What the timeline keeps of an article after grouping it: enough to name it and summarise its
/// event, not its whole text.
struct ArticleDigest: Sendable, Codable {
    var ref: ArticleRef
    var language: Language
    /// The first sentences of the body (news puts the news first); term vectors are made when a
    /// summary needs them, so a million digests stay small.
    var leadText: String
    /// The lead sentences (kept as one string: one allocation, not three).
    var lead: [String] { leadText.isEmpty ? [] : leadText.components(separatedBy: "\u{1E}") }
    /// Days the article mentions (day numbers), once each.
    var mentionedDays: [Int32]
    /// Outlets and agencies it cites.
    var sources: [String]
    /// Its entities, while the digest is being made; `add` moves them into `packed`.
    var entities: [DigestEntity]
    /// Its entities as numbers into the builder's name table (names repeat across a collection).
    var packed = PackedEntities()
    /// Its quotes (the first `maxQuotes`).
    var quotes: [Quote]
    /// Places and casualty counts it states (titles come from `packed`), and the sentence that dates its event.
    var claims: [Claim]
    var dateSentence: String?

    enum CodingKeys: String, CodingKey {
        case ref, language, leadText, mentionedDays, sources, entities, quotes, claims, dateSentence
    }
}

/// An article's entity, as much as stories need: the names it goes by and how often.
struct DigestEntity: Sendable, Codable {
    var canonical: String
    var kind: String
    var names: [String: Int]
    var roles: [String]
    var mentions: Int
}

/// An article's entities as flat arrays of numbers: for each entity its canonical name, kind,
/// mention count and where its names (name, count) and roles lie in `names` and `roles`.
struct PackedEntities: Sendable {
    static let stride = 7
    var fields: [Int32] = []
    var names: [Int32] = []
    var roles: [Int32] = []
    var count: Int { fields.count / PackedEntities.stride }
}

/// An article as grouping needs it: its profile and its digest, without its text. Codable, so a
/// store can keep it beside the article.
public struct PreparedArticle: Sendable, Codable {
    public var profile: ArticleProfile
    var digest: ArticleDigest
    public var id: String { profile.id }
}

/// Names of a collection, each stored once.
struct NameTable {
    var ids: [String: Int32] = [:]
    var names: [String] = []
    mutating func id(_ s: String) -> Int32 {
        if let i = ids[s] { return i }
        let i = Int32(names.count)
        ids[s] = i
        names.append(s)
        return i
    }

    mutating func pack(_ entities: [DigestEntity]) -> PackedEntities {
        var p = PackedEntities()
        for e in entities {
            let nameStart = p.names.count
            for (n, c) in e.names.sorted(by: { $0.key < $1.key }) {
                p.names.append(id(n))
                p.names.append(Int32(c))
            }
            let roleStart = p.roles.count
            for r in e.roles { p.roles.append(id(r)) }
            p.fields += [
                id(e.canonical), Int32(EntityType(code: e.kind)?.rawValue ?? 0), Int32(e.mentions), Int32(nameStart),
                Int32(p.names.count - nameStart), Int32(roleStart), Int32(p.roles.count - roleStart),
            ]
        }
        return p
    }

    func unpack(_ p: PackedEntities) -> [DigestEntity] {
        (0..<p.count).map { k in
            let f = Array(p.fields[(k * PackedEntities.stride)..<((k + 1) * PackedEntities.stride)])
            var names: [String: Int] = [:]
            var i = Int(f[3])
            while i < Int(f[3] + f[4]) {
                names[self.names[Int(p.names[i])]] = Int(p.names[i + 1])
                i += 2
            }
            let roles = p.roles[Int(f[5])..<Int(f[5] + f[6])].map { self.names[Int($0)] }
            return DigestEntity(
                canonical: self.names[Int(f[0])], kind: EntityType(rawValue: Int(f[1]))?.code ?? "PER", names: names, roles: roles,
                mentions: Int(f[2]))
        }
    }
}

extension ArticleDigest {
    /// Entities kept per article (the most mentioned) and characters kept of a quote: a digest
    /// stays a few kilobytes, so a million articles fit in memory.
    static let maxEntities = 24
    static let maxQuoteLength = 300
}

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
    var digests: [ArticleDigest] = []
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
        }
        groupSeconds += Double(DispatchTime.now().uptimeNanoseconds - t1) / 1e9
        return changes
    }

    /// What grouping needs of each article (profile and digest), computed on all cores: a store
    /// keeps these so that adding articles later never analyses the old ones again.
    public func prepared(_ articles: [Article]) -> [PreparedArticle] { prepare(articles) }

    /// Profiles and digests, computed on `jobs` threads (each with its own term cache).
    func prepare(_ articles: [Article]) -> [PreparedArticle] {
        let workers = max(1, min(configuration.jobs, articles.count))
        let out = UnsafeMutableBufferPointer<PreparedArticle?>.allocate(capacity: articles.count)
        out.initialize(repeating: nil)
        defer { out.deinitialize(); out.deallocate() }
        let box = UncheckedBuffer(out)
        let stemmer = self.stemmer
        let profiler = self.profiler
        let lead = configuration.leadSentences
        let maxQuotes = configuration.maxQuotes
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let cache = TermCache(stemmer: stemmer)
            var k = w
            while k < articles.count {
                let a = articles[k]
                let p = profiler.profile(a, cache: cache)
                box.buffer[k] = PreparedArticle(profile: p, digest: Self.digest(a, profile: p, lead: lead, maxQuotes: maxQuotes))
                k += workers
            }
        }
        return out.map { $0! }
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
        let profiles = grouper.profiles
        let t0 = DispatchTime.now().uptimeNanoseconds
        let names = nameVectors()
        let (events, vectors) = grouper.grouped(names: names)
        let stories = configuration.stories.stories(events, vectors: vectors, names: names, profiles: profiles)
        // Content links and stories are made here, over all articles: grouping time too.
        groupSeconds += Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        var reused = [Story?](repeating: nil, count: stories.count)
        if let reusing {
            for (k, s) in stories.enumerated() { reused[k] = reusing(plan(s, events: events)) }
        }
        // Stories are summarised independently: on every core, one term cache a thread.
        let out = UnsafeMutableBufferPointer<Story?>.allocate(capacity: stories.count)
        out.initialize(repeating: nil)
        defer { out.deinitialize(); out.deallocate() }
        let box = UncheckedBuffer(out)
        let me = UncheckedReference(self)
        let todo = stories.indices.filter { reused[$0] == nil }
        for k in stories.indices where reused[k] != nil { box.buffer[k] = reused[k] }
        let workers = max(1, min(configuration.jobs, todo.count))
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let cache = TermCache(stemmer: me.object.stemmer)
            var k = w
            while k < todo.count {
                box.buffer[todo[k]] = me.object.story(stories[todo[k]], events: events, profiles: profiles, cache: cache)
                k += workers
            }
        }
        return Timeline(stories: out.map { $0! }, articles: digests.map(\.ref))
    }

    /// Each article's names as a unit vector: the words of its entities' canonical names (stemmed as
    /// terms are), weighted by mentions and by how rare the word is in the collection. Nil when no
    /// article has entities (`--no-entities`): stories are then made from terms alone.
    func nameVectors() -> [TermVector]? {
        guard digests.contains(where: { $0.packed.count > 0 }) else { return nil }
        let cache = TermCache(stemmer: stemmer)
        var termsOfName: [Int32: [UInt64]] = [:]
        return digests.map { d in
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
        let groups = s.map { events[$0].members.map { digests[$0].ref.id }.sorted() }.sorted { $0[0] < $1[0] }
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

    /// The entities of a collection from its stories' entities, joined across stories by
    /// `AliasResolver` (a story's name counts its mentions, its other names once), most mentioned first.
    public static func collectionEntities(_ stories: [Story]) -> [EntitySummary] {
        var items: [AliasResolver.Item] = []
        var refs: [EntitySummary] = []
        for s in stories {
            for e in s.entities {
                var names = [e.name: max(1, e.mentions)]
                for a in e.aliases where a != e.name { names[a, default: 0] += 1 }
                items.append(AliasResolver.Item(names: names, kind: e.kind))
                refs.append(e)
            }
        }
        var out: [EntitySummary] = []
        for members in AliasResolver.cluster(items, acrossKinds: true) {
            var names: [String: Int] = [:]
            var kinds: [String: Int] = [:]
            var roles: [String] = [], articles: [String] = [], evs: [String] = []
            var seenRoles = Set<String>(), seenArticles = Set<String>(), seenEvents = Set<String>()
            var mentions = 0
            for i in members {
                let e = refs[i]
                for (n, c) in items[i].names { names[n, default: 0] += c }
                kinds[e.kind, default: 0] += e.mentions
                mentions += e.mentions
                for r in e.roles where seenRoles.insert(r).inserted { roles.append(r) }
                for a in e.articles where seenArticles.insert(a).inserted { articles.append(a) }
                for x in e.events where seenEvents.insert(x).inserted { evs.append(x) }
            }
            let kind = kinds.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }!.key
            let aliases = names.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
            out.append(
                EntitySummary(
                    name: members.count == 1 ? refs[members[0]].name : AliasResolver.canonicalName(names, kind: kind), kind: kind,
                    aliases: members.count == 1 ? refs[members[0]].aliases : aliases, roles: roles, mentions: mentions, articles: articles,
                    events: evs))
        }
        return out.sorted { $0.mentions != $1.mentions ? $0.mentions > $1.mentions : $0.name < $1.name }
    }

    func story(_ s: [Int], events: [GroupedEvent], profiles: [ArticleProfile], cache: TermCache) -> Story {
        let storyArticles = s.flatMap { events[$0].members }
        var mentions: [Int: Int] = [:]
        for a in storyArticles { for d in digests[a].mentionedDays { mentions[Int(d), default: 0] += 1 } }
        let names = StoryEntities(storyArticles.map { ($0, nameTable.unpack(digests[$0].packed)) })
        var evs = s.map { e in
            event(
                events[e], id: stableID("e", events[e].members), mentions: events[e].day.map { mentions[$0.day] ?? 0 } ?? 0,
                names: names, profiles: profiles, cache: cache)
        }
        let ordered = storyArticles.sorted { EventGrouper.earlier(profiles[$0], profiles[$1]) }
        var eventsOf: [Int: [String]] = [:]
        for (k, e) in s.enumerated() { for m in events[e].members { eventsOf[m, default: []].append(evs[k].id) } }
        var uses: [SourceUse] = []
        for m in ordered {
            guard !digests[m].sources.isEmpty else { continue }
            let outlet = digests[m].ref.outlet ?? digests[m].ref.id
            if let k = uses.firstIndex(where: { $0.outlet == outlet }) {
                for c in digests[m].sources where !uses[k].sources.contains(c) { uses[k].sources.append(c) }
            } else {
                uses.append(SourceUse(outlet: outlet, sources: digests[m].sources))
            }
        }
        for k in evs.indices { evs[k].entities = names.summaries(of: events[s[k]].members, digests: digests).map(\.name) }
        let storyEntities = names.summaries(of: storyArticles, digests: digests, eventsOf: eventsOf)
        return Story(
            id: stableID("s", storyArticles), title: title(of: ordered, fallback: evs.first?.title ?? "", cache: cache),
            keywords: keywords(of: ordered, entities: storyEntities, cache: cache), articles: ordered.map { digests[$0].ref.id }, events: evs,
            entities: storyEntities, quotes: evs.flatMap(\.quotes),
            sources: uses, disagreements: evs.flatMap(\.disagreements))
    }

    /// An id that stays the same while the group keeps its smallest article id: a prefix and the 16
    /// hex digits of that id's 64-bit hash, so a store can follow a story as articles are added.
    /// (Eight digits gave two events one id in a corpus of 100 thousand articles.)
    func stableID(_ prefix: String, _ members: [Int]) -> String {
        let first = members.map { digests[$0].ref.id }.min() ?? ""
        return prefix + "-" + hex16(hashBytes(first.utf8))
    }

    func event(
        _ e: GroupedEvent, id: String, mentions: Int, names: StoryEntities, profiles: [ArticleProfile], cache: TermCache
    ) -> Event {
        let copies = Set(e.duplicates.map(\.1))
        let copyOf = Dictionary(e.duplicates.map { ($0.1, $0.0) }, uniquingKeysWith: { a, _ in a })
        var candidates: [CandidateSentence] = []
        for (k, m) in e.members.enumerated() where !copies.contains(m) {
            for (p, text) in digests[m].lead.enumerated() {
                candidates.append(CandidateSentence(text: text, position: p, document: k, language: digests[m].language, cache: cache))
            }
        }
        let n = configuration.summarySentences + (e.members.count - copies.count > 3 ? 1 : 0)
        let picked = configuration.summarizer.select(candidates, count: n)
        let summary = picked.map { candidates[$0].text }
        var outlets: [String] = []
        var sources: [String] = []
        for m in e.members {
            if let o = digests[m].ref.outlet, !outlets.contains(o) { outlets.append(o) }
            for c in digests[m].sources where !sources.contains(c) { sources.append(c) }
        }
        let date = e.day.map { CivilDate(daysSinceEpoch: $0.day).description }
        let originals = e.members.filter { !copies.contains($0) }
        var quotes: [QuoteRef] = []
        for m in originals {
            for q in digests[m].quotes {
                quotes.append(
                    QuoteRef(
                        text: q.text, speaker: q.speaker.map { names.name(article: m, canonical: $0) }, verb: q.verb, direct: q.direct,
                        article: digests[m].ref.id, outlet: digests[m].ref.outlet))
            }
        }
        // Claims of the original reports; the day each one's text gives joins them as a claim.
        let claimSources = originals.map { m -> DisagreementFinder.Source in
            let entities = names.entitiesOf[m] ?? []
            var claims = digests[m].claims + ClaimFinder.roleClaims(entities.map { ($0.kind, $0.canonical, $0.roles) })
            if profiles[m].eventDay.source == .text {
                claims.append(
                    Claim(about: "date", value: CivilDate(daysSinceEpoch: profiles[m].eventDay.day).description, sentence: digests[m].dateSentence ?? ""))
            }
            return DisagreementFinder.Source(article: digests[m].ref.id, outlet: digests[m].ref.outlet, claims: claims)
        }
        let disagreements = DisagreementFinder.find(claimSources) { names.name(canonical: $0) }
        return Event(
            id: id, date: date, granularity: .day, dateSource: e.day?.source.rawValue,
            title: title(of: e.members, fallback: summary.first ?? "", cache: cache), summary: summary,
            articles: e.members.map { digests[$0].ref.id },
            reports: e.members.map { m in
                let r = digests[m].ref
                return Report(id: r.id, outlet: r.outlet, published: r.published, copyOf: copyOf[m].map { digests[$0].ref.id })
            },
            outlets: outlets, sources: sources,
            duplicates: e.duplicates.map { [digests[$0.0].ref.id, digests[$0.1].ref.id] }, mentions: mentions,
            quotes: quotes, disagreements: disagreements)
    }

    /// The story's most telling names: its entities ranked by how often the story mentions them
    /// times how rare their words are in the collection (a president named in half the collection
    /// says less about this thread than the suspect named in three reports). Without entities
    /// (`--no-entities`), the capitalised words inside the lead sentences (never headlines, whose
    /// every word is capitalised), ranked the same way.
    func keywords(of members: [Int], entities: [EntitySummary], cache: TermCache, count: Int = 5) -> [String] {
        let language = members.first.map { digests[$0].language } ?? .id
        func specificity(_ name: String) -> Float {
            var raw: [UInt64: Float] = [:]
            cache.addTerms(of: TokenizedText(name), language: language, weight: 1, into: &raw)
            guard !raw.isEmpty else { return 0 }
            return raw.keys.map { grouper.inverseDocumentFrequency(UInt32(truncatingIfNeeded: $0)) }.max() ?? 0
        }
        var scored: [(String, Float)] = []
        if !entities.isEmpty {
            scored = entities.map { ($0.name, Float($0.mentions) * specificity($0.name)) }
        } else {
            var seen: [String: Int] = [:]
            for m in members {
                var words = Set<String>()
                for text in digests[m].lead {
                    let t = TokenizedText(text)
                    for (i, tok) in t.tokens.enumerated() where tok.kind == .word && i > 0 && t.isCapitalized(i) && tok.length > 2 {
                        let prev = t.tokens[i - 1]
                        if prev.kind == .punct, [0x2E, 0x21, 0x3F].contains(t.bytes[prev.start]) { continue }
                        let w = t.text(i)
                        if Stopwords.contains(w.lowercased()) { continue }
                        words.insert(w)
                    }
                }
                for w in words { seen[w, default: 0] += 1 }
            }
            scored = seen.map { ($0.key, Float($0.value) * specificity($0.key)) }
        }
        return scored.filter { $0.1 > 0 }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(count).map(\.0)
    }

    /// The headline closest to what the articles say together; failing any headline, `fallback`.
    func title(of members: [Int], fallback: String, cache: TermCache) -> String {
        var acc: [UInt64: Float] = [:]
        for m in members { grouper.profiles[m].terms.add(into: &acc) }
        let centroid = TermVector(acc, limit: 64)
        var best: (Float, String)? = nil
        for m in members {
            guard let t = digests[m].ref.title else { continue }
            var raw: [UInt64: Float] = [:]
            cache.addTerms(of: TokenizedText(t), language: digests[m].language, weight: 1, into: &raw)
            let s = TermVector(raw, limit: 32).cosine(centroid)
            if best == nil || s > best!.0 { best = (s, t) }
        }
        return best?.1 ?? fallback
    }
}

/// The entities of a story: each article's entities joined across articles by `AliasResolver`.
struct StoryEntities {
    struct Group {
        var name: String
        var kind: String
        var names: [String: Int]
        var roles: [String]
        var mentions: Int
        var members: [(article: Int, entity: Int)]
    }
    var groups: [Group] = []
    /// (article index, article-level canonical name) → group.
    var groupOf: [String: Int] = [:]
    var byCanonical: [String: Int] = [:]

    /// Each article's entities, by article index.
    var entitiesOf: [Int: [DigestEntity]]

    init(_ articles: [(Int, [DigestEntity])]) {
        var items: [AliasResolver.Item] = []
        var refs: [(Int, Int)] = []
        entitiesOf = Dictionary(articles.map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
        for (m, list) in articles {
            for (k, e) in list.enumerated() {
                items.append(AliasResolver.Item(names: e.names, kind: e.kind))
                refs.append((m, k))
            }
        }
        for members in AliasResolver.cluster(items, acrossKinds: true) {
            var names: [String: Int] = [:]
            var roles: [String] = []
            var kinds: [String: Int] = [:]
            var count = 0
            var list: [(Int, Int)] = []
            for i in members {
                let (m, k) = refs[i]
                let e = entitiesOf[m]![k]
                for (n, c) in e.names { names[n, default: 0] += c }
                for r in e.roles where !roles.contains(r) { roles.append(r) }
                kinds[e.kind, default: 0] += e.mentions
                count += e.mentions
                list.append((m, k))
            }
            let kind = kinds.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }!.key
            let g = groups.count
            groups.append(Group(name: AliasResolver.canonicalName(names, kind: kind), kind: kind, names: names, roles: roles, mentions: count, members: list))
            for i in members {
                let (m, k) = refs[i]
                let canonical = entitiesOf[m]![k].canonical
                groupOf["\(m)\t\(canonical)"] = g
                byCanonical[canonical] = byCanonical[canonical] ?? g
            }
        }
    }

    /// The story's name for what article `article` calls `canonical`.
    func name(article: Int, canonical: String) -> String {
        groupOf["\(article)\t\(canonical)"].map { groups[$0].name } ?? canonical
    }
    func name(canonical: String) -> String { byCanonical[canonical].map { groups[$0].name } ?? canonical }

    /// Entities of some of the story's articles, most mentioned first.
    func summaries(of articles: [Int], digests: [ArticleDigest], eventsOf: [Int: [String]] = [:]) -> [EntitySummary] {
        let wanted = Set(articles)
        var out: [EntitySummary] = []
        for g in groups {
            let members = g.members.filter { wanted.contains($0.article) }
            guard !members.isEmpty else { continue }
            var ids: [String] = []
            var evs: [String] = []
            var count = 0
            for (m, k) in members {
                count += entitiesOf[m]![k].mentions
                if !ids.contains(digests[m].ref.id) { ids.append(digests[m].ref.id) }
                for e in eventsOf[m] ?? [] where !evs.contains(e) { evs.append(e) }
            }
            let aliases = g.names.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
            out.append(EntitySummary(name: g.name, kind: g.kind, aliases: aliases, roles: g.roles, mentions: count, articles: ids, events: evs))
        }
        return out.sorted { $0.mentions != $1.mentions ? $0.mentions > $1.mentions : $0.name < $1.name }
    }
}
