import Foundation
import GRDB
import Linimasa

/// A search as people type it, made into a safe FTS5 expression.
///
/// Words are all required; `"…"` is a phrase; `OR`, `AND`, `NOT` (in capitals) and parentheses
/// combine; `word*` matches words starting so. Every word is quoted before it reaches SQLite, so
/// punctuation ("rudal-rudal", "AS-Rusia", "C++") never becomes FTS syntax. A query that cannot be
/// read gets a `StoreError.badQuery` saying why, never SQLite's error text.
public struct SearchQuery: Sendable, Hashable {
    public let text: String
    /// The FTS5 expression handed to `MATCH`.
    public let expression: String

    public init(_ text: String) throws {
        self.text = text
        expression = try Self.translate(text)
    }

    enum Part: Equatable {
        case term(String, prefix: Bool)
        case phrase(String)
        case op(String)
        case open, close
    }

    /// Letters a prefix (`word*`) needs, prefixes a query may hold, and words.
    public static let minimumPrefix = 3
    public static let maximumPrefixes = 4
    public static let maximumTerms = 32

    static func translate(_ text: String) throws -> String {
        let parts = try lex(text)
        var out: [String] = []
        var depth = 0
        var previous: Part? = nil
        func operand(_ p: Part?) -> Bool {
            switch p {
            case .term?, .phrase?, .close?: return true
            default: return false
            }
        }
        // The work of one query is bounded: a short prefix ("a*") expands to most of the index's
        // terms, and many of them joined by OR made one unauthenticated request cost many seconds.
        var prefixes = 0
        var terms = 0
        for case .term(let w, let prefix) in parts {
            terms += 1
            guard prefix else { continue }
            prefixes += 1
            if w.filter({ $0.isLetter || $0.isNumber }).count < minimumPrefix {
                throw StoreError.badQuery("search: a prefix needs at least \(minimumPrefix) letters (\(w)* matches too many words)")
            }
        }
        if prefixes > maximumPrefixes { throw StoreError.badQuery("search: at most \(maximumPrefixes) prefixes (word*) a query") }
        if terms > maximumTerms { throw StoreError.badQuery("search: at most \(maximumTerms) words a query") }
        for p in parts {
            // Adjacent operands are joined by an explicit AND (FTS5 takes no implicit AND before a parenthesis).
            switch p {
            case .term, .phrase, .open: if operand(previous) { out.append("AND") }
            default: break
            }
            switch p {
            case .term(let w, let prefix): out.append(quote(w) + (prefix ? "*" : ""))
            case .phrase(let s): out.append(quote(s))
            case .op(let o):
                guard operand(previous) else {
                    throw StoreError.badQuery(
                        o == "NOT"
                            ? "search: NOT needs something before it (write: rudal NOT Ukraina)"
                            : "search: \(o) needs something on both sides (write: Rusia \(o) Turki)")
                }
                out.append(o)
            case .open:
                depth += 1
                out.append("(")
            case .close:
                guard depth > 0 else { throw StoreError.badQuery("search: a closing parenthesis has no opening one") }
                guard operand(previous) else { throw StoreError.badQuery("search: empty parentheses or an operator before \")\"") }
                depth -= 1
                out.append(")")
            }
            previous = p
        }
        if case .op(let o)? = previous { throw StoreError.badQuery("search: \(o) at the end needs something after it") }
        if depth > 0 { throw StoreError.badQuery("search: a parenthesis is not closed") }
        guard out.contains(where: { $0.hasPrefix("\"") }) else {
            throw StoreError.badQuery("search: the query has no word to look for")
        }
        return out.joined(separator: " ")
    }

    static func quote(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    static func lex(_ text: String) throws -> [Part] {
        var parts: [Part] = []
        let chars = Array(text)
        var i = 0
        func isWordChar(_ c: Character) -> Bool { c.isLetter || c.isNumber }
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace {
                i += 1
            } else if c == "\"" || c == "\u{201C}" || c == "\u{201D}" {
                var j = i + 1
                while j < chars.count, chars[j] != "\"", chars[j] != "\u{201C}", chars[j] != "\u{201D}" { j += 1 }
                guard j < chars.count else { throw StoreError.badQuery("search: a quotation mark is not closed: \(text)") }
                let inner = String(chars[(i + 1)..<j])
                if inner.contains(where: isWordChar) { parts.append(.phrase(inner)) }
                i = j + 1
            } else if c == "(" {
                parts.append(.open)
                i += 1
            } else if c == ")" {
                parts.append(.close)
                i += 1
            } else {
                var j = i
                while j < chars.count, !chars[j].isWhitespace, !"\"()\u{201C}\u{201D}".contains(chars[j]) { j += 1 }
                var word = String(chars[i..<j])
                i = j
                if ["AND", "OR", "NOT"].contains(word) {
                    parts.append(.op(word))
                    continue
                }
                var prefix = false
                if word.hasSuffix("*") {
                    prefix = true
                    while word.hasSuffix("*") { word.removeLast() }
                }
                // Words are what the tokenizer sees: letters and digits; other characters only separate.
                guard word.contains(where: isWordChar) else { continue }
                parts.append(.term(word, prefix: prefix))
            }
        }
        return parts
    }
}

