import Foundation
import GRDB
import Linimasa

/// A story as lists show it: no events, just what tells it apart.
public struct StorySummary: Sendable, Codable, Hashable {
    public var id: String
    public var title: String
    public var firstDay: String?
    public var lastDay: String?
    public var events: Int
    public var articles: Int
    public var outlets: [String]
    public var keywords: [String]
}

/// One page of a list, with the total so a client can page on.
public struct Page<T: Sendable & Codable>: Sendable, Codable {
    public var items: [T]
    public var page: Int
    public var perPage: Int
    public var total: Int
}

/// A page of a story's timeline, with the articles it cites (outlet, title, time).
public struct StoryTimeline: Sendable, Codable {
    public var story: Story
    public var articles: [ArticleRef]
    /// False after an interrupted ingest, until the next one brings the timeline up to date.
    public var current: Bool
    /// Events in the story (within the dates asked for); `story.events` holds `limit` of them from `offset`.
    public var eventsTotal: Int
    public var offset: Int
    public var limit: Int
    /// The page's events as the store keeps them (each what `compactJSON()` writes for it, with its
    /// id), when it read them so: copied into the page's JSON, not written again. Not part of the
    /// page's JSON itself.
    var eventJSON: [(id: String, json: String)]? = nil

    enum CodingKeys: String, CodingKey {
        case story, articles, current, eventsTotal, offset, limit
    }
}

extension StoryTimeline {
    /// This page as `JSONEncoder` (sorted keys, slashes unescaped) writes it, byte for byte,
    /// written straight into bytes (`TimelineJSONTests`).
    public func compactJSON() -> [UInt8] {
        let w = JSONBytes()
        w.object {
            w.key("articles"); w.array(articles) { w.articleRef($0) }
            w.key("current"); w.bool(current)
            w.key("eventsTotal"); w.int(eventsTotal)
            w.key("limit"); w.int(limit)
            w.key("offset"); w.int(offset)
            w.key("story"); w.story(story, eventJSON: eventJSON)
        }
        return w.bytes
    }
}

/// An event with the story it belongs to.
public struct EventRecord: Sendable, Codable {
    public var story: StorySummary
    public var event: Event
}

/// A stored article as `analyze` made it, with where it landed and when it was stored.
public struct ArticleRecord: Sendable, Codable {
    public var article: Article
    public var event: String?
    public var story: String?
    public var added: String
    public var updated: String
}

extension Store {
    public typealias StoryOrder = LinimasaStore.StoryOrder

    /// One page of stories.
    public func stories(page: Int = 1, perPage: Int = 20, order: StoryOrder = .recent) throws -> Page<StorySummary> {
        let page = max(1, page)
        let perPage = min(max(1, perPage), 500)
        return try read { db in
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM stories") ?? 0
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM stories ORDER BY \(order.sql) LIMIT ? OFFSET ?", arguments: [perPage, StoreViews.offset(page: page, perPage: perPage)])
            return Page(items: rows.map(Self.storySummary), page: page, perPage: perPage, total: total)
        }
    }

    static func storySummary(_ r: Row) -> StorySummary {
        StorySummary(
            id: r["id"], title: r["title"], firstDay: r["first_day"], lastDay: r["last_day"], events: r["events"], articles: r["articles"],
            outlets: split(r["outlets"]), keywords: split(r["keywords"]))
    }

    static func split(_ s: String?) -> [String] {
        guard let s, !s.isEmpty else { return [] }
        return s.components(separatedBy: "\t")
    }

    /// One story whole (its events, entities, quotes, sources, disagreements), or nil.
    public func story(id: String) throws -> Story? {
        try read { db in
            guard let json = try String.fetchOne(db, sql: "SELECT json FROM stories WHERE id = ?", arguments: [id]) else { return nil }
            return try StoredJSON.story(json)
        }
    }

