import Foundation
import Linimasa
import NIOCore
import PostgresNIO

/// Reading and writing a PostgreSQL collection: the SQL of each `CollectionStore` requirement.
extension PostgresStore {
    // MARK: reading

    public func status() throws -> StoreStatus {
        try withConnection { c in
            let r = try rows(
                c,
                """
                SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events), (SELECT count(*) FROM stories),
                  (SELECT count(*) FROM entities), (SELECT value FROM meta WHERE key = 'stemming')
                """)[0]
            let (a, e, s, n, stemming) = try r.decode((Int, Int, Int, Int, String).self)
            return StoreStatus(
                articles: a, events: e, stories: s, entities: n, current: try version(c, "articles_version") == version(c, "timeline_version"),
                stemming: stemming, integrity: "ok")
        }
    }

    public func version() throws -> String {
        try withConnection { c in "\(try version(c, "articles_version")):\(try version(c, "timeline_version"))" }
    }

    public func isCurrent() throws -> Bool {
        try withConnection { c in try version(c, "articles_version") == version(c, "timeline_version") }
    }

    public func stories(page: Int = 1, perPage: Int = 20, order: StoryOrder = .recent) throws -> Page<StorySummary> {
        let page = max(1, page)
        let perPage = min(max(1, perPage), 500)
        let offset = StoreViews.offset(page: page, perPage: perPage)
        return try withConnection { c in
            let total = try rows(c, "SELECT count(*) FROM stories")[0].decode(Int.self)
            guard offset < total else { return Page(items: [], page: page, perPage: perPage, total: total) }
            let found = try rows(
                c,
                PostgresQuery(
                    unsafeSQL: """
                        SELECT id, title, first_day, last_day, events, articles, outlets, keywords FROM stories
                        ORDER BY \(order.sql) LIMIT \(perPage) OFFSET \(offset)
                        """))
            return Page(items: try found.map(Self.summary), page: page, perPage: perPage, total: total)
        }
    }

    static func summary(_ r: PostgresRow) throws -> StorySummary {
        let (id, title, first, last, events, articles, outlets, keywords) = try r.decode(
            (String, String, String?, String?, Int, Int, String, String).self)
        return StorySummary(
            id: id, title: title, firstDay: first, lastDay: last, events: events, articles: articles, outlets: Store.split(outlets),
            keywords: Store.split(keywords))
    }

    func storyJSON(_ c: PostgresConnection, _ id: String) throws -> Story? {
        guard let json = try rows(c, "SELECT json FROM stories WHERE id = \(id)").first?.decode(String.self) else { return nil }
        return try StoredJSON.story(json)
    }

    public func story(id: String) throws -> Story? { try withConnection { c in try storyJSON(c, id) } }

    public func storyPage(id: String, from: String? = nil, to: String? = nil, offset: Int = 0, limit: Int = 50, maxEntities: Int = 50) throws
        -> StoryTimeline?
    {
        try withConnection { c in
            guard let story = try storyJSON(c, id) else { return nil }
            let (s, total) = StoreViews.page(story, from: from, to: to, offset: offset, limit: limit, maxEntities: maxEntities)
            return StoryTimeline(
                story: s, articles: try refs(c, s.articles), current: try version(c, "articles_version") == version(c, "timeline_version"),
                eventsTotal: total, offset: offset, limit: limit)
        }
    }

    /// The references of some articles (by id), in the order given; ids not stored are left out.
    func refs(_ c: PostgresConnection, _ ids: [String]) throws -> [ArticleRef] {
        guard !ids.isEmpty else { return [] }
        var byID: [String: ArticleRef] = [:]
        for r in try rows(c, "SELECT key, outlet, title, published FROM articles WHERE key = ANY(\(ids))") {
            let (k, o, t, p) = try r.decode((String, String?, String?, String?).self)
            byID[k] = ArticleRef(id: k, outlet: o, title: t, published: p)
        }
        return ids.compactMap { byID[$0] }
    }

    public func event(id: String) throws -> EventRecord? {
        try withConnection { c in
            guard let r = try rows(c, "SELECT story, json FROM events WHERE id = \(id)").first else { return nil }
            let (story, json) = try r.decode((String, String).self)
            guard
                let s = try rows(
                    c, "SELECT id, title, first_day, last_day, events, articles, outlets, keywords FROM stories WHERE id = \(story)"
                ).first
            else { return nil }
            return EventRecord(story: try Self.summary(s), event: try StoredJSON.event(json))
        }
    }

    public func article(id: String) throws -> ArticleRecord? {
        try withConnection { c in
            guard
                let r = try rows(
                    c,
                    """
                    SELECT a.json, a.added, a.updated, ae.event, ae.story FROM articles a
                    LEFT JOIN article_events ae ON ae.article = a.key WHERE a.key = \(id)
                    """
                ).first
            else { return nil }
            let (json, added, updated, event, story) = try r.decode((String, String, String, String?, String?).self)
            return ArticleRecord(
                article: try JSONDecoder().decode(Article.self, from: Data(json.utf8)), event: event, story: story, added: added, updated: updated)
        }
    }