/// What to look for and where.
public struct SearchOptions: Sendable {
    public var query: SearchQuery
    /// Only articles of this outlet (as the store names it, any case).
    public var outlet: String?
    /// ISO days, inclusive: articles published, events dated, within.
    public var from: String?
    public var to: String?
    /// Only articles naming this entity (any of its names), events listing it.
    public var entity: String?
    public var limit = 20
    public var offset = 0
    public init(query: SearchQuery, outlet: String? = nil, from: String? = nil, to: String? = nil, entity: String? = nil, limit: Int = 20, offset: Int = 0) {
        self.query = query
        self.outlet = outlet
        self.from = from
        self.to = to
        self.entity = entity
        self.limit = limit
        self.offset = offset
    }
}

/// One ranked match. `snippet` is HTML-safe text with matches in `<mark>…</mark>`.
public struct SearchHit: Sendable, Codable, Hashable {
    public var kind: String
    public var id: String
    public var title: String?
    public var snippet: String
    public var outlets: [String]
    public var date: String?
    public var event: String?
    public var story: String?
    /// SQLite's bm25 (title weighted 5, body 1), negated so that larger is better.
    public var score: Double
}

public struct SearchResults: Sendable, Codable {
    public var query: String
    public var expression: String
    public var articles: [SearchHit]
    public var events: [SearchHit]
    /// Articles matching in all (the page shows at most `limit`).
    public var totalArticles: Int
}

extension Store {
    static let markOpen = "\u{E000}"
    static let markClose = "\u{E001}"

