import Foundation
import GRDB
import Linimasa

/// A search as people type it, made into a safe FTS5 expression.
///
/// Words are all required; `"…"` is a phrase; `OR`, `AND`, `NOT` (in capitals) and parentheses
/// combine; `word*` matches words starting so. Every word is quoted before it reaches SQLite, so
/// punctuation ("rudal-rudal", "AS-Rusia", "C++") never becomes FTS syntax. Like a search box, it
/// reads what it is given rather than refusing it: a quotation mark or parenthesis left open is
/// closed at the end, an operator with nothing on one side is left out, and each such reading is
/// said in `notes`. The work of one query is bounded the same way: a prefix needs three letters
/// (shorter, it is the word itself), at most four prefixes and 32 words are read.
public struct SearchQuery: Sendable, Hashable {
    public let text: String
    /// The FTS5 expression handed to `MATCH`; empty when the query has no word (nothing matches).
    public let expression: String
    /// How the query was read where it was not as written (an open quotation mark closed, ...).
    public let notes: [String]

    public init(_ text: String) throws {
        self.text = text
        (expression, notes) = Self.translate(text)
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

    static func translate(_ text: String) -> (String, [String]) {
        var notes: [String] = []
        func note(_ s: String) { if !notes.contains(s) { notes.append(s) } }
        var parts = lex(text, note: note)
        // The work of one query is bounded: a short prefix ("a*") expands to most of the index's
        // terms, and many of them joined by OR made one unauthenticated request cost many seconds.
        var prefixes = 0
        var terms = 0
        parts = parts.compactMap { part in
            guard case .term(let w, let prefix) = part else { return part }
            terms += 1
            if terms > maximumTerms {
                note("only the first \(maximumTerms) words are searched")
                return nil
            }
            guard prefix else { return part }
            if w.filter({ $0.isLetter || $0.isNumber }).count < minimumPrefix {
                note("a prefix needs at least \(minimumPrefix) letters: \(w)* is searched as \(w)")
                return .term(w, prefix: false)
            }
            prefixes += 1
            if prefixes > maximumPrefixes {
                note("at most \(maximumPrefixes) prefixes (word*) are expanded; \(w)* is searched as \(w)")
                return .term(w, prefix: false)
            }
            return part
        }
        var out: [String] = []
        var depth = 0
        func operandLast() -> Bool { out.last.map { $0.hasPrefix("\"") || $0 == ")" } ?? false }
        func isOperator(_ t: String?) -> Bool { t == "AND" || t == "OR" || t == "NOT" }
        /// Takes back operators left dangling at the end of `out`, and an empty "(" with the operator before it.
        func dropDangling() {
            while true {
                if isOperator(out.last) {
                    note("\(out.last!) with nothing after it is left out")
                    out.removeLast()
                } else if out.last == "(" {
                    out.removeLast()
                    depth -= 1
                    note("empty parentheses are left out")
                } else {
                    return
                }
            }
        }
        for p in parts {
            switch p {
            case .term(let w, let prefix):
                if operandLast() { out.append("AND") }
                out.append(quote(w) + (prefix ? "*" : ""))
            case .phrase(let s):
                if operandLast() { out.append("AND") }
                out.append(quote(s))
            case .open:
                if operandLast() { out.append("AND") }
                depth += 1
                out.append("(")
            case .op(let o):
                if operandLast() {
                    out.append(o)
                } else if isOperator(out.last) {
                    note("\(out.last!) \(o): only \(o) is read")
                    out[out.count - 1] = o
                } else {
                    note("\(o) with nothing before it is left out")
                }
            case .close:
                if depth == 0 {
                    note("a closing parenthesis without an opening one is left out")
                    continue
                }
                while isOperator(out.last) {
                    note("\(out.last!) with nothing after it is left out")
                    out.removeLast()
                }
                if out.last == "(" {
                    out.removeLast()
                    note("empty parentheses are left out")
                } else {
                    out.append(")")
                }
                depth -= 1
            }
        }
        dropDangling()
        if depth > 0 {
            note("a parenthesis left open is closed at the end")
            out += Array(repeating: ")", count: depth)
        }
        guard out.contains(where: { $0.hasPrefix("\"") }) else {
            note("the query has no word to look for")
            return ("", notes)
        }
        return (out.joined(separator: " "), notes)
    }

    static func quote(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    static func lex(_ text: String, note: (String) -> Void) -> [Part] {
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
                if j == chars.count { note("a quotation mark left open is closed at the end") }
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
    /// How many matches are ranked (at least one): the most recently added ones (by row), so that a
    /// search costs the same in a collection of a million articles as in one of ten thousand,
    /// whatever the word. Totals still count every match.
    public var window = SearchOptions.defaultWindow {
        didSet { window = max(1, window) }
    }
    public static let defaultWindow = 5000
    public init(
        query: SearchQuery, outlet: String? = nil, from: String? = nil, to: String? = nil, entity: String? = nil, limit: Int = 20, offset: Int = 0,
        window: Int = SearchOptions.defaultWindow
    ) {
        self.window = max(1, window)
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
    /// How the query was read where it was not as written (see `SearchQuery.notes`).
    public var notes: [String] = []
}

extension Store {
    static let markOpen = "\u{E000}"
    static let markClose = "\u{E001}"

    /// Ranks articles and events matching the query, best first, with highlighted snippets.
    public func search(_ o: SearchOptions) throws -> SearchResults {
        let limit = min(max(1, o.limit), 200)
        let offset = max(0, o.offset)
        if o.query.expression.isEmpty {
            return SearchResults(query: o.query.text, expression: "", articles: [], events: [], totalArticles: 0, notes: o.query.notes)
        }
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
                    ? try Int.fetchOne(
                        db.cachedStatement(sql: "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?"), arguments: [o.query.expression]) ?? 0
                    : try Int.fetchOne(
                        db.cachedStatement(
                            sql: "SELECT count(*) FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid WHERE articles_fts MATCH ?" + filter),
                        arguments: StatementArguments(args)) ?? 0
                let articles = try Self.ranked(
                    db, fts: "articles_fts", join: "JOIN articles a ON a.id = articles_fts.rowid", filter: filter, args: args, limit: limit,
                    offset: offset, window: o.window,
                    detail: """
                        SELECT articles_fts.rowid AS rid_, a.key, a.title, a.outlet, a.day, ae.event, ae.story,
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
                    limit: min(limit, 20), offset: offset, window: o.window,
                    detail: """
                        SELECT events_fts.rowid AS rid_, e.id, e.title, e.day, e.story, e.outlets,
                          snippet(events_fts, 1, '\(Self.markOpen)', '\(Self.markClose)', '…', 24) AS snip
                        FROM events_fts JOIN events e ON e.rowid = events_fts.rowid
                        """, expression: o.query.expression
                ) { row, score in
                    SearchHit(
                        kind: "event", id: row["id"], title: row["title"], snippet: Self.markup(row["snip"]), outlets: Self.split(row["outlets"]),
                        date: row["day"], event: row["id"], story: row["story"], score: score)
                }
                return SearchResults(
                    query: o.query.text, expression: o.query.expression, articles: articles, events: events, totalArticles: total, notes: o.query.notes)
            }
        } catch let e as DatabaseError {
            // The expression is built from quoted words only; what SQLite still refuses is said plainly.
            if e.resultCode == .SQLITE_ERROR, (e.message ?? "").contains("fts5") {
                throw StoreError.badQuery("search: cannot search for \(o.query.text)")
            }
            throw StoreError.database(path, e)
        }
    }

    /// `%`, `_` and the escape character itself taken literally in a LIKE pattern (with `ESCAPE '\\'`).
    static func likeEscaped(_ s: String) -> String {
        var out = ""
        for c in s {
            if c == "%" || c == "_" || c == "\\" { out.append("\\") }
            out.append(c)
        }
        return out
    }

    /// The `window` most recent matches (FTS5 reads its rows newest first and stops there) ranked by
    /// BM25 (title weighted 5, ties: the older row first), `filter` on the `join`ed table's columns; then,
    /// for the rows shown only, `detail` (with its snippet: snippets tokenize the text again; its
    /// first column the full-text row as `rid_`) for each, made into a hit with its score (larger
    /// is better).
    static func ranked(
        _ db: Database, fts: String, join: String, filter: String, args: [any DatabaseValueConvertible], limit: Int, offset: Int,
        window: Int, detail: String, expression: String, hit: (Row, Double) -> SearchHit
    ) throws -> [SearchHit] {
        let ranked = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                SELECT rid, score FROM (
                  SELECT \(fts).rowid AS rid, bm25(\(fts), 5.0, 1.0) AS score FROM \(fts)\(filter.isEmpty ? "" : " " + join)
                  WHERE \(fts) MATCH ?\(filter) ORDER BY \(fts).rowid DESC LIMIT ?)
                ORDER BY score, rid LIMIT ? OFFSET ?
                """), arguments: StatementArguments(args + [window, limit, offset]))
        let rids = ranked.map { $0["rid"] as Int64 }
        guard let low = rids.min(), let high = rids.max() else { return [] }
        // The shown rows' details in one statement: the full-text query walks its matches once
        // within the shown rows' range, and the list keeps the shown ones (`+` keeps it out of
        // FTS5's hands, which would run the query again for each: a match list read for each hit
        // was a third of a search). Each row's snippet is what it was; the order is the ranking's.
        let list = Array(repeating: "?", count: rids.count).joined(separator: ",")
        let statement = try db.cachedStatement(
            sql: detail + " WHERE \(fts) MATCH ? AND \(fts).rowid BETWEEN ? AND ? AND +\(fts).rowid IN (\(list))")
        var rows: [Int64: Row] = [:]
        for row in try Row.fetchAll(statement, arguments: StatementArguments([expression, low, high] + rids)) {
            let rid: Int64 = row["rid_"]
            if rows[rid] == nil { rows[rid] = row }
        }
        return ranked.compactMap { r in rows[r["rid"] as Int64].map { hit($0, -(r["score"] as Double)) } }
    }

    /// Escapes a snippet for HTML (as `TimelineRendering.esc` does) and turns the match markers
    /// (`markOpen`, `markClose`) into `<mark>` tags, in one pass over the bytes.
    static func markup(_ s: String?) -> String {
        let bytes = Array((s ?? "").utf8)
        var o: [UInt8] = []
        o.reserveCapacity(bytes.count + 64)
        var i = 0
        let (open, close) = markBytes
        // A marker is looked for only where one of their first bytes stands.
        func marker(_ m: [UInt8]) -> Bool { (bytes[i] == open[0] || bytes[i] == close[0]) && bytes[i...].starts(with: m) }
        while i < bytes.count {
            if marker(open) {
                o += "<mark>".utf8
                i += open.count
            } else if marker(close) {
                o += "</mark>".utf8
                i += close.count
            } else {
                TimelineRendering.appendEscaped(bytes[i], to: &o)
                i += 1
            }
        }
        return String(decoding: o, as: UTF8.self)
    }

    static let markBytes = (open: Array(markOpen.utf8), close: Array(markClose.utf8))
}