    public func event(id: String) throws -> EventRecord? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT story, json FROM events WHERE id = ?", arguments: [id]),
                let story = try Row.fetchOne(db, sql: "SELECT * FROM stories WHERE id = ?", arguments: [row["story"] as String])
            else { return nil }
            let event = try StoredJSON.event(row["json"] as String)
            return EventRecord(story: Self.storySummary(story), event: event)
        }
    }

    public func article(id: String) throws -> ArticleRecord? {
        try read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT a.json, a.added, a.updated, ae.event, ae.story FROM articles a
                        LEFT JOIN article_events ae ON ae.article = a.key WHERE a.key = ?
                        """, arguments: [id])
            else { return nil }
            let article = try JSONDecoder().decode(Article.self, from: Data((row["json"] as String).utf8))
            return ArticleRecord(article: article, event: row["event"], story: row["story"], added: row["added"], updated: row["updated"])
        }
    }

    /// The timeline as `timeline` prints it, read from the store: one story or all, and only events
    /// dated within `from`...`to` (ISO days, inclusive) when either is given.
    public func timeline(story: String? = nil, from: String? = nil, to: String? = nil) throws -> Timeline {
        try read { db in
            let jsons: [String]
            if let story {
                jsons = try String.fetchAll(db, sql: "SELECT json FROM stories WHERE id = ?", arguments: [story])
                if jsons.isEmpty { throw StoreError.notFound("story \(story)") }
            } else {
                jsons = try String.fetchAll(db, sql: "SELECT json FROM stories ORDER BY position")
            }
            var stories: [Story] = []
            for j in jsons {
                if let s = StoreViews.within(try StoredJSON.story(j), from: from, to: to) { stories.append(s) }
            }
            let refs =
                story == nil && from == nil && to == nil
                ? try Self.allRefs(db) : try Self.refs(stories.flatMap(\.articles), db: db)
            return Timeline(stories: stories, articles: refs)
        }
    }

    /// Every article's reference, in the order they were added.
    static func allRefs(_ db: Database) throws -> [ArticleRef] {
        try Row.fetchAll(db, sql: "SELECT key, outlet, title, published FROM articles ORDER BY id").map {
            ArticleRef(id: $0["key"], outlet: $0["outlet"], title: $0["title"], published: $0["published"])
        }
    }

    /// The references of some articles (by id), in the order given; ids not stored are left out.
    static func refs(_ ids: [String], db: Database) throws -> [ArticleRef] {
        let statement = try db.cachedStatement(sql: "SELECT key, outlet, title, published FROM articles WHERE key = ?")
        var out: [ArticleRef] = []
        out.reserveCapacity(ids.count)
        for id in ids {
            if let r = try Row.fetchOne(statement, arguments: [id]) {
                out.append(ArticleRef(id: r["key"], outlet: r["outlet"], title: r["title"], published: r["published"]))
            }
        }
        return out
    }

    /// One page of a story's timeline: its events dated within `from`...`to` (when given), from the
    /// `offset`-th, at most `limit`; the quotes and disagreements of those events, the entities
    /// they name (at most `maxEntities`, most mentioned first) and their articles. Nil when there is
    /// no such story.
    public func storyPage(id: String, from: String? = nil, to: String? = nil, offset: Int = 0, limit: Int = 50, maxEntities: Int = 50) throws
        -> StoryTimeline?
    {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT head, json FROM stories WHERE id = ?", arguments: [id]) else { return nil }
            let story: Story
            let total: Int
            var stored: [(id: String, json: String)]?
            if let head = row["head"] as String? {
                // The head and only the page's events, read from the events' own rows.
                var filter = ""
                var args: [any DatabaseValueConvertible] = [id]
                if let from {
                    filter += " AND day >= ?"
                    args.append(from)
                }
                if let to {
                    filter += " AND day <= ?"
                    args.append(to)
                }
                total = try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE story = ?" + filter, arguments: StatementArguments(args)) ?? 0
                let jsons = try String.fetchAll(
                    db, sql: "SELECT json FROM events WHERE story = ?" + filter + " ORDER BY position LIMIT ? OFFSET ?",
                    arguments: StatementArguments(args + [limit, offset]))
                let (events, canonical) = try StoredJSON.events(jsons)
                // Rows this version wrote are copied into the page as they are.
                if canonical { stored = zip(events, jsons).map { ($0.id, $1) } }
                story = StoreViews.cut(try StoredJSON.story(head), to: events, maxEntities: maxEntities)
            } else {
                // A story written before heads were kept.
                (story, total) = StoreViews.page(
                    try StoredJSON.story(row["json"] as String), from: from, to: to, offset: offset, limit: limit,
                    maxEntities: maxEntities)
            }
            return StoryTimeline(
                story: story, articles: try Self.refs(story.articles, db: db), current: try Store.isCurrent(db), eventsTotal: total, offset: offset,
                limit: limit, eventJSON: stored)
        }
    }

    /// The collection's entities, most mentioned first.
    public func entities(kind: String? = nil, minMentions: Int = 1, limit: Int? = nil) throws -> [EntitySummary] {
        try read { db in
            var sql = "SELECT json FROM entities WHERE mentions >= ?"
            var args: [any DatabaseValueConvertible] = [minMentions]
            if let kind {
                sql += " AND kind = ?"
                args.append(kind.uppercased())
            }
            sql += " ORDER BY mentions DESC, name"
            if let limit {
                sql += " LIMIT ?"
                args.append(limit)
            }
            return try String.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map(StoredJSON.entity)
        }
    }

    /// The store's state as a string that changes whenever articles or the timeline do.
    public func version() throws -> String {
        try read { db in "\(try Store.version(db, "articles_version")):\(try Store.version(db, "timeline_version"))" }
    }

    /// Whether the timeline was computed from every committed article (false after an interrupted ingest).
    public func isCurrent() throws -> Bool { try read { db in try Store.isCurrent(db) } }
}
