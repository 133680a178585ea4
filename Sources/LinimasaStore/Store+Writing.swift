import Foundation
import GRDB
import Linimasa

extension Database {
    /// Runs one statement, prepared once a connection: the writes below repeat a few statements
    /// thousands of times (a row an article, entity, name or event), and compiling each anew (with
    /// the full-text index's triggers) cost more than running it.
    func run(_ sql: String, arguments: StatementArguments = StatementArguments()) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }
}

/// The writing half of `CollectionStore` in SQLite: articles with their full-text index (kept by
/// triggers), and the rows a regrouping leaves.
extension Store {
    public func articleHashes() throws -> [String: String] {
        try read { db in
            var m: [String: String] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT key, hash FROM articles")
            while let r = try rows.next() { m[r[0]] = r[1] }
            return m
        }
    }

    public func saveArticles(_ rows: [ArticleRow], crawl: [CrawlRecord]) throws {
        try write { db in
            for r in rows {
                try db.run(
                    """
                        INSERT INTO articles(key, hash, source, outlet, title, author, published, day, language, body, json, prepared, added, updated)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT(key) DO UPDATE SET hash = excluded.hash, source = excluded.source, outlet = excluded.outlet,
                          title = excluded.title, author = excluded.author, published = excluded.published, day = excluded.day,
                          language = excluded.language, body = excluded.body, json = excluded.json, prepared = excluded.prepared,
                          updated = excluded.updated
                        """,
                    arguments: [
                        r.key, r.hash, r.source, r.outlet, r.title, r.author, r.published, r.day, r.language, r.body, r.json,
                        r.prepared, r.written, r.written,
                    ])
                try db.run("INSERT OR IGNORE INTO pending(key) VALUES (?)", arguments: [r.key])
            }
            if !rows.isEmpty { try Store.setVersion(db, "articles_version", try Store.version(db, "articles_version") + 1) }
            try Store.saveCrawl(db, crawl)
        }
    }

    public func groupingState(force: Bool) throws -> GroupingState? {
        try read { db -> GroupingState? in
            let v = try Store.version(db, "articles_version")
            if !force, try Store.version(db, "timeline_version") == v { return nil }
            var stories: [String: StoredStory] = [:]
            if !force {
                let rows = try Row.fetchCursor(db, sql: "SELECT id, members, events, entities FROM stories")
                while let r = try rows.next() { stories[r[0]] = StoredStory(members: r[1], events: r[2], entitiesJSON: r[3]) }
            }
            var prepared: [(row: Int64, blob: Data)] = []
            let rows = try Row.fetchCursor(db, sql: "SELECT id, prepared FROM articles ORDER BY id")
            while let r = try rows.next() { prepared.append((r[0], r[1])) }
            return GroupingState(
                version: v, prepared: prepared, pending: Set(try String.fetchAll(db, sql: "SELECT key FROM pending")), stories: stories)
        }
    }

    public func storedArticles(rows: [Int64]) throws -> [Article] {
        let decoder = JSONDecoder()
        return try read { db in
            try rows.map { id in
                let json = try String.fetchOne(db, sql: "SELECT json FROM articles WHERE id = ?", arguments: [id]) ?? ""
                return try decoder.decode(Article.self, from: Data(json.utf8))
            }
        }
    }

    public func replacePrepared(_ items: [(row: Int64, prepared: Data)]) throws {
        try write { db in
            for (id, blob) in items { try db.run("UPDATE articles SET prepared = ? WHERE id = ?", arguments: [blob, id]) }
        }
    }

    public func saveGrouping(_ result: GroupingResult) throws -> Bool {
        var clock = Stopwatch()
        defer { clock.lap("write") }
        return try write { db -> Bool in
            guard try Store.version(db, "articles_version") == result.version else { return false }
            let fresh = Set(result.stories.map(\.id))
            // Stories that are gone or summarised anew leave with their events.
            for id in try String.fetchAll(db, sql: "SELECT id FROM stories") where !fresh.contains(id) || !result.kept.contains(id) {
                try db.run("DELETE FROM events WHERE story = ?", arguments: [id])
                try db.run("DELETE FROM article_events WHERE story = ?", arguments: [id])
                try db.run("DELETE FROM stories WHERE id = ?", arguments: [id])
            }
            for (p, s) in result.stories.enumerated() {
                if result.kept.contains(s.id) {
                    try db.run("UPDATE stories SET position = ? WHERE id = ? AND position != ?", arguments: [p, s.id, p])
                    continue
                }
                try Self.insert(s, position: p, members: result.members[s.id] ?? "", db: db)
            }
            clock.lap("write stories")
            let n = try Self.writeEntities(result.entities, db: db)
            clock.lap("write entities (\(n) of \(result.entities.count) new or changed)")
            try db.run("DELETE FROM pending")
            try Store.setVersion(db, "timeline_version", result.version)
            return true
        }
    }