    public func timeline(story: String? = nil, from: String? = nil, to: String? = nil) throws -> Timeline {
        try withConnection { c in
            let jsons: [String]
            if let story {
                jsons = try rows(c, "SELECT json FROM stories WHERE id = \(story)").map { try $0.decode(String.self) }
                if jsons.isEmpty { throw StoreError.notFound("story \(story)") }
            } else {
                jsons = try rows(c, "SELECT json FROM stories ORDER BY position").map { try $0.decode(String.self) }
            }
            let stories = try jsons.compactMap { StoreViews.within(try StoredJSON.story($0), from: from, to: to) }
            let refs: [ArticleRef]
            if story == nil && from == nil && to == nil {
                refs = try rows(c, "SELECT key, outlet, title, published FROM articles ORDER BY id").map { r in
                    let (k, o, t, p) = try r.decode((String, String?, String?, String?).self)
                    return ArticleRef(id: k, outlet: o, title: t, published: p)
                }
            } else {
                refs = try self.refs(c, stories.flatMap(\.articles))
            }
            return Timeline(stories: stories, articles: refs)
        }
    }

    public func entities(kind: String? = nil, minMentions: Int = 1, limit: Int? = nil) throws -> [EntitySummary] {
        try withConnection { c in
            let k = kind?.uppercased()
            let found = try rows(
                c,
                """
                SELECT json FROM entities WHERE mentions >= \(minMentions) AND (\(k)::text IS NULL OR kind = \(k))
                ORDER BY mentions DESC, name COLLATE "C" LIMIT \(limit.map { max(0, $0) })
                """)
            return try found.map { try StoredJSON.entity(try $0.decode(String.self)) }
        }
    }

