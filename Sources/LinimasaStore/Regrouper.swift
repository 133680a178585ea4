import Dispatch
import Foundation
import GRDB
import Linimasa

/// Brings a store's events, stories and entities up to date with its articles, in one transaction.
///
/// Grouping runs again over every article's kept profile (no article is analysed again; grouping
/// does not depend on order, so the result is what `timeline` gives for the same articles). What
/// costs is summarising stories and writing them, and that is done only for stories whose events or
/// articles changed: a story with the same events as stored (its `members` key) and no new or
/// changed article (the `pending` table) is kept as it is. Entities whose JSON is unchanged keep
/// their rows.
///
/// It writes only if no article was committed while it computed; the writer of those articles
/// regroups after them, so the last word is always a timeline of every committed article.
struct Regrouper {
    let store: Store
    let builderConfiguration: TimelineBuilder.Configuration

    struct Stored {
        var version: Int
        var blobs: [Data]
        /// The rows' ids, in the blobs' order (read in the same transaction).
        var ids: [Int64]
        var pending: Set<String>
        var members: [String: String]
        var events: [String: Int]
    }

    /// Returns the new counts, or nil when the timeline was current already or left to a later writer.
    /// `force` summarises every story again (after a change of the program, say).
    func regroup(force: Bool = false) throws -> (events: Int, stories: Int, summarised: Int)? {
        var clock = Stopwatch()
        let stored = try store.read { db -> Stored? in
            let v = try Store.version(db, "articles_version")
            if !force, try Store.version(db, "timeline_version") == v { return nil }
            var members: [String: String] = [:]
            var events: [String: Int] = [:]
            if !force {
                let rows = try Row.fetchCursor(db, sql: "SELECT id, members, events FROM stories")
                while let r = try rows.next() {
                    members[r[0]] = r[1]
                    events[r[0]] = r[2]
                }
            }
            return Stored(
                version: v, blobs: try Data.fetchAll(db, sql: "SELECT prepared FROM articles ORDER BY id"),
                ids: try Int64.fetchAll(db, sql: "SELECT id FROM articles ORDER BY id"),
                pending: Set(try String.fetchAll(db, sql: "SELECT key FROM pending")), members: members, events: events)
        }
        guard let stored else { return nil }
        clock.lap("read \(stored.blobs.count) articles")
        let builder = TimelineBuilder(stemmer: store.stemmer, configuration: builderConfiguration)
        let prepared = try decodeOrRebuild(stored.blobs, ids: stored.ids, builder: builder)
        clock.lap("decode")
        builder.add(prepared: prepared)
        clock.lap("group")
        var reused = Set<String>()
        var plans: [String: String] = [:]
        let decoder = JSONDecoder()
        // A kept story stays in its row; only its entities are read back (for the collection's
        // entities), so it stands in the timeline as its id, articles and entities.
        let timeline = builder.timeline(reusing: { plan in
            plans[plan.id] = plan.key
            guard stored.members[plan.id] == plan.key, !plan.articles.contains(where: stored.pending.contains),
                let json = try? store.read({ db in
                    try String.fetchOne(db, sql: "SELECT entities FROM stories WHERE id = ?", arguments: [plan.id])
                }),
                let entities = try? decoder.decode([EntitySummary].self, from: Data(json.utf8))
            else { return nil }
            reused.insert(plan.id)
            return Story(id: plan.id, title: "", keywords: [], articles: plan.articles, events: [], entities: entities)
        })
        clock.lap("timeline (\(timeline.stories.count - reused.count) of \(timeline.stories.count) stories summarised)")
        let entities = TimelineBuilder.collectionEntities(timeline.stories)
        clock.lap("entities")
        let encoder = Rendering.jsonEncoder(pretty: false)
        func json<T: Encodable>(_ v: T) throws -> String { String(decoding: try encoder.encode(v), as: UTF8.self) }
        let entityRows = try entities.map { e in (e, try json(e)) }
        clock.lap("encode entities")
        let eventCount = timeline.stories.reduce(0) { $0 + (reused.contains($1.id) ? stored.events[$1.id] ?? 0 : $1.events.count) }
        let written = try store.write { db -> Bool in
            guard try Store.version(db, "articles_version") == stored.version else { return false }
            let fresh = Set(timeline.stories.map(\.id))
            // Stories that are gone or summarised anew leave with their events.
            for id in try String.fetchAll(db, sql: "SELECT id FROM stories") where !fresh.contains(id) || !reused.contains(id) {
                try db.execute(sql: "DELETE FROM events WHERE story = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM article_events WHERE story = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM stories WHERE id = ?", arguments: [id])
            }
            for (p, s) in timeline.stories.enumerated() {
                if reused.contains(s.id) {
                    try db.execute(sql: "UPDATE stories SET position = ? WHERE id = ? AND position != ?", arguments: [p, s.id, p])
                    continue
                }
                try Self.insert(s, position: p, members: plans[s.id] ?? "", db: db, json: json)
            }
            clock.lap("write stories")
            let n = try Self.writeEntities(entityRows, db: db)
            clock.lap("write entities (\(n) of \(entityRows.count) new or changed)")
            try db.execute(sql: "DELETE FROM pending")
            try Store.setVersion(db, "timeline_version", stored.version)
            return true
        }
        clock.lap("commit")
        return written ? (eventCount, timeline.stories.count, timeline.stories.count - reused.count) : nil
    }