    /// Ranks articles and events matching the query, best first, with highlighted snippets.
    public func search(_ o: SearchOptions) throws -> SearchResults {
        let limit = min(max(1, o.limit), 200)
        let offset = max(0, o.offset)
        do {
            return try pool.read { db in
                var names: [String] = []
                if let entity = o.entity {
                    names = try String.fetchAll(
                        db, sql: "SELECT DISTINCT e.name FROM entities e JOIN entity_names n ON n.entity = e.id WHERE n.name = ?", arguments: [entity])
                }
                // Articles.
                var filter = ""
                var args: [any DatabaseValueConvertible] = [o.query.expression]
                if let outlet = o.outlet {
                    filter += " AND a.outlet = ? COLLATE NOCASE"
                    args.append(outlet)
                }
                if let from = o.from {
                    filter += " AND a.day >= ?"
                    args.append(from)
                }
                if let to = o.to {
                    filter += " AND a.day <= ?"
                    args.append(to)
                }
                if o.entity != nil {
                    filter += """
                         AND a.key IN (SELECT x.article FROM article_entities x JOIN entity_names n ON n.entity = x.entity WHERE n.name = ?)
                        """
                    args.append(o.entity!)
                }
                // Count without the join when nothing filters on the article's columns: FTS5 alone is fast.
                let total =
                    filter.isEmpty
                    ? try Int.fetchOne(db, sql: "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", arguments: [o.query.expression]) ?? 0
                    : try Int.fetchOne(
                        db,
                        sql: "SELECT count(*) FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid WHERE articles_fts MATCH ?" + filter,
                        arguments: StatementArguments(args)) ?? 0
                let articles = try Self.ranked(
                    db, fts: "articles_fts", join: "JOIN articles a ON a.id = articles_fts.rowid", filter: filter, args: args, limit: limit,
                    offset: offset,
                    detail: """
                        SELECT a.key, a.title, a.outlet, a.day, ae.event, ae.story,
                          snippet(articles_fts, -1, '\(Self.markOpen)', '\(Self.markClose)', '…', 24) AS snip
                        FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
                        LEFT JOIN article_events ae ON ae.article = a.key
                        """, expression: o.query.expression
                ) { row, score in
                    SearchHit(
                        kind: "article", id: row["key"], title: row["title"], snippet: Self.markup(row["snip"]),
                        outlets: (row["outlet"] as String?).map { [$0] } ?? [], date: row["day"], event: row["event"], story: row["story"],
                        score: score)
                }
                // Events.
                var efilter = ""
                var eargs: [any DatabaseValueConvertible] = [o.query.expression]
                if let outlet = o.outlet {
                    efilter += " AND ('\t' || e.outlets || '\t') LIKE ? ESCAPE '\\'"
                    eargs.append("%\t\(Self.likeEscaped(outlet))\t%")
                }
                if let from = o.from {
                    efilter += " AND e.day >= ?"
                    eargs.append(from)
                }
                if let to = o.to {
                    efilter += " AND e.day <= ?"
                    eargs.append(to)
                }
                if o.entity != nil {
                    if names.isEmpty { efilter += " AND 0" }
                    else {
                        efilter += " AND (" + names.map { _ in "('\t' || e.entities || '\t') LIKE ? ESCAPE '\\'" }.joined(separator: " OR ") + ")"
                        eargs += names.map { "%\t\(Self.likeEscaped($0))\t%" }
                    }
                }
                let events = try Self.ranked(
                    db, fts: "events_fts", join: "JOIN events e ON e.rowid = events_fts.rowid", filter: efilter, args: eargs,
                    limit: min(limit, 20), offset: offset,
                    detail: """
                        SELECT e.id, e.title, e.day, e.story, e.outlets,
                          snippet(events_fts, 1, '\(Self.markOpen)', '\(Self.markClose)', '…', 24) AS snip
                        FROM events_fts JOIN events e ON e.rowid = events_fts.rowid
                        """, expression: o.query.expression
                ) { row, score in
                    SearchHit(
                        kind: "event", id: row["id"], title: row["title"], snippet: Self.markup(row["snip"]), outlets: Self.split(row["outlets"]),
                        date: row["day"], event: row["id"], story: row["story"], score: score)
                }
                return SearchResults(query: o.query.text, expression: o.query.expression, articles: articles, events: events, totalArticles: total)
            }
        } catch let e as DatabaseError {
            // The expression is built from quoted words only; what SQLite still refuses is said plainly.
            if e.resultCode == .SQLITE_ERROR, (e.message ?? "").contains("fts5") {
                throw StoreError.badQuery("search: cannot search for \(o.query.text)")
            }
            throw StoreError.database(path, e)
        }
    }

    /// Matches ranked first by BM25 (title weighted 5), `filter` on the `join`ed table's columns; then,
    /// for the rows shown only, `detail` (with its snippet: snippets tokenize the text again) for
    /// each, made into a hit with its score (larger is better).
    /// `%`, `_` and the escape character itself taken literally in a LIKE pattern (with `ESCAPE '\\'`).
    static func likeEscaped(_ s: String) -> String {
        var out = ""
        for c in s {
            if c == "%" || c == "_" || c == "\\" { out.append("\\") }
            out.append(c)
        }
        return out
    }

    static func ranked(
        _ db: Database, fts: String, join: String, filter: String, args: [any DatabaseValueConvertible], limit: Int, offset: Int,
        detail: String, expression: String, hit: (Row, Double) -> SearchHit
    ) throws -> [SearchHit] {
        let ranked = try Row.fetchAll(
            db,
            sql: """
                SELECT \(fts).rowid AS rid, bm25(\(fts), 5.0, 1.0) AS score FROM \(fts)\(filter.isEmpty ? "" : " " + join)
                WHERE \(fts) MATCH ?\(filter) ORDER BY score LIMIT ? OFFSET ?
                """, arguments: StatementArguments(args + [limit, offset]))
        return try ranked.compactMap { r in
            try Row.fetchOne(db, sql: detail + " WHERE \(fts) MATCH ? AND \(fts).rowid = ?", arguments: [expression, r["rid"] as Int64])
                .map { hit($0, -(r["score"] as Double)) }
        }
    }

    /// Escapes a snippet for HTML and turns SQLite's match markers into `<mark>` tags.
    static func markup(_ s: String?) -> String {
        TimelineRendering.esc(s ?? "").replacingOccurrences(of: markOpen, with: "<mark>").replacingOccurrences(of: markClose, with: "</mark>")
    }
}