    public func search(_ o: SearchOptions) throws -> SearchResults {
        let limit = min(max(1, o.limit), 200)
        let offset = max(0, o.offset)
        let empty = SearchResults(query: o.query.text, expression: "", articles: [], events: [], totalArticles: 0, notes: o.query.notes)
        guard let tree = SearchExpression(expression: o.query.expression), let query = tsquery(tree) else { return empty }
        let phrases = tree.phrases.map { p in tsquery(.phrase(p.text, prefix: p.prefix)) }
        return try transaction(isolation: "REPEATABLE READ") { c in
            // The planner costs `@@` as cheap and so prefers reading the whole table when many rows
            // match; but every row read that way has its tsvector fetched from TOAST and unpacked (150 ms
            // at 20,000 articles against 13 ms through the GIN index). Searches go through the index.
            try run(c, "SET LOCAL enable_seqscan = off")
            // Articles: matched by the index, filtered in SQL, ranked here.
            let words = SearchWords.phrases(tree, stemmer: stemmer)
            let (stats, eventStats, hits, eventHits) = try searchStatistics(c, phrases: phrases, words: words)
            let outlet = o.outlet?.lowercased()
            let counter = SearchWords.Counter(words)
            // Every match's words (kept as text, a space between), counted here as bytes; then the
            // shown page's details only.
            let matched = try rows(
                c,
                """
                SELECT a.id, a.length, a.title_words, a.body_words, count(*) OVER () FROM articles a
                WHERE a.doc @@ \(query)::tsquery
                  AND (\(outlet)::text IS NULL OR lower(a.outlet) = \(outlet))
                  AND (\(o.from)::text IS NULL OR a.day >= \(o.from))
                  AND (\(o.to)::text IS NULL OR a.day <= \(o.to))
                  AND (\(o.entity)::text IS NULL OR a.key IN (
                    SELECT x.article FROM article_entities x JOIN entity_names n ON n.entity = x.entity WHERE lower(n.name) = lower(\(o.entity))))
                ORDER BY a.id DESC LIMIT \(o.window)
                """)
            var total = 0
            let average = stats.0 > 0 ? Double(stats.1) / Double(stats.0) : 1
            var scores: [Int64: Double] = [:]
            for r in matched {
                let (id, length, titleWords, bodyWords, count) = try r.decode((Int64, Int, ByteBuffer, ByteBuffer, Int).self)
                total = count
                scores[id] = SearchWords.score(counter.counts(in: [titleWords, bodyWords]), hits: hits, rows: stats.0, length: length, averageLength: average)
            }
            let page = SearchWords.ranked(scores, offset: offset, limit: limit)
            var detail: [Int64: (key: String, title: String?, outlet: String?, day: String?, event: String?, story: String?, body: String, words: [String])] = [:]
            for r in try rows(
                c,
                """
                SELECT a.id, a.key, a.title, a.outlet, a.day, ae.event, ae.story, a.body, a.title_words, a.body_words
                FROM articles a LEFT JOIN article_events ae ON ae.article = a.key WHERE a.id = ANY(\(page.map(\.0)))
                """)
            {
                let (id, key, title, outlet, day, event, story, body, titleWords, bodyWords) = try r.decode(
                    (Int64, String, String?, String?, String?, String?, String?, String, String, String).self)
                detail[id] = (key, title, outlet, day, event, story, body, [titleWords, bodyWords])
            }
            let terms = SearchWords.terms(tree, stemmer: stemmer)
            let articles = page.compactMap { id, score -> SearchHit? in
                guard let d = detail[id] else { return nil }
                return SearchHit(
                    kind: "article", id: d.key, title: d.title, snippet: SearchWords.snippet([d.title ?? "", d.body], words: d.words, for: tree, terms: terms, stemmer: stemmer),
                    outlets: d.outlet.map { [$0] } ?? [], date: d.day, event: d.event, story: d.story, score: score)
            }
            // Events: matched by the index, filtered and ranked here.
            var entityNames = Set<String>()
            if let entity = o.entity {
                for r in try rows(
                    c, "SELECT DISTINCT e.name FROM entities e JOIN entity_names n ON n.entity = e.id WHERE lower(n.name) = lower(\(entity))")
                {
                    entityNames.insert(MemoryStore.folded(try r.decode(String.self)))
                }
            }
            var eventScores: [Int64: Double] = [:]
            var eventDetail: [Int64: (id: String, story: String, day: String?, title: String, summary: String, outlets: [String], words: [ByteBuffer])] = [:]
            let eventAverage = eventStats.0 > 0 ? Double(eventStats.1) / Double(eventStats.0) : 1
            // The days are filtered in SQL; outlets and entities (lists in one column) here, so only
            // without them are no more than the window's rows sent (every match's words were sent).
            let eventLimit: Int? = o.outlet == nil && o.entity == nil ? o.window : nil
            for r in try rows(
                c,
                """
                SELECT row, id, story, day, title, summary, outlets, entities, title_words, summary_words, length FROM events
                WHERE doc @@ \(query)::tsquery
                  AND (\(o.from)::text IS NULL OR day >= \(o.from))
                  AND (\(o.to)::text IS NULL OR day <= \(o.to))
                ORDER BY row DESC LIMIT \(eventLimit)
                """)
            {
                let (row, id, story, day, title, summary, outlets, entities, titleWords, summaryWords, length) = try r.decode(
                    (Int64, String, String, String?, String, String, String, String, ByteBuffer, ByteBuffer, Int).self)
                // Newest first: the window's worth that pass the filters are ranked.
                if eventScores.count >= o.window { break }
                let outletList = Store.split(outlets)
                if let wanted = o.outlet, !outletList.contains(where: { MemoryStore.folded($0) == MemoryStore.folded(wanted) }) { continue }
                if let from = o.from, !(day.map { $0 >= from } ?? false) { continue }
                if let to = o.to, !(day.map { $0 <= to } ?? false) { continue }
                if o.entity != nil && !Store.split(entities).contains(where: { entityNames.contains(MemoryStore.folded($0)) }) { continue }
                eventScores[row] = SearchWords.score(
                    counter.counts(in: [titleWords, summaryWords]), hits: eventHits, rows: eventStats.0, length: length,
                    averageLength: eventAverage)
                eventDetail[row] = (id, story, day, title, summary, outletList, [titleWords, summaryWords])
            }
            let events = SearchWords.ranked(eventScores, offset: offset, limit: min(limit, 20)).map { row, score -> SearchHit in
                let d = eventDetail[row]!
                return SearchHit(
                    kind: "event", id: d.id, title: d.title, snippet: SearchWords.snippet(
                        [d.title, d.summary], words: d.words.map { String(buffer: $0) }, for: tree, terms: terms, stemmer: stemmer),
                    outlets: d.outlets, date: d.day, event: d.id, story: d.story, score: score)
            }
            return SearchResults(
                query: o.query.text, expression: o.query.expression, articles: articles, events: events, totalArticles: total,
                notes: o.query.notes)
        }
    }

    /// What BM25 needs besides the matches, in one statement (one round trip, not two a table and
    /// one a phrase and table): the rows and words of articles and of events, and how many of each
    /// hold each phrase (`nil`: a phrase with no words, held by none).
    func searchStatistics(_ c: PostgresConnection, phrases: [String?], words: [(words: [String], prefix: Bool)]) throws -> (
        articles: (rows: Int, words: Int), events: (rows: Int, words: Int), articleHits: [Int], eventHits: [Int]
    ) {
        var binds = PostgresBindings()
        var sql = "SELECT " + ["articles", "article_words", "events", "event_words"].map { "(SELECT value FROM meta WHERE key = '\($0)')" }
            .joined(separator: ", ")
        for (table, terms) in [("articles", "article_terms"), ("events", "event_terms")] {
            for (k, q) in phrases.enumerated() {
                if k < words.count, words[k].words.count == 1, !words[k].prefix {
                    // One word: the kept count of rows holding it.
                    binds.append(words[k].words[0])
                    sql += ", coalesce((SELECT n FROM \(terms) WHERE term = $\(binds.count)), 0)::bigint"
                } else if let q {
                    // A phrase of several words, or a prefix: the matches counted.
                    binds.append(q)
                    sql += ", (SELECT count(*) FROM \(table) WHERE doc @@ $\(binds.count)::tsquery)"
                } else {
                    sql += ", 0::bigint"
                }
            }
        }
        let row = try rows(c, PostgresQuery(unsafeSQL: sql, binds: binds))[0].makeRandomAccess()
        let meta = try (0..<4).map { k in Int(try row[k].decode(String?.self) ?? "0") ?? 0 }
        let hits = try (0..<(2 * phrases.count)).map { k in try row[4 + k].decode(Int.self) }
        return ((meta[0], meta[1]), (meta[2], meta[3]), Array(hits[..<phrases.count]), Array(hits[phrases.count...]))
    }

