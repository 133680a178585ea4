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
            let upsert = try db.cachedStatement(
                sql: """
                    INSERT INTO articles(key, hash, source, outlet, title, author, published, day, language, body, json, prepared, added, updated)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, X'', ?, ?)
                    ON CONFLICT(key) DO UPDATE SET hash = excluded.hash, source = excluded.source, outlet = excluded.outlet,
                      title = excluded.title, author = excluded.author, published = excluded.published, day = excluded.day,
                      language = excluded.language, body = excluded.body, json = excluded.json, prepared = X'', updated = excluded.updated
                    RETURNING id
                    """)
            for r in rows {
                let arguments: StatementArguments = [
                    r.key, r.hash, r.source, r.outlet, r.title, r.author, r.published, r.day, r.language, r.body, r.json, r.written, r.written,
                ]
                guard let row = try Int64.fetchOne(upsert, arguments: arguments) else {
                    throw DatabaseError(resultCode: .SQLITE_ERROR, message: "the article \(r.key) was written but no row came back")
                }
                try db.run("INSERT OR REPLACE INTO prepared(article, blob) VALUES (?, ?)", arguments: [row, r.prepared])
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
                let rows = try Row.fetchCursor(db, sql: "SELECT id, members, events FROM stories")
                while let r = try rows.next() { stories[r[0]] = StoredStory(members: r[1], events: r[2]) }
            }
            return GroupingState(version: v, pending: Set(try String.fetchAll(db, sql: "SELECT key FROM pending")), stories: stories)
        }
    }

    public func forEachPrepared(chunk: Int, _ body: ([(row: Int64, blob: Data)]) throws -> Void) throws {
        var after = Int64.min
        while true {
            let rows = try read { db in
                try Row.fetchAll(db, sql: "SELECT article, blob FROM prepared WHERE article > ? ORDER BY article LIMIT ?", arguments: [after, max(chunk, 1)])
                    .map { r -> (row: Int64, blob: Data) in (r[0], r[1]) }
            }
            guard let last = rows.last else { return }
            try body(rows)
            after = last.row
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
            for (id, blob) in items { try db.run("UPDATE prepared SET blob = ? WHERE article = ?", arguments: [blob, id]) }
        }
    }

    public func saveGrouping(version: Int, _ make: (any GroupingWriter) throws -> [(EntitySummary, String)]) throws -> Bool {
        var clock = Stopwatch()
        defer { clock.lap("write") }
        return try write { db -> Bool in
            guard try Store.version(db, "articles_version") == version else { return false }
            let writer = StoryRows(db: db, stored: Set(try String.fetchAll(db, sql: "SELECT id FROM stories")))
            let entities = try make(writer)
            // Stories that are gone leave with their events.
            for id in writer.stored.subtracting(writer.seen) { try Self.deleteStory(id, db: db) }
            clock.lap("write stories")
            let n = try Self.writeEntities(entities, db: db)
            clock.lap("write entities (\(n) of \(entities.count) new or changed)")
            try db.run("DELETE FROM pending")
            try Store.setVersion(db, "timeline_version", version)
            return true
        }
    }

    /// The SQLite store's `GroupingWriter`: each story's rows written as it comes, in the transaction
    /// of `saveGrouping`.
    final class StoryRows: GroupingWriter {
        let db: Database
        /// The stories stored before, and those this regrouping wrote or kept.
        let stored: Set<String>
        var seen = Set<String>()
        var position = 0

        init(db: Database, stored: Set<String>) {
            self.db = db
            self.stored = stored
        }

        func write(_ story: Story, members: String) throws {
            // Its old rows go, and any event of another story's old rows with an id it now has
            // (that story is written or removed later).
            if stored.contains(story.id) { try Store.deleteStory(story.id, db: db) }
            for e in story.events { try db.run("DELETE FROM events WHERE id = ?", arguments: [e.id]) }
            try Store.insert(story, position: position, members: members, db: db)
            seen.insert(story.id)
            position += 1
        }

        func keep(_ id: String) throws {
            try db.run("UPDATE stories SET position = ? WHERE id = ? AND position != ?", arguments: [position, id, position])
            seen.insert(id)
            position += 1
        }

        func storedEntities(_ id: String) throws -> String? {
            try String.fetchOne(db.cachedStatement(sql: "SELECT entities FROM stories WHERE id = ?"), arguments: [id])
        }
    }

    static func deleteStory(_ id: String, db: Database) throws {
        try db.run("DELETE FROM events WHERE story = ?", arguments: [id])
        try db.run("DELETE FROM article_events WHERE story = ?", arguments: [id])
        try db.run("DELETE FROM stories WHERE id = ?", arguments: [id])
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

    /// The collection's entities brought up to date by `EntityWrites` (unchanged ones keep their
    /// rows; a changed one keeps its row when an old entity had its name and kind, its names and
    /// articles brought up to date by difference; the rest inserted, the old ones nobody took removed).
    @discardableResult
    static func writeEntities(_ rows: [(EntitySummary, String)], db: Database) throws -> Int {
        var old: [EntityWrites.OldRow] = []
        let cursor = try Row.fetchCursor(db, sql: "SELECT id, hash, name, kind FROM entities")
        while let r = try cursor.next() { old.append(EntityWrites.OldRow(id: r[0], hash: r[1], name: r[2], kind: r[3])) }
        let plan = EntityWrites(old: old, new: rows)
        for u in plan.updated {
            let id = u.id
            try db.run(
                "UPDATE entities SET mentions = ?, articles = ?, hash = ?, json = ? WHERE id = ?",
                arguments: [u.entity.mentions, u.entity.articles.count, u.hash, u.json, id])
            let oldNames = Set(try String.fetchAll(db, sql: "SELECT name FROM entity_names WHERE entity = ?", arguments: [id]))
            for n in oldNames.subtracting(u.names) {
                // Byte for byte: the column compares without case, and "TASS" must not take "Tass" with it.
                try db.run("DELETE FROM entity_names WHERE entity = ? AND name = ? COLLATE BINARY", arguments: [id, n])
            }
            for n in u.names.subtracting(oldNames) {
                try db.run("INSERT INTO entity_names(entity, name) VALUES (?, ?)", arguments: [id, n])
            }
            let oldArticles = Set(try String.fetchAll(db, sql: "SELECT article FROM article_entities WHERE entity = ?", arguments: [id]))
            for a in oldArticles.subtracting(u.articles) {
                try db.run("DELETE FROM article_entities WHERE entity = ? AND article = ?", arguments: [id, a])
            }
            for a in u.articles.subtracting(oldArticles) {
                try db.run("INSERT INTO article_entities(article, entity) VALUES (?, ?)", arguments: [a, id])
            }
        }
        for x in plan.inserted {
            try db.run(
                "INSERT INTO entities(name, kind, mentions, articles, hash, json) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [x.entity.name, x.entity.kind, x.entity.mentions, x.entity.articles.count, x.hash, x.json])
            let id = db.lastInsertedRowID
            for n in x.names {
                try db.run("INSERT INTO entity_names(entity, name) VALUES (?, ?)", arguments: [id, n])
            }
            for a in x.articles {
                try db.run("INSERT INTO article_entities(article, entity) VALUES (?, ?)", arguments: [a, id])
            }
        }
        for id in plan.gone {
            try db.run("DELETE FROM entities WHERE id = ?", arguments: [id])
            try db.run("DELETE FROM entity_names WHERE entity = ?", arguments: [id])
            try db.run("DELETE FROM article_entities WHERE entity = ?", arguments: [id])
        }
        return plan.updated.count + plan.inserted.count
    }

    /// Whether the entities' rows of names and articles agree with their JSON (`EntityWrites.rowsAgree`; for tests).
    func entityRowsAgree() throws -> Bool {
        try read { db in
            EntityWrites.rowsAgree(
                entities: try Row.fetchAll(db, sql: "SELECT id, json FROM entities").map { ($0[0], $0[1]) },
                names: try Row.fetchAll(db, sql: "SELECT entity, name FROM entity_names").map { ($0[0], $0[1]) },
                articles: try Row.fetchAll(db, sql: "SELECT entity, article FROM article_entities").map { ($0[0], $0[1]) })
        }
    }

    static func hash(_ s: String) -> String {
        hexDigest128(s.utf8)
    }
}

/// What writing a collection's entities over the stored ones takes, worked out the same way for
/// every store. Entities whose JSON is unchanged (compared by a 128-bit hash, so the old rows' JSON
/// is never read) keep their rows. A changed one keeps its row too when an old entity had its name
/// and kind: its names and articles are then brought up to date by difference (an entity named in
/// thousands of articles gains a few; it is not written again). The rest are inserted, and old
/// entities nobody took are removed.
struct EntityWrites {
    struct OldRow {
        var id: Int64
        var hash: String
        var name: String
        var kind: String
    }
    struct Write {
        var entity: EntitySummary
        var json: String
        var hash: String
        var names: Set<String> { EntityWrites.names(entity) }
        var articles: Set<String> { Set(entity.articles) }
    }
    /// An old row kept and written over: the write's fields read through it.
    @dynamicMemberLookup
    struct Update {
        var id: Int64
        var write: Write
        subscript<T>(dynamicMember path: KeyPath<Write, T>) -> T { write[keyPath: path] }
    }
    var updated: [Update] = []
    var inserted: [Write] = []
    /// Old rows nobody took, in the order they were read.
    var gone: [Int64] = []

    init(old: [OldRow], new: [(EntitySummary, String)]) {
        var byHash: [String: [Int64]] = [:]
        var byName: [String: [Int64]] = [:]
        for r in old {
            byHash[r.hash, default: []].append(r.id)
            byName[r.name + "\t" + r.kind, default: []].append(r.id)
        }
        var kept = Set<Int64>()
        var changed: [Write] = []
        for (e, json) in new {
            let hash = Store.hash(json)
            if let id = byHash[hash]?.first(where: { !kept.contains($0) }) {
                kept.insert(id)
                continue
            }
            changed.append(Write(entity: e, json: json, hash: hash))
        }
        for w in changed {
            if let id = byName[w.entity.name + "\t" + w.entity.kind]?.first(where: { !kept.contains($0) }) {
                kept.insert(id)
                updated.append(Update(id: id, write: w))
            } else {
                inserted.append(w)
            }
        }
        gone = old.map(\.id).filter { !kept.contains($0) }
    }

    /// An entity's name and aliases: its rows of `entity_names` (its articles are those of `article_entities`).
    static func names(_ e: EntitySummary) -> Set<String> { Set([e.name] + e.aliases) }

    /// Whether the stored rows of names and articles are, for every entity, its name and aliases and
    /// its articles as its JSON gives them, once each, and no row belongs to no entity (for tests:
    /// writing by difference must leave what writing whole leaves).
    static func rowsAgree(entities: [(Int64, String)], names: [(Int64, String)], articles: [(Int64, String)]) -> Bool {
        var wantNames = 0, wantArticles = 0
        var haveNames: [Int64: Set<String>] = [:], haveArticles: [Int64: Set<String>] = [:]
        for (id, n) in names { haveNames[id, default: []].insert(n) }
        for (id, a) in articles { haveArticles[id, default: []].insert(a) }
        let decoder = JSONDecoder()
        for (id, json) in entities {
            guard let e = try? decoder.decode(EntitySummary.self, from: Data(json.utf8)) else { return false }
            let names = Self.names(e), articles = Set(e.articles)
            guard haveNames[id] ?? [] == names, haveArticles[id] ?? [] == articles else { return false }
            wantNames += names.count
            wantArticles += articles.count
        }
        return names.count == wantNames && articles.count == wantArticles
    }
}