    /// A story's rows; its JSON, its head's and its events' written straight into bytes
    /// (`Story.compactJSON`: what `JSONEncoder` with sorted keys writes, without its boxed values).
    static func insert(_ s: Story, position: Int, members: String, db: Database) throws {
        let line = StoreViews.summary(s)
        try db.run(
            """
                INSERT INTO stories(id, position, title, first_day, last_day, events, articles, outlets, keywords, members, entities, json, head)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                s.id, position, s.title, line.firstDay, line.lastDay, s.events.count, s.articles.count, line.outlets.joined(separator: "\t"),
                s.keywords.joined(separator: "\t"), members, EntitySummary.compactJSON(s.entities), s.compactJSON(), StoreViews.head(s).compactJSON(),
            ])
        for (q, e) in s.events.enumerated() {
            try db.run(
                """
                    INSERT INTO events(id, story, position, day, title, summary, outlets, entities, json)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    e.id, s.id, q, e.date, e.title, e.summary.joined(separator: " "), e.outlets.joined(separator: "\t"),
                    e.entities.joined(separator: "\t"), e.compactJSON(),
                ])
            for a in e.articles {
                try db.run("INSERT OR REPLACE INTO article_events(article, event, story) VALUES (?, ?, ?)", arguments: [a, e.id, s.id])
            }
        }
    }

    /// Entities whose JSON is unchanged keep their rows; the others are replaced, the gone removed.
    /// Entities whose JSON is unchanged keep their rows. A changed one keeps its row too when an old
    /// entity had its name and kind (its names and articles are brought up to date by difference:
    /// an entity named in thousands of articles gains a few, it is not written again); the rest are
    /// inserted, and old entities nobody took are removed.
    @discardableResult
    static func writeEntities(_ rows: [(EntitySummary, String)], db: Database) throws -> Int {
        var written = 0
        // Compared by a 128-bit hash of the JSON, so the old rows' JSON is never read.
        var byHash: [String: [Int64]] = [:]
        var byName: [String: [Int64]] = [:]
        let cursor = try Row.fetchCursor(db, sql: "SELECT id, hash, name, kind FROM entities")
        while let r = try cursor.next() {
            let id: Int64 = r[0]
            byHash[r[1], default: []].append(id)
            byName[(r[2] as String) + "\t" + (r[3] as String), default: []].append(id)
        }
        var kept = Set<Int64>()
        var changed: [(EntitySummary, String, String)] = []
        for (e, json) in rows {
            let hash = Self.hash(json)
            if let id = byHash[hash]?.first(where: { !kept.contains($0) }) {
                kept.insert(id)
                continue
            }
            changed.append((e, json, hash))
        }
        for (e, json, hash) in changed {
            written += 1
            let names = Set([e.name] + e.aliases)
            let articles = Set(e.articles)
            if let id = byName[e.name + "\t" + e.kind]?.first(where: { !kept.contains($0) }) {
                kept.insert(id)
                try db.run(
                    "UPDATE entities SET mentions = ?, articles = ?, hash = ?, json = ? WHERE id = ?",
                    arguments: [e.mentions, e.articles.count, hash, json, id])
                let oldNames = Set(try String.fetchAll(db, sql: "SELECT name FROM entity_names WHERE entity = ?", arguments: [id]))
                for n in oldNames.subtracting(names) {
                    try db.run("DELETE FROM entity_names WHERE entity = ? AND name = ?", arguments: [id, n])
                }
                for n in names.subtracting(oldNames) {
                    try db.run("INSERT INTO entity_names(entity, name) VALUES (?, ?)", arguments: [id, n])
                }
                let oldArticles = Set(try String.fetchAll(db, sql: "SELECT article FROM article_entities WHERE entity = ?", arguments: [id]))
                for a in oldArticles.subtracting(articles) {
                    try db.run("DELETE FROM article_entities WHERE entity = ? AND article = ?", arguments: [id, a])
                }
                for a in articles.subtracting(oldArticles) {
                    try db.run("INSERT INTO article_entities(article, entity) VALUES (?, ?)", arguments: [a, id])
                }
                continue
            }
            try db.run(
                "INSERT INTO entities(name, kind, mentions, articles, hash, json) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [e.name, e.kind, e.mentions, e.articles.count, hash, json])
            let id = db.lastInsertedRowID
            for n in names {
                try db.run("INSERT INTO entity_names(entity, name) VALUES (?, ?)", arguments: [id, n])
            }
            for a in articles {
                try db.run("INSERT INTO article_entities(article, entity) VALUES (?, ?)", arguments: [a, id])
            }
        }
        for id in byHash.values.joined() where !kept.contains(id) {
            try db.run("DELETE FROM entities WHERE id = ?", arguments: [id])
            try db.run("DELETE FROM entity_names WHERE entity = ?", arguments: [id])
            try db.run("DELETE FROM article_entities WHERE entity = ?", arguments: [id])
        }
        return written
    }

    static func hash(_ s: String) -> String {
        hexDigest128(s.utf8)
    }
}