    // MARK: writing articles

    public func articleHashes() throws -> [String: String] {
        try withConnection { c in
            var m: [String: String] = [:]
            for r in try rows(c, "SELECT key, hash FROM articles") {
                let (k, h) = try r.decode((String, String).self)
                m[k] = h
            }
            return m
        }
    }

    /// Raises `articles_version` (taking its row: writers take turns from here to the commit).
    func bumpArticles(_ c: PostgresConnection) throws {
        try run(c, "UPDATE meta SET value = (value::bigint + 1)::text WHERE key = 'articles_version'")
    }

    public func saveArticles(_ rows: [ArticleRow], crawl: [CrawlRecord]) throws {
        // Words and vectors are made before the transaction: it holds the version's row.
        let words = rows.map { r in (title: self.words(r.title ?? ""), body: self.words(r.body)) }
        try transaction { c in
            if !rows.isEmpty { try bumpArticles(c) }
            // A thousand rows a statement, as arrays unnested (one round trip, not one a row).
            for chunk in stride(from: 0, to: rows.count, by: 1000).map({ $0..<min(rows.count, $0 + 1000) }) {
                let r = Array(rows[chunk])
                let w = Array(words[chunk])
                // The versions these replace: their words leave the counts.
                let replaced = try self.rows(c, "SELECT length, title_words, body_words FROM articles WHERE key = ANY(\(r.map(\.key)))")
                    .map { try $0.decode((Int, String, String).self) }
                try count(c, "articles", r.count - replaced.count)
                try count(c, "article_words", w.reduce(0) { $0 + $1.title.count + $1.body.count } - replaced.reduce(0) { $0 + $1.0 })
                try countTerms(
                    c, "article_terms", adding: w.map { ($0.title + $0.body).map { Substring($0) } },
                    removing: replaced.map { Self.storedWords($0.1, $0.2) })
                let outlet = Nullable(r.map(\.outlet)), title = Nullable(r.map(\.title)), author = Nullable(r.map(\.author))
                let published = Nullable(r.map(\.published)), day = Nullable(r.map(\.day))
                try run(
                    c,
                    """
                    INSERT INTO articles(key, hash, source, outlet, title, author, published, day, language, body, json, prepared, added, updated,
                      title_words, body_words, length, doc)
                    SELECT k, h, src, CASE WHEN o_n THEN NULL ELSE o END, CASE WHEN t_n THEN NULL ELSE t END, CASE WHEN a_n THEN NULL ELSE a END,
                      CASE WHEN p_n THEN NULL ELSE p END, CASE WHEN d_n THEN NULL ELSE d END, lang, body, json, prep, wr, wr, tw, bw, len, vec::tsvector
                    FROM unnest(\(r.map(\.key)), \(r.map(\.hash)), \(r.map(\.source)), \(outlet.values), \(outlet.nulls), \(title.values),
                      \(title.nulls), \(author.values), \(author.nulls), \(published.values), \(published.nulls), \(day.values), \(day.nulls),
                      \(r.map(\.language)), \(r.map(\.body)), \(r.map(\.json)), \(r.map { ByteBuffer(bytes: $0.prepared) }), \(r.map(\.written)),
                      \(w.map { $0.title.joined(separator: " ") }), \(w.map { $0.body.joined(separator: " ") }), \(w.map { $0.title.count + $0.body.count }),
                      \(w.map { Self.vector($0.title, $0.body) }))
                      AS x(k, h, src, o, o_n, t, t_n, a, a_n, p, p_n, d, d_n, lang, body, json, prep, wr, tw, bw, len, vec)
                    ON CONFLICT(key) DO UPDATE SET hash = excluded.hash, source = excluded.source, outlet = excluded.outlet,
                      title = excluded.title, author = excluded.author, published = excluded.published, day = excluded.day,
                      language = excluded.language, body = excluded.body, json = excluded.json, prepared = excluded.prepared,
                      updated = excluded.updated, title_words = excluded.title_words, body_words = excluded.body_words,
                      length = excluded.length, doc = excluded.doc
                    """)
                try run(c, "INSERT INTO pending(key) SELECT unnest(\(r.map(\.key))) ON CONFLICT DO NOTHING")
            }
            try saveCrawl(c, crawl)
        }
    }

