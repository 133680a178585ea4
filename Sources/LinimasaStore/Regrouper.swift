import Dispatch
import Foundation
import GRDB
import Linimasa

/// Recomputes a store's events, stories and entities from the grouping data kept with each article
/// (no article is analysed again), and writes them in one transaction.
///
/// It writes only if no article was committed while it computed; the writer of those articles
/// regroups after them, so the last word is always a timeline of every committed article.
struct Regrouper {
    let store: Store
    let builderConfiguration: TimelineBuilder.Configuration

    /// Returns the new counts, or nil when the timeline was current already or left to a later writer.
    func regroup(force: Bool = false) throws -> (events: Int, stories: Int)? {
        let (version, blobs) = try store.read { db -> (Int, [Data]) in
            let v = try Store.version(db, "articles_version")
            if !force, try Store.version(db, "timeline_version") == v { return (v, []) }
            return (v, try Data.fetchAll(db, sql: "SELECT prepared FROM articles ORDER BY id"))
        }
        if blobs.isEmpty {
            let current = try store.read { db in try Store.isCurrent(db) }
            if current && !force { return nil }
        }
        var clock = Stopwatch()
        let prepared = try Self.decode(blobs, jobs: builderConfiguration.jobs)
        clock.lap("decode \(blobs.count) articles")
        let builder = TimelineBuilder(stemmer: store.stemmer, configuration: builderConfiguration)
        builder.add(prepared: prepared)
        clock.lap("group")
        let timeline = builder.timeline()
        clock.lap("timeline")
        let entities = builder.entities()
        clock.lap("entities")
        defer { clock.lap("write") }
        let encoder = Rendering.jsonEncoder(pretty: false)
        func json<T: Encodable>(_ v: T) throws -> String { String(decoding: try encoder.encode(v), as: UTF8.self) }
        var eventCount = 0
        let written = try store.write { db -> Bool in
            guard try Store.version(db, "articles_version") == version else { return false }
            for table in ["stories", "events", "entities", "entity_names", "article_entities", "article_events"] {
                try db.execute(sql: "DELETE FROM \(table)")
            }
            for (p, s) in timeline.stories.enumerated() {
                let days = s.events.compactMap(\.date).sorted()
                var outlets: [String] = []
                for e in s.events { for o in e.outlets where !outlets.contains(o) { outlets.append(o) } }
                try db.execute(
                    sql: """
                        INSERT INTO stories(id, position, title, first_day, last_day, events, articles, outlets, keywords, json)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        s.id, p, s.title, days.first, days.last, s.events.count, s.articles.count, outlets.joined(separator: "\t"),
                        s.keywords.joined(separator: "\t"), try json(s),
                    ])
                for (q, e) in s.events.enumerated() {
                    eventCount += 1
                    try db.execute(
                        sql: """
                            INSERT INTO events(id, story, position, day, title, summary, outlets, entities, json)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [
                            e.id, s.id, q, e.date, e.title, e.summary.joined(separator: " "), e.outlets.joined(separator: "\t"),
                            e.entities.joined(separator: "\t"), try json(e),
                        ])
                    for a in e.articles {
                        try db.execute(sql: "INSERT OR REPLACE INTO article_events(article, event, story) VALUES (?, ?, ?)", arguments: [a, e.id, s.id])
                    }
                }
            }
            for e in entities {
                try db.execute(
                    sql: "INSERT INTO entities(name, kind, mentions, articles, json) VALUES (?, ?, ?, ?, ?)",
                    arguments: [e.name, e.kind, e.mentions, e.articles.count, try json(e)])
                let id = db.lastInsertedRowID
                for n in Set([e.name] + e.aliases) {
                    try db.execute(sql: "INSERT INTO entity_names(entity, name) VALUES (?, ?)", arguments: [id, n])
                }
                for a in e.articles {
                    try db.execute(sql: "INSERT INTO article_entities(article, entity) VALUES (?, ?)", arguments: [a, id])
                }
            }
            try Store.setVersion(db, "timeline_version", version)
            return true
        }
        return written ? (eventCount, timeline.stories.count) : nil
    }

    /// Grouping data of every article, decoded on all cores.
    static func decode(_ blobs: [Data], jobs: Int) throws -> [PreparedArticle] {
        let out = UnsafeMutableBufferPointer<Result<PreparedArticle, any Error>?>.allocate(capacity: blobs.count)
        out.initialize(repeating: nil)
        defer { out.deinitialize(); out.deallocate() }
        let box = SendableBuffer(out)
        let workers = max(1, min(jobs, blobs.count))
        if blobs.isEmpty { return [] }
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let decoder = JSONDecoder()
            var k = w
            while k < blobs.count {
                box.buffer[k] = Result { try decoder.decode(PreparedArticle.self, from: blobs[k]) }
                k += workers
            }
        }
        return try out.map { try $0!.get() }
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