    static func insert(_ s: Story, position: Int, members: String, db: Database, json: (Story) throws -> String) throws {
        let days = s.events.compactMap(\.date).sorted()
        var outlets: [String] = []
        for e in s.events { for o in e.outlets where !outlets.contains(o) { outlets.append(o) } }
        try db.execute(
            sql: """
                INSERT INTO stories(id, position, title, first_day, last_day, events, articles, outlets, keywords, members, entities, json)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                s.id, position, s.title, days.first, days.last, s.events.count, s.articles.count, outlets.joined(separator: "\t"),
                s.keywords.joined(separator: "\t"), members, String(decoding: try JSONEncoder().encode(s.entities), as: UTF8.self), try json(s),
            ])
        let encoder = Rendering.jsonEncoder(pretty: false)
        for (q, e) in s.events.enumerated() {
            try db.execute(
                sql: """
                    INSERT INTO events(id, story, position, day, title, summary, outlets, entities, json)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    e.id, s.id, q, e.date, e.title, e.summary.joined(separator: " "), e.outlets.joined(separator: "\t"),
                    e.entities.joined(separator: "\t"), String(decoding: try encoder.encode(e), as: UTF8.self),
                ])
            for a in e.articles {
                try db.execute(sql: "INSERT OR REPLACE INTO article_events(article, event, story) VALUES (?, ?, ?)", arguments: [a, e.id, s.id])
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
                try db.execute(
                    sql: "UPDATE entities SET mentions = ?, articles = ?, hash = ?, json = ? WHERE id = ?",
                    arguments: [e.mentions, e.articles.count, hash, json, id])
                let oldNames = Set(try String.fetchAll(db, sql: "SELECT name FROM entity_names WHERE entity = ?", arguments: [id]))
                for n in oldNames.subtracting(names) {
                    try db.execute(sql: "DELETE FROM entity_names WHERE entity = ? AND name = ?", arguments: [id, n])
                }
                for n in names.subtracting(oldNames) {
                    try db.execute(sql: "INSERT INTO entity_names(entity, name) VALUES (?, ?)", arguments: [id, n])
                }
                let oldArticles = Set(try String.fetchAll(db, sql: "SELECT article FROM article_entities WHERE entity = ?", arguments: [id]))
                for a in oldArticles.subtracting(articles) {
                    try db.execute(sql: "DELETE FROM article_entities WHERE entity = ? AND article = ?", arguments: [id, a])
                }
                for a in articles.subtracting(oldArticles) {
                    try db.execute(sql: "INSERT INTO article_entities(article, entity) VALUES (?, ?)", arguments: [a, id])
                }
                continue
            }
            try db.execute(
                sql: "INSERT INTO entities(name, kind, mentions, articles, hash, json) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [e.name, e.kind, e.mentions, e.articles.count, hash, json])
            let id = db.lastInsertedRowID
            for n in names {
                try db.execute(sql: "INSERT INTO entity_names(entity, name) VALUES (?, ?)", arguments: [id, n])
            }
            for a in articles {
                try db.execute(sql: "INSERT INTO article_entities(article, entity) VALUES (?, ?)", arguments: [a, id])
            }
        }
        for id in byHash.values.joined() where !kept.contains(id) {
            try db.execute(sql: "DELETE FROM entities WHERE id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM entity_names WHERE entity = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM article_entities WHERE entity = ?", arguments: [id])
        }
        return written
    }

    static func hash(_ s: String) -> String {
        hexDigest128(s.utf8)
    }

    /// The kept grouping data, decoded; a blob an earlier version wrote in another form (or that
    /// cannot be read) is made again from the article's stored JSON and written back, so a store
    /// from an earlier version regroups instead of failing.
    func decodeOrRebuild(_ blobs: [Data], ids: [Int64], builder: TimelineBuilder) throws -> [PreparedArticle] {
        let decoded = parallelMap(blobs, jobs: builderConfiguration.jobs, context: {}) { _, blob in try? PreparedArticle(binary: [UInt8](blob)) }
        let stale = decoded.indices.filter { decoded[$0] == nil }
        if stale.isEmpty { return decoded.map { $0! } }
        // Only the stale rows' JSON is read, by the ids read with the blobs.
        let decoder = JSONDecoder()
        let articles = try store.read { db in
            try stale.map { k in
                let json = try String.fetchOne(db, sql: "SELECT json FROM articles WHERE id = ?", arguments: [ids[k]]) ?? ""
                return try decoder.decode(Article.self, from: Data(json.utf8))
            }
        }
        let rebuilt = builder.prepared(articles)
        try store.write { db in
            for (j, k) in stale.enumerated() {
                try db.execute(sql: "UPDATE articles SET prepared = ? WHERE id = ?", arguments: [Data(rebuilt[j].binary()), ids[k]])
            }
        }
        var out = decoded
        for (j, k) in stale.enumerated() { out[k] = rebuilt[j] }
        return out.map { $0! }
    }

}

/// Prints phase times on standard error when LINIMASA_TIMING is set (for profiling runs).
struct Stopwatch {
    static let enabled = ProcessInfo.processInfo.environment["LINIMASA_TIMING"] != nil
    var last = DispatchTime.now().uptimeNanoseconds
    mutating func lap(_ what: String) {
        guard Self.enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        FileHandle.standardError.write(Data("linimasa: timing: \(what) \(String(format: "%.2f", Double(now - last) / 1e9)) s\n".utf8))
        last = now
    }
}