    public func deleteArticles(_ ids: [String]) throws -> [String] {
        try transaction { c in
            var missing: [String] = []
            var removedWords: [[Substring]] = []
            // Writers take the version's row first and hold it to their commit; a deletion takes it
            // before any other row too, so that it waits its turn instead of holding an article or a
            // count that a writer waits for while it waits for that writer (a deadlock:
            // `aDeletionBesideAWriterWaitsItsTurn`).
            try run(c, "SELECT value FROM meta WHERE key = 'articles_version' FOR UPDATE")
            for id in Set(ids).sorted() {
                guard let gone = try self.rows(c, "DELETE FROM articles WHERE key = \(id) RETURNING length, title_words, body_words").first else {
                    missing.append(id)
                    continue
                }
                let (length, titleWords, bodyWords) = try gone.decode((Int, String, String).self)
                try count(c, "articles", -1)
                try count(c, "article_words", -length)
                removedWords.append(Self.storedWords(titleWords, bodyWords))
                try run(c, "DELETE FROM pending WHERE key = \(id)")
                try run(c, "UPDATE crawl SET article = NULL WHERE article = \(id)")
            }
            if !removedWords.isEmpty {
                try bumpArticles(c)
                try countTerms(c, "article_terms", removing: removedWords)
            }
            return missing
        }
    }

    // MARK: grouping

    public func groupingState(force: Bool) throws -> GroupingState? {
        try transaction(isolation: "REPEATABLE READ") { c in
            let v = try version(c, "articles_version")
            if !force, try version(c, "timeline_version") == v { return nil }
            var stories: [String: StoredStory] = [:]
            if !force {
                for r in try rows(c, "SELECT id, members, events FROM stories") {
                    let (id, members, events) = try r.decode((String, String, Int).self)
                    stories[id] = StoredStory(members: members, events: events)
                }
            }
            let pending = Set(try rows(c, "SELECT key FROM pending").map { try $0.decode(String.self) })
            return GroupingState(version: v, pending: pending, stories: stories)
        }
    }

    public func forEachPrepared(chunk: Int, _ body: ([(row: Int64, blob: Data)]) throws -> Void) throws {
        var after = Int64.min
        while true {
            let chunkRows = try withConnection { c in
                try rows(c, "SELECT id, prepared FROM articles WHERE id > \(after) ORDER BY id LIMIT \(max(chunk, 1))").map { r -> (row: Int64, blob: Data) in
                    let (id, blob) = try r.decode((Int64, ByteBuffer).self)
                    return (id, Data(buffer: blob))
                }
            }
            guard let last = chunkRows.last else { return }
            try body(chunkRows)
            after = last.row
        }
    }

    public func storedArticles(rows ids: [Int64]) throws -> [Article] {
        try withConnection { c in
            var byID: [Int64: String] = [:]
            for r in try rows(c, "SELECT id, json FROM articles WHERE id = ANY(\(ids))") {
                let (id, json) = try r.decode((Int64, String).self)
                byID[id] = json
            }
            let decoder = JSONDecoder()
            return try ids.map { try decoder.decode(Article.self, from: Data((byID[$0] ?? "").utf8)) }
        }
    }

    public func replacePrepared(_ items: [(row: Int64, prepared: Data)]) throws {
        try transaction { c in
            for (id, blob) in items { try run(c, "UPDATE articles SET prepared = \(ByteBuffer(bytes: blob)) WHERE id = \(id)") }
        }
    }

    /// Writers hold advisory lock 7319003 shared on a connection of their own while they add
    /// articles; at the end each lets go and waits for it alone, so one writer at a time, once no
    /// other is adding, regroups: the first finds the articles of every writer that was at it
    /// committed and regroups them all; the next finds the timeline current and does nothing. A
    /// writer that dies lets go of the lock with its connection, and the one waiting regroups.
    public func asWriter(_ write: () throws -> Void, regroup: () throws -> Void) throws {
        let session = try connect()
        defer { try? session.close().wait() }
        do { try run(session, "SELECT pg_advisory_lock_shared(7319003)") } catch { throw PostgresStoreError(location, Self.reason(error)) }
        do { try write() } catch {
            try? run(session, "SELECT pg_advisory_unlock_shared(7319003)")
            throw error
        }
        do {
            try run(session, "SELECT pg_advisory_unlock_shared(7319003)")
            try run(session, "SELECT pg_advisory_lock(7319003)")
        } catch { throw PostgresStoreError(location, Self.reason(error)) }
        defer { try? run(session, "SELECT pg_advisory_unlock(7319003)") }
        try regroup()
    }

    public func saveGrouping(version: Int, _ make: (any GroupingWriter) throws -> [(EntitySummary, String)]) throws -> Bool {
        try transaction { c in
            // One regrouping at a time, and no article committed while it is made and written.
            try run(c, "SELECT pg_advisory_xact_lock(7319002)")
            guard try rows(c, "SELECT value FROM meta WHERE key = 'articles_version' FOR UPDATE")[0].decode(String.self) == String(version)
            else { return false }
            let writer = StoryBatches(store: self, c, stored: Set(try rows(c, "SELECT id FROM stories").map { try $0.decode(String.self) }))
            let entities = try make(writer)
            try writer.flush()
            // Stories that are gone leave with their events.
            try removeStories(c, Array(writer.stored.subtracting(writer.seen)), events: [])
            try writeEntities(c, entities)
            try run(c, "DELETE FROM pending")
            try run(c, "UPDATE meta SET value = \(String(version)) WHERE key = 'timeline_version'")
            return true
        }
    }

