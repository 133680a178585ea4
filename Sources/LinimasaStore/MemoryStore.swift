import Foundation
import Linimasa

/// A collection kept in memory: the same `CollectionStore` as the SQLite `Store` (held to it by
/// `StoreConformanceTests`), for tests, short runs and programs that embed Linimasa; nothing
/// outlives the process. One lock guards it: writers take turns, readers see committed states.
public final class MemoryStore: CollectionStore, @unchecked Sendable {
    public let location: String
    public let stemmer: Stemmer?

    struct StoredArticle {
        var row: Int64
        var data: ArticleRow
        var added: String
    }

    struct StoredStoryRow {
        var story: Story
        var position: Int
        var members: String
        var entitiesJSON: String
        var line: StorySummary
    }

    struct StoredEvent {
        var row: Int64
        var story: String
        var event: Event
    }

    struct State {
        var articles: [String: StoredArticle] = [:]
        /// Each article's id by its row, and each event's id by its row (what the indexes hold).
        var articleOfRow: [Int64: String] = [:]
        var eventOfRow: [Int64: String] = [:]
        var nextRow: Int64 = 1
        var pending = Set<String>()
        var articlesVersion = 0
        var timelineVersion = 0
        var stories: [String: StoredStoryRow] = [:]
        var events: [String: StoredEvent] = [:]
        var nextEventRow: Int64 = 1
        var articleEvents: [String: (event: String, story: String)] = [:]
        var entities: [(summary: EntitySummary, json: String)] = []
        var crawl: [String: CrawlRecord] = [:]
        var articleIndex: MemorySearchIndex
        var eventIndex: MemorySearchIndex
    }

    private let lock = NSLock()
    private var state: State

    public init(location: String = "memory", stemmer: Stemmer?) {
        self.location = location
        self.stemmer = stemmer
        state = State(
            articleIndex: MemorySearchIndex(stemmer: stemmer, weights: [5, 1]), eventIndex: MemorySearchIndex(stemmer: stemmer, weights: [5, 1]))
    }