    /// The PostgreSQL store's `GroupingWriter`: stories gathered a few hundred at a time and written
    /// as arrays, in the transaction of `saveGrouping`.
    final class StoryBatches: GroupingWriter {
        let store: PostgresStore
        let c: PostgresConnection
        /// The stories stored before, and those this regrouping wrote or kept.
        let stored: Set<String>
        var seen = Set<String>()
        var position = 0
        var fresh: [(story: Story, position: Int, json: String, entities: String, line: StorySummary)] = []
        var members: [String: String] = [:]
        var kept: (ids: [String], positions: [Int]) = ([], [])

        init(store: PostgresStore, _ c: PostgresConnection, stored: Set<String>) {
            self.store = store
            self.c = c
            self.stored = stored
        }

        func write(_ story: Story, members m: String) throws {
            // Written straight into bytes as the SQLite store writes them (the encoder's bytes).
            fresh.append((story, position, story.compactJSON(), EntitySummary.compactJSON(story.entities), StoreViews.summary(story)))
            members[story.id] = m
            seen.insert(story.id)
            position += 1
            if fresh.count >= 256 { try flush() }
        }

        func keep(_ id: String) throws {
            kept.ids.append(id)
            kept.positions.append(position)
            seen.insert(id)
            position += 1
            if kept.ids.count >= 4096 { try flush() }
        }

        func storedEntities(_ id: String) throws -> String? {
            try store.rows(c, "SELECT entities FROM stories WHERE id = \(id)").first?.decode(String.self)
        }

        func flush() throws {
            if !fresh.isEmpty {
                // Their old rows go, and any event of another story's old rows with an id they now
                // have (that story is written or removed later).
                try store.removeStories(
                    c, fresh.map(\.story.id).filter(stored.contains), events: fresh.flatMap { $0.story.events.map(\.id) })
                try store.insertStories(c, fresh, members: members)
                fresh.removeAll()
                members.removeAll()
            }
            if !kept.ids.isEmpty {
                try store.run(
                    c,
                    """
                    UPDATE stories SET position = x.p FROM unnest(\(kept.ids), \(kept.positions)) AS x(id, p)
                    WHERE stories.id = x.id AND stories.position <> x.p
                    """)
                kept = ([], [])
            }
        }
    }

    /// Removes stories with their events and articles' places, and events by id, keeping the
    /// search's counts of events, words and terms right.
    func removeStories(_ c: PostgresConnection, _ ids: [String], events: [String]) throws {
        guard !ids.isEmpty || !events.isEmpty else { return }
        let removed = try rows(c, "DELETE FROM events WHERE story = ANY(\(ids)) OR id = ANY(\(events)) RETURNING length, title_words, summary_words")
            .map { try $0.decode((Int, String, String).self) }
        try count(c, "events", -removed.count)
        try count(c, "event_words", -removed.reduce(0) { $0 + $1.0 })
        try countTerms(c, "event_terms", removing: removed.map { Self.storedWords($0.1, $0.2) })
        guard !ids.isEmpty else { return }
        try run(c, "DELETE FROM article_events WHERE story = ANY(\(ids))")
        try run(c, "DELETE FROM stories WHERE id = ANY(\(ids))")
    }

    /// The collection's entities brought up to date by `EntityWrites`, as the SQLite store does it,
    /// a statement for each kind of change (over arrays): the changed entities' rows, their names
    /// and articles by difference (the old ones read in one statement), the new entities with ids
    /// taken first so that their names and articles go in with them, and the gone removed.
    @discardableResult
    func writeEntities(_ c: PostgresConnection, _ entities: [(EntitySummary, String)]) throws -> Int {
        let old = try rows(c, "SELECT id, hash, name, kind FROM entities").map { r in
            let (id, hash, name, kind) = try r.decode((Int64, String, String, String).self)
            return EntityWrites.OldRow(id: id, hash: hash, name: name, kind: kind)
        }
        let plan = EntityWrites(old: old, new: entities)
        if !plan.gone.isEmpty {
            try run(c, "DELETE FROM entities WHERE id = ANY(\(plan.gone))")
            try run(c, "DELETE FROM entity_names WHERE entity = ANY(\(plan.gone))")
            try run(c, "DELETE FROM article_entities WHERE entity = ANY(\(plan.gone))")
        }
        // (entity, value) pairs to take out and to put in.
        var namesOut: ([Int64], [String]) = ([], []), namesIn: ([Int64], [String]) = ([], [])
        var articlesOut: ([Int64], [String]) = ([], []), articlesIn: ([Int64], [String]) = ([], [])
        if !plan.updated.isEmpty {
            let u = plan.updated
            try run(
                c,
                """
                UPDATE entities SET mentions = x.m, articles = x.a, hash = x.h, json = x.j
                FROM unnest(\(u.map(\.id)), \(u.map(\.entity.mentions)), \(u.map(\.entity.articles.count)), \(u.map(\.hash)), \(u.map(\.json)))
                  AS x(id, m, a, h, j)
                WHERE entities.id = x.id
                """)
            var oldNames: [Int64: Set<String>] = [:], oldArticles: [Int64: Set<String>] = [:]
            for r in try rows(c, "SELECT entity, name FROM entity_names WHERE entity = ANY(\(u.map(\.id)))") {
                let (id, name) = try r.decode((Int64, String).self)
                oldNames[id, default: []].insert(name)
            }
            for r in try rows(c, "SELECT entity, article FROM article_entities WHERE entity = ANY(\(u.map(\.id)))") {
                let (id, article) = try r.decode((Int64, String).self)
                oldArticles[id, default: []].insert(article)
            }
            func pairs(_ id: Int64, _ values: Set<String>, into list: inout ([Int64], [String])) {
                for v in values.sorted() {
                    list.0.append(id)
                    list.1.append(v)
                }
            }
            for x in u {
                let names = x.names, articles = x.articles, was = oldNames[x.id] ?? [], wasIn = oldArticles[x.id] ?? []
                pairs(x.id, was.subtracting(names), into: &namesOut)
                pairs(x.id, names.subtracting(was), into: &namesIn)
                pairs(x.id, wasIn.subtracting(articles), into: &articlesOut)
                pairs(x.id, articles.subtracting(wasIn), into: &articlesIn)
            }
            if !namesOut.0.isEmpty {
                try run(c, "DELETE FROM entity_names n USING unnest(\(namesOut.0), \(namesOut.1)) AS x(e, v) WHERE n.entity = x.e AND n.name = x.v")
            }
            if !articlesOut.0.isEmpty {
                try run(
                    c, "DELETE FROM article_entities a USING unnest(\(articlesOut.0), \(articlesOut.1)) AS x(e, v) WHERE a.entity = x.e AND a.article = x.v")
            }
        }
        if !plan.inserted.isEmpty {
            let new = plan.inserted
            let ids = try rows(c, "SELECT nextval('entities_id_seq') FROM generate_series(1, \(new.count))").map { try $0.decode(Int64.self) }
            try run(
                c,
                """
                INSERT INTO entities(id, name, kind, mentions, articles, hash, json)
                SELECT * FROM unnest(\(ids), \(new.map(\.entity.name)), \(new.map(\.entity.kind)), \(new.map(\.entity.mentions)),
                  \(new.map(\.entity.articles.count)), \(new.map(\.hash)), \(new.map(\.json)))
                """)
            for (k, x) in new.enumerated() {
                for n in x.names.sorted() {
                    namesIn.0.append(ids[k])
                    namesIn.1.append(n)
                }
                for a in x.articles.sorted() {
                    articlesIn.0.append(ids[k])
                    articlesIn.1.append(a)
                }
            }
        }
        if !namesIn.0.isEmpty { try run(c, "INSERT INTO entity_names(entity, name) SELECT * FROM unnest(\(namesIn.0), \(namesIn.1))") }
        if !articlesIn.0.isEmpty { try run(c, "INSERT INTO article_entities(entity, article) SELECT * FROM unnest(\(articlesIn.0), \(articlesIn.1))") }
        return plan.updated.count + plan.inserted.count
    }