    fileprivate func locked<T>(_ body: (inout State) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&state)
    }

    // MARK: reading

    public func status() throws -> StoreStatus {
        locked { s in
            StoreStatus(
                articles: s.articles.count, events: s.events.count, stories: s.stories.count, entities: s.entities.count,
                current: s.articlesVersion == s.timelineVersion, stemming: (stemmer == nil ? StemmingMode.none : .hunspell).rawValue,
                integrity: "ok")
        }
    }

    public func version() throws -> String { locked { s in "\(s.articlesVersion):\(s.timelineVersion)" } }

    public func isCurrent() throws -> Bool { locked { s in s.articlesVersion == s.timelineVersion } }

    public func stories(page: Int = 1, perPage: Int = 20, order: StoryOrder = .recent) throws -> Page<StorySummary> {
        let page = max(1, page)
        let perPage = min(max(1, perPage), 500)
        return locked { s in
            let rows = s.stories.values.sorted { a, b in Self.precedes(a, b, order) }
            let offset = StoreViews.offset(page: page, perPage: perPage)
            let items = offset >= rows.count ? [] : rows[offset...].prefix(perPage).map(\.line)
            return Page(items: Array(items), page: page, perPage: perPage, total: rows.count)
        }
    }

    /// The SQLite store's orders: a missing last day after every day, then articles, then position.
    static func precedes(_ a: StoredStoryRow, _ b: StoredStoryRow, _ order: StoryOrder) -> Bool {
        func lastDay(_ x: StoredStoryRow, _ y: StoredStoryRow) -> Bool? {
            switch (x.line.lastDay, y.line.lastDay) {
            case (nil, nil): return nil
            case (nil, _): return false
            case (_, nil): return true
            case (let p?, let q?): return p == q ? nil : p > q
            }
        }
        func articles(_ x: StoredStoryRow, _ y: StoredStoryRow) -> Bool? { x.line.articles == y.line.articles ? nil : x.line.articles > y.line.articles }
        switch order {
        case .recent: return lastDay(a, b) ?? articles(a, b) ?? (a.position < b.position)
        case .size: return articles(a, b) ?? lastDay(a, b) ?? (a.position < b.position)
        case .start: return a.position < b.position
        }
    }

    public func story(id: String) throws -> Story? { locked { s in s.stories[id]?.story } }

    public func storyPage(id: String, from: String? = nil, to: String? = nil, offset: Int = 0, limit: Int = 50, maxEntities: Int = 50) throws
        -> StoryTimeline?
    {
        locked { s in
            guard let row = s.stories[id] else { return nil }
            let (story, total) = StoreViews.page(row.story, from: from, to: to, offset: offset, limit: limit, maxEntities: maxEntities)
            return StoryTimeline(
                story: story, articles: Self.refs(story.articles, s), current: s.articlesVersion == s.timelineVersion, eventsTotal: total,
                offset: offset, limit: limit)
        }
    }

    public func event(id: String) throws -> EventRecord? {
        locked { s in
            guard let e = s.events[id], let story = s.stories[e.story] else { return nil }
            return EventRecord(story: story.line, event: e.event)
        }
    }

    public func article(id: String) throws -> ArticleRecord? {
        let found: (StoredArticle, (event: String, story: String)?)? = locked { s in s.articles[id].map { ($0, s.articleEvents[id]) } }
        guard let (stored, place) = found else { return nil }
        let article = try JSONDecoder().decode(Article.self, from: Data(stored.data.json.utf8))
        return ArticleRecord(article: article, event: place?.event, story: place?.story, added: stored.added, updated: stored.data.written)
    }

    public func timeline(story: String? = nil, from: String? = nil, to: String? = nil) throws -> Timeline {
        try locked { s in
            var chosen: [Story]
            if let story {
                guard let row = s.stories[story] else { throw StoreError.notFound("story \(story)") }
                chosen = [row.story]
            } else {
                chosen = s.stories.values.sorted { $0.position < $1.position }.map(\.story)
            }
            chosen = chosen.compactMap { StoreViews.within($0, from: from, to: to) }
            let refs =
                story == nil && from == nil && to == nil
                ? s.articles.values.sorted { $0.row < $1.row }.map(Self.ref) : Self.refs(chosen.flatMap(\.articles), s)
            return Timeline(stories: chosen, articles: refs)
        }
    }

    static func ref(_ a: StoredArticle) -> ArticleRef {
        ArticleRef(id: a.data.key, outlet: a.data.outlet, title: a.data.title, published: a.data.published)
    }

    static func refs(_ ids: [String], _ s: State) -> [ArticleRef] { ids.compactMap { s.articles[$0].map(ref) } }

    public func entities(kind: String? = nil, minMentions: Int = 1, limit: Int? = nil) throws -> [EntitySummary] {
        locked { s in
            let kept = s.entities.map(\.summary).filter { $0.mentions >= minMentions && (kind == nil || $0.kind == kind!.uppercased()) }
                .sorted { $0.mentions != $1.mentions ? $0.mentions > $1.mentions : $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
            return limit.map { Array(kept.prefix(max(0, $0))) } ?? kept
        }
    }

    /// ASCII letters folded, as SQLite's NOCASE and LIKE compare.
    static func folded(_ s: String) -> String {
        String(decoding: s.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
    }

    public func search(_ o: SearchOptions) throws -> SearchResults {
        let limit = min(max(1, o.limit), 200)
        let offset = max(0, o.offset)
        guard let tree = SearchExpression(expression: o.query.expression) else {
            return SearchResults(query: o.query.text, expression: "", articles: [], events: [], totalArticles: 0, notes: o.query.notes)
        }
        return locked { s in
            // The entity filter: entities with the name among their names, their articles and names.
            var entityArticles = Set<String>()
            var entityNames = Set<String>()
            if let entity = o.entity {
                let wanted = Self.folded(entity)
                for (e, _) in s.entities where ([e.name] + e.aliases).contains(where: { Self.folded($0) == wanted }) {
                    entityArticles.formUnion(e.articles)
                    entityNames.insert(Self.folded(e.name))
                }
            }
            func article(_ row: Int64) -> ArticleRow? { s.articleOfRow[row].flatMap { s.articles[$0]?.data } }
            let articleIDs = s.articleIndex.matches(tree).filter { id in
                guard let a = article(id) else { return false }
                if let outlet = o.outlet, a.outlet.map(Self.folded) != Self.folded(outlet) { return false }
                if let from = o.from, !(a.day.map { $0 >= from } ?? false) { return false }
                if let to = o.to, !(a.day.map { $0 <= to } ?? false) { return false }
                if o.entity != nil && !entityArticles.contains(a.key) { return false }
                return true
            }
            let articleScores = s.articleIndex.scores(Self.newest(articleIDs, o.window), for: tree)
            let articleTerms = SnippetTerms(tree, index: s.articleIndex), eventTerms = SnippetTerms(tree, index: s.eventIndex)
            let articles = Self.ranked(articleScores, offset: offset, limit: limit).map { id, score -> SearchHit in
                let a = article(id)!
                let place = s.articleEvents[a.key]
                return SearchHit(
                    kind: "article", id: a.key, title: a.title,
                    snippet: Store.markup(
                        s.articleIndex.snippet([a.title ?? "", a.body], for: tree, terms: articleTerms, open: Store.markOpen, close: Store.markClose)),
                    outlets: a.outlet.map { [$0] } ?? [], date: a.day, event: place?.event, story: place?.story, score: score)
            }
            func eventOf(_ row: Int64) -> StoredEvent? { s.eventOfRow[row].flatMap { s.events[$0] } }
            let eventIDs = s.eventIndex.matches(tree).filter { id in
                guard let e = eventOf(id)?.event else { return false }
                if let outlet = o.outlet, !e.outlets.contains(where: { Self.folded($0) == Self.folded(outlet) }) { return false }
                if let from = o.from, !(e.date.map { $0 >= from } ?? false) { return false }
                if let to = o.to, !(e.date.map { $0 <= to } ?? false) { return false }
                if o.entity != nil && !e.entities.contains(where: { entityNames.contains(Self.folded($0)) }) { return false }
                return true
            }
            let events = Self.ranked(s.eventIndex.scores(Self.newest(eventIDs, o.window), for: tree), offset: offset, limit: min(limit, 20)).map { id, score -> SearchHit in
                let e = eventOf(id)!
                return SearchHit(
                    kind: "event", id: e.event.id, title: e.event.title,
                    snippet: Store.markup(
                        s.eventIndex.snippet(
                            [e.event.title, e.event.summary.joined(separator: " ")], for: tree, terms: eventTerms, open: Store.markOpen,
                            close: Store.markClose)),
                    outlets: e.event.outlets, date: e.event.date, event: e.event.id, story: e.story, score: score)
            }
            return SearchResults(
                query: o.query.text, expression: o.query.expression, articles: articles, events: events, totalArticles: articleIDs.count,
                notes: o.query.notes)
        }
    }

    /// The `window` most recently added of `ids` (the largest rows): what a search ranks.
    static func newest(_ ids: Set<Int64>, _ window: Int) -> Set<Int64> {
        ids.count <= window ? ids : Set(ids.sorted(by: >).prefix(window))
    }

    /// Best first (ties: the earlier row), one page.
    static func ranked(_ scores: [Int64: Double], offset: Int, limit: Int) -> [(Int64, Double)] {
        let sorted = scores.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        guard offset < sorted.count else { return [] }
        return Array(sorted[offset...].prefix(limit)).map { ($0.key, $0.value) }
    }

    // MARK: writing articles

    public func articleHashes() throws -> [String: String] { locked { s in s.articles.mapValues(\.data.hash) } }

    public func saveArticles(_ rows: [ArticleRow], crawl: [CrawlRecord]) throws {
        locked { s in
            for r in rows {
                let row: Int64
                var added = r.written
                if let old = s.articles[r.key] {
                    row = old.row
                    added = old.added
                } else {
                    row = s.nextRow
                    s.nextRow += 1
                }
                s.articles[r.key] = StoredArticle(row: row, data: r, added: added)
                s.articleOfRow[row] = r.key
                s.articleIndex.add(row, columns: [r.title ?? "", r.body])
                s.pending.insert(r.key)
            }
            if !rows.isEmpty { s.articlesVersion += 1 }
            Self.saveCrawl(crawl, &s)
        }
    }

    public func deleteArticles(_ ids: [String]) throws -> [String] {
        locked { s in
            var missing: [String] = []
            var removed = 0
            for id in Set(ids).sorted() {
                guard let a = s.articles.removeValue(forKey: id) else {
                    missing.append(id)
                    continue
                }
                removed += 1
                s.articleIndex.remove(a.row)
                s.articleOfRow[a.row] = nil
                s.pending.remove(id)
                for (url, var r) in s.crawl where r.article == id {
                    r.article = nil
                    s.crawl[url] = r
                }
            }
            if removed > 0 { s.articlesVersion += 1 }
            return missing
        }
    }

    // MARK: grouping

    public func groupingState(force: Bool) throws -> GroupingState? {
        locked { s in
            if !force && s.articlesVersion == s.timelineVersion { return nil }
            var stories: [String: StoredStory] = [:]
            if !force {
                for (id, r) in s.stories { stories[id] = StoredStory(members: r.members, events: r.story.events.count) }
            }
            return GroupingState(version: s.articlesVersion, pending: s.pending, stories: stories)
        }
    }

    public func forEachPrepared(chunk: Int, _ body: ([(row: Int64, blob: Data)]) throws -> Void) throws {
        // The blobs are shared, not copied: the collection is in memory already.
        let all = locked { s in s.articles.values.sorted { $0.row < $1.row }.map { (row: $0.row, blob: $0.data.prepared) } }
        var from = 0
        while from < all.count {
            try body(Array(all[from..<min(from + max(chunk, 1), all.count)]))
            from += max(chunk, 1)
        }
    }

    public func storedArticles(rows: [Int64]) throws -> [Article] {
        let jsons: [String] = locked { s in
            rows.map { s.articleOfRow[$0].flatMap { s.articles[$0]?.data.json } ?? "" }
        }
        let decoder = JSONDecoder()
        return try jsons.map { try decoder.decode(Article.self, from: Data($0.utf8)) }
    }

    public func replacePrepared(_ items: [(row: Int64, prepared: Data)]) throws {
        locked { s in
            for (row, blob) in items { if let key = s.articleOfRow[row] { s.articles[key]?.data.prepared = blob } }
        }
    }

    /// The memory store's `GroupingWriter`: the stories gathered (the collection is in memory anyway).
    final class GatheredStories: GroupingWriter {
        let store: MemoryStore
        var stories: [(story: Story?, id: String, members: String)] = []
        init(_ store: MemoryStore) { self.store = store }
        func write(_ story: Story, members: String) throws { stories.append((story, story.id, members)) }
        func keep(_ id: String) throws { stories.append((nil, id, "")) }
        func storedEntities(_ id: String) throws -> String? { store.locked { $0.stories[id]?.entitiesJSON } }
    }

    public func saveGrouping(version: Int, _ make: (any GroupingWriter) throws -> [(EntitySummary, String)]) throws -> Bool {
        guard locked({ $0.articlesVersion == version }) else { return false }
        let gathered = GatheredStories(self)
        let entities = try make(gathered)
        // Encoded before the lock is taken, as the SQLite store encodes them.
        var fresh: [String: (json: String, line: StorySummary)] = [:]
        for case let (story?, _, _) in gathered.stories { fresh[story.id] = (EntitySummary.compactJSON(story.entities), StoreViews.summary(story)) }
        return locked { s in
            // Articles committed while the stories were made: the writer of those regroups after them.
            guard s.articlesVersion == version else { return false }
            let ids = Set(gathered.stories.map(\.id))
            let kept = Set(gathered.stories.filter { $0.story == nil }.map(\.id))
            // Stories that are gone or summarised anew leave with their events.
            for id in Array(s.stories.keys) where !ids.contains(id) || !kept.contains(id) {
                s.stories[id] = nil
                for (eid, e) in s.events where e.story == id {
                    s.eventIndex.remove(e.row)
                    s.eventOfRow[e.row] = nil
                    s.events[eid] = nil
                }
                for (a, place) in s.articleEvents where place.story == id { s.articleEvents[a] = nil }
            }
            for (p, item) in gathered.stories.enumerated() {
                guard let story = item.story else {
                    s.stories[item.id]?.position = p
                    continue
                }
                let (json, line) = fresh[story.id]!
                s.stories[story.id] = StoredStoryRow(story: story, position: p, members: item.members, entitiesJSON: json, line: line)
                for e in story.events {
                    let row = s.nextEventRow
                    s.nextEventRow += 1
                    s.events[e.id] = StoredEvent(row: row, story: story.id, event: e)
                    s.eventOfRow[row] = e.id
                    s.eventIndex.add(row, columns: [e.title, e.summary.joined(separator: " ")])
                    for a in e.articles { s.articleEvents[a] = (e.id, story.id) }
                }
            }
            s.entities = entities
            s.pending.removeAll()
            s.timelineVersion = version
            return true
        }
    }

    // MARK: crawling

    public func saveCrawl(_ records: [CrawlRecord]) throws { locked { s in Self.saveCrawl(records, &s) } }

    /// As the SQLite store merges them: a field the new record lacks keeps its old value.
    static func saveCrawl(_ records: [CrawlRecord], _ s: inout State) {
        for r in records {
            var merged = r
            if let old = s.crawl[r.url] {
                merged.etag = r.etag ?? old.etag
                merged.lastModified = r.lastModified ?? old.lastModified
                merged.canonical = r.canonical ?? old.canonical
                merged.article = r.article ?? old.article
            }
            s.crawl[r.url] = merged
        }
    }

    public func crawlRecords(_ urls: [String]) throws -> [String: CrawlRecord] {
        locked { s in
            var out: [String: CrawlRecord] = [:]
            for u in urls { if let r = s.crawl[u] { out[u] = r } }
            return out
        }
    }

    public func crawledCanonical(_ canonical: String) throws -> String? {
        locked { s in s.crawl.values.first { ($0.canonical == canonical || $0.url == canonical) && $0.article != nil }?.url }
    }
}