    /// Stories newly summarised, their events and which article is in which, a statement each table.
    func insertStories(
        _ c: PostgresConnection, _ fresh: [(story: Story, position: Int, json: String, entities: String, line: StorySummary)],
        members: [String: String]
    ) throws {
        guard !fresh.isEmpty else { return }
        let first = Nullable(fresh.map(\.line.firstDay)), last = Nullable(fresh.map(\.line.lastDay))
        try run(
            c,
            """
            INSERT INTO stories(id, position, title, first_day, last_day, events, articles, outlets, keywords, members, entities, json)
            SELECT id, pos, title, CASE WHEN f_n THEN NULL ELSE f END, CASE WHEN l_n THEN NULL ELSE l END, ev, ar, outl, kw, mem, ent, js
            FROM unnest(\(fresh.map(\.story.id)), \(fresh.map(\.position)), \(fresh.map(\.story.title)), \(first.values), \(first.nulls),
              \(last.values), \(last.nulls), \(fresh.map(\.story.events.count)), \(fresh.map(\.story.articles.count)),
              \(fresh.map { $0.line.outlets.joined(separator: "\t") }), \(fresh.map { $0.story.keywords.joined(separator: "\t") }),
              \(fresh.map { members[$0.story.id] ?? "" }), \(fresh.map(\.entities)), \(fresh.map(\.json)))
              AS x(id, pos, title, f, f_n, l, l_n, ev, ar, outl, kw, mem, ent, js)
            """)
        var events: [(story: String, position: Int, event: Event, title: [String], summary: [String], json: String)] = []
        var links: [(article: String, event: String, story: String)] = []
        for f in fresh {
            for (q, e) in f.story.events.enumerated() {
                events.append(
                    (f.story.id, q, e, words(e.title), words(e.summary.joined(separator: " ")), e.compactJSON()))
                for a in e.articles { links.append((a, e.id, f.story.id)) }
            }
        }
        try count(c, "events", events.count)
        try count(c, "event_words", events.reduce(0) { $0 + $1.title.count + $1.summary.count })
        try countTerms(c, "event_terms", adding: events.map { ($0.title + $0.summary).map { Substring($0) } })
        for chunk in stride(from: 0, to: events.count, by: 1000).map({ Array(events[$0..<min(events.count, $0 + 1000)]) }) {
            let day = Nullable(chunk.map(\.event.date))
            try run(
                c,
                """
                INSERT INTO events(id, story, position, day, title, summary, outlets, entities, json, title_words, summary_words, length, doc)
                SELECT id, st, pos, CASE WHEN d_n THEN NULL ELSE d END, title, summ, outl, ent, js, tw, sw, len, vec::tsvector
                FROM unnest(\(chunk.map(\.event.id)), \(chunk.map(\.story)), \(chunk.map(\.position)), \(day.values), \(day.nulls),
                  \(chunk.map(\.event.title)), \(chunk.map { $0.event.summary.joined(separator: " ") }), \(chunk.map { $0.event.outlets.joined(separator: "\t") }),
                  \(chunk.map { $0.event.entities.joined(separator: "\t") }), \(chunk.map(\.json)), \(chunk.map { $0.title.joined(separator: " ") }),
                  \(chunk.map { $0.summary.joined(separator: " ") }), \(chunk.map { $0.title.count + $0.summary.count }),
                  \(chunk.map { Self.vector($0.title, $0.summary) }))
                  AS x(id, st, pos, d, d_n, title, summ, outl, ent, js, tw, sw, len, vec)
                """)
        }
        // The last event an article is in wins, as INSERT OR REPLACE does in the SQLite store.
        var lastLink: [String: (event: String, story: String)] = [:]
        var order: [String] = []
        for l in links {
            if lastLink[l.article] == nil { order.append(l.article) }
            lastLink[l.article] = (l.event, l.story)
        }
        try run(
            c,
            """
            INSERT INTO article_events(article, event, story)
            SELECT * FROM unnest(\(order), \(order.map { lastLink[$0]!.event }), \(order.map { lastLink[$0]!.story }))
            ON CONFLICT(article) DO UPDATE SET event = excluded.event, story = excluded.story
            """)
    }

    // MARK: crawling

    func saveCrawl(_ c: PostgresConnection, _ records: [CrawlRecord]) throws {
        for r in records {
            try run(
                c,
                """
                INSERT INTO crawl(url, kind, status, etag, last_modified, fetched, canonical, article)
                VALUES (\(r.url), \(r.kind), \(r.status), \(r.etag), \(r.lastModified), \(r.fetched), \(r.canonical), \(r.article))
                ON CONFLICT(url) DO UPDATE SET kind = excluded.kind, status = excluded.status,
                  etag = COALESCE(excluded.etag, crawl.etag), last_modified = COALESCE(excluded.last_modified, crawl.last_modified),
                  fetched = excluded.fetched, canonical = COALESCE(excluded.canonical, crawl.canonical),
                  article = COALESCE(excluded.article, crawl.article)
                """)
        }
    }

    public func saveCrawl(_ records: [CrawlRecord]) throws {
        guard !records.isEmpty else { return }
        try transaction { c in try saveCrawl(c, records) }
    }

    public func crawlRecords(_ urls: [String]) throws -> [String: CrawlRecord] {
        try withConnection { c in
            var out: [String: CrawlRecord] = [:]
            for r in try rows(c, "SELECT url, kind, status, etag, last_modified, fetched, canonical, article FROM crawl WHERE url = ANY(\(urls))") {
                let (url, kind, status, etag, modified, fetched, canonical, article) = try r.decode(
                    (String, String, Int, String?, String?, String, String?, String?).self)
                out[url] = CrawlRecord(
                    url: url, kind: kind, status: status, etag: etag, lastModified: modified, fetched: fetched, canonical: canonical, article: article)
            }
            return out
        }
    }

    public func crawledCanonical(_ canonical: String) throws -> String? {
        try withConnection { c in
            try rows(c, "SELECT url FROM crawl WHERE (canonical = \(canonical) OR url = \(canonical)) AND article IS NOT NULL LIMIT 1")
                .first?.decode(String.self)
        }
    }
}

extension SearchWords.Counter {
    /// Counts in columns as the server sent them (UTF-8 text), read in place.
    func counts(in columns: [ByteBuffer]) -> [[Int]] {
        var out = [[Int]](repeating: [Int](repeating: 0, count: columns.count), count: phrases.count)
        for (c, column) in columns.enumerated() { column.withUnsafeReadableBytes { count($0, column: c, into: &out) } }
        return out
    }
}

/// A column of optional text as two arrays PostgreSQL can unnest: the values ("" for none) and
/// whether each is none.
struct Nullable {
    var values: [String]
    var nulls: [Bool]
    init(_ column: [String?]) {
        values = column.map { $0 ?? "" }
        nulls = column.map { $0 == nil }
    }
}
