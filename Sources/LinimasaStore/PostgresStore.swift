import Foundation
import Linimasa
import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// A collection kept in PostgreSQL, for many machines sharing one: the same `CollectionStore` as
/// the SQLite `Store` (held to it by `StoreConformanceTests`).
///
/// Search runs on the project's own words: each article's title and body are read by the stores'
/// tokenizer (stems over hunspell-id), kept as words and as a `tsvector` of them written by
/// position (title weight A, body B, a gap between the two so that no phrase spans them), matched
/// by a GIN index against a `tsquery` made from the same `SearchExpression`, and ranked by FTS5's
/// BM25 computed here from the matches' words, so the answers are the SQLite store's.
///
/// Writers on several machines: every article write raises `articles_version` in the same
/// transaction (its row lock makes writers take turns at the commit); a regrouping holds an
/// advisory lock and that row while it writes and is refused if articles were committed after the
/// state it read. Nothing committed is lost when a process dies; its transaction rolls back.
public final class PostgresStore: CollectionStore, @unchecked Sendable {
    public let location: String
    /// The stemming the collection was made with (nil: words as written), whatever is installed
    /// here: set once, in `init`.
    public private(set) var stemmer: Stemmer?
    let url: PostgresURL
    let group: MultiThreadedEventLoopGroup
    let logger: Logger
    private let lock = NSLock()
    private var idle: [PostgresConnection] = []
    private var open = 0
    private let maxConnections: Int
    private let available = DispatchSemaphore(value: 0)

    /// Connects to the database `url` names, making Linimasa's tables there if they are not yet.
    public init(url: PostgresURL, stemmer: Stemmer?, maxConnections: Int = 4) throws {
        self.url = url
        self.location = url.display
        self.stemmer = stemmer
        self.maxConnections = max(1, maxConnections)
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        var l = Logger(label: "linimasa.postgres")
        l.logLevel = .critical
        logger = l
        do {
            try migrate()
        } catch {
            shutdown()
            throw error
        }
        let recorded = try withConnection { c in try Self.text(c, "SELECT value FROM meta WHERE key = 'stemming'", logger: logger) }
        if recorded == "hunspell-id" && stemmer == nil {
            shutdown()
            throw PostgresStoreError(location, "this collection's search index stems words with hunspell-id, which is not installed here")
        }
        // Made without a stemmer: its words stay as written, even where hunspell-id is installed.
        if recorded == StemmingMode.none.rawValue { self.stemmer = nil }
    }

    deinit { shutdown() }

    private var closed = false

    /// Closes every connection.
    public func shutdown() {
        lock.lock()
        let conns = idle
        idle = []
        let wasClosed = closed
        closed = true
        lock.unlock()
        guard !wasClosed else { return }
        for c in conns { try? c.close().wait() }
        try? group.syncShutdownGracefully()
    }

    // MARK: connections

    /// How to reach `database` on the server `url` names.
    static func configuration(_ url: PostgresURL, database: String) -> PostgresConnection.Configuration {
        var config = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: database, tls: .disable)
        config.options.connectTimeout = .seconds(10)
        return config
    }

    func connect() throws -> PostgresConnection {
        let config = Self.configuration(url, database: url.database)
        do {
            return try PostgresConnection.connect(on: group.next(), configuration: config, id: Int.random(in: 1...Int(Int32.max)), logger: logger).wait()
        } catch {
            throw PostgresStoreError(location, "cannot connect: \(Self.reason(error))")
        }
    }

    /// Runs `body` on a connection of the pool (made when none is idle and fewer than the maximum
    /// are open; otherwise waits for one).
    func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        var conn: PostgresConnection? = nil
        while conn == nil {
            lock.lock()
            if let c = idle.popLast() {
                lock.unlock()
                conn = c.isClosed ? nil : c
                if conn == nil {
                    lock.lock()
                    open -= 1
                    lock.unlock()
                }
            } else if open < maxConnections {
                open += 1
                lock.unlock()
                do { conn = try connect() } catch {
                    lock.lock()
                    open -= 1
                    lock.unlock()
                    throw error
                }
            } else {
                lock.unlock()
                _ = available.wait(timeout: .now() + 0.05)
            }
        }
        defer {
            lock.lock()
            if conn!.isClosed { open -= 1 } else { idle.append(conn!) }
            lock.unlock()
            available.signal()
        }
        do { return try body(conn!) } catch let e as PostgresStoreError { throw e } catch let e as StoreError { throw e } catch {
            throw PostgresStoreError(location, Self.reason(error))
        }
    }

    /// Runs `body` in one transaction (rolled back if it throws).
    func transaction<T>(isolation: String = "READ COMMITTED", _ body: (PostgresConnection) throws -> T) throws -> T {
        try withConnection { c in
            _ = try c.query(PostgresQuery(unsafeSQL: "BEGIN ISOLATION LEVEL \(isolation)"), logger: logger).wait()
            do {
                let v = try body(c)
                _ = try c.query("COMMIT", logger: logger).wait()
                return v
            } catch {
                _ = try? c.query("ROLLBACK", logger: logger).wait()
                throw error
            }
        }
    }

    static func reason(_ error: any Error) -> String {
        if let p = error as? PSQLError {
            if let m = p.serverInfo?[.message] { return m }
            switch p.code {
            case .connectionError, .uncleanShutdown: return "the connection failed (is the server running and reachable?)"
            case .serverClosedConnection: return "the server closed the connection"
            default: return "\(p.code)"
            }
        }
        if let e = error as? IOError { return e.description }
        let text = String(describing: error)
        return text.count > 200 ? String(text.prefix(200)) + "…" : text
    }

    func rows(_ c: PostgresConnection, _ q: PostgresQuery) throws -> [PostgresRow] { try c.query(q, logger: logger).wait().rows }

    func run(_ c: PostgresConnection, _ q: PostgresQuery) throws { _ = try c.query(q, logger: logger).wait() }

    static func text(_ c: PostgresConnection, _ sql: String, logger: Logger) throws -> String? {
        try c.query(PostgresQuery(unsafeSQL: sql), logger: logger).wait().rows.first.map { try $0.decode(String.self) }
    }

    func version(_ c: PostgresConnection, _ key: String) throws -> Int {
        let v = try rows(c, "SELECT value FROM meta WHERE key = \(key)").first.map { try $0.decode(String.self) }
        return Int(v ?? "0") ?? 0
    }

    // MARK: schema

    /// Versioned schema changes, each applied once (in a transaction holding an advisory lock, so
    /// that two processes starting on a new database do not both make the tables).
    func migrate() throws {
        let stemming = (stemmer == nil ? StemmingMode.none : .hunspell).rawValue
        try transaction { c in
            try run(c, "SELECT pg_advisory_xact_lock(7319001)")
            try run(c, "CREATE TABLE IF NOT EXISTS linimasa_migrations(name text PRIMARY KEY, applied timestamptz NOT NULL DEFAULT now())")
            let done = Set(try rows(c, "SELECT name FROM linimasa_migrations").map { try $0.decode(String.self) })
            for (name, statements) in Self.migrations where !done.contains(name) {
                for sql in statements { try run(c, PostgresQuery(unsafeSQL: sql)) }
                if name == "v1" { try run(c, "INSERT INTO meta(key, value) VALUES ('stemming', \(stemming))") }
                try run(c, "INSERT INTO linimasa_migrations(name) VALUES (\(name))")
            }
        }
    }

    static let migrations: [(String, [String])] = [
        (
            "v1",
            [
                "CREATE TABLE meta(key text PRIMARY KEY, value text NOT NULL)",
                """
                INSERT INTO meta(key, value) VALUES ('articles_version', '0'), ('timeline_version', '0'), ('article_words', '0'),
                  ('event_words', '0')
                """,
                """
                CREATE TABLE articles(
                  id bigserial PRIMARY KEY, key text NOT NULL UNIQUE, hash text NOT NULL, source text NOT NULL,
                  outlet text, title text, author text, published text, day text, language text, body text NOT NULL, json text NOT NULL,
                  prepared bytea NOT NULL, added text NOT NULL, updated text NOT NULL,
                  title_words text NOT NULL, body_words text NOT NULL, length integer NOT NULL, doc tsvector NOT NULL)
                """,
                "CREATE INDEX articles_doc ON articles USING gin(doc)",
                "CREATE INDEX articles_day ON articles(day)",
                "CREATE INDEX articles_outlet ON articles(lower(outlet))",
                "CREATE TABLE pending(key text PRIMARY KEY)",
                """
                CREATE TABLE stories(
                  id text PRIMARY KEY, position integer NOT NULL, title text NOT NULL, first_day text, last_day text,
                  events integer NOT NULL, articles integer NOT NULL, outlets text NOT NULL, keywords text NOT NULL, members text NOT NULL,
                  entities text NOT NULL, json text NOT NULL)
                """,
                "CREATE INDEX stories_position ON stories(position)",
                """
                CREATE TABLE events(
                  row bigserial PRIMARY KEY, id text NOT NULL UNIQUE, story text NOT NULL, position integer NOT NULL, day text,
                  title text NOT NULL, summary text NOT NULL, outlets text NOT NULL, entities text NOT NULL, json text NOT NULL,
                  title_words text NOT NULL, summary_words text NOT NULL, length integer NOT NULL, doc tsvector NOT NULL)
                """,
                "CREATE INDEX events_doc ON events USING gin(doc)",
                "CREATE INDEX events_story ON events(story, position)",
                """
                CREATE TABLE entities(
                  id bigserial PRIMARY KEY, name text NOT NULL, kind text NOT NULL, mentions integer NOT NULL, articles integer NOT NULL,
                  json text NOT NULL)
                """,
                "CREATE INDEX entities_mentions ON entities(mentions DESC, name)",
                "CREATE TABLE entity_names(entity bigint NOT NULL, name text NOT NULL)",
                "CREATE INDEX entity_names_name ON entity_names(lower(name))",
                "CREATE TABLE article_entities(article text NOT NULL, entity bigint NOT NULL)",
                "CREATE INDEX article_entities_entity ON article_entities(entity)",
                "CREATE TABLE article_events(article text PRIMARY KEY, event text NOT NULL, story text NOT NULL)",
                "CREATE INDEX article_events_story ON article_events(story)",
                """
                CREATE TABLE crawl(
                  url text PRIMARY KEY, kind text NOT NULL, status integer NOT NULL, etag text, last_modified text, fetched text NOT NULL,
                  canonical text, article text)
                """,
                "CREATE INDEX crawl_canonical ON crawl(canonical)",
            ]
        ),
        (
            // Rows and words of articles and events kept as counts (BM25 needs the mean length;
            // counting a large table at every search read all of it).
            "v2-counts",
            [
                """
                INSERT INTO meta(key, value)
                SELECT 'articles', count(*)::text FROM articles UNION ALL SELECT 'events', count(*)::text FROM events
                ON CONFLICT(key) DO NOTHING
                """,
                "UPDATE meta SET value = (SELECT coalesce(sum(length), 0)::text FROM articles) WHERE key = 'article_words'",
                "UPDATE meta SET value = (SELECT coalesce(sum(length), 0)::text FROM events) WHERE key = 'event_words'",
            ]
        ),
        (
            // How many articles and events hold each word, kept as they are written: BM25's
            // document frequency of a word read in one lookup (counting the matches visited every
            // matching row, a cost that grows with the collection).
            "v3-terms",
            [
                "CREATE TABLE article_terms(term text COLLATE \"C\" PRIMARY KEY, n bigint NOT NULL)",
                "CREATE TABLE event_terms(term text COLLATE \"C\" PRIMARY KEY, n bigint NOT NULL)",
                """
                INSERT INTO article_terms(term, n) SELECT w, count(*) FROM (
                  SELECT DISTINCT a.id, w FROM articles a, unnest(string_to_array(a.title_words || ' ' || a.body_words, ' ')) AS w) x
                WHERE w <> '' GROUP BY w
                """,
                """
                INSERT INTO event_terms(term, n) SELECT w, count(*) FROM (
                  SELECT DISTINCT e.row, w FROM events e, unnest(string_to_array(e.title_words || ' ' || e.summary_words, ' ')) AS w) x
                WHERE w <> '' GROUP BY w
                """,
            ]
        ),
        (
            // An increment writes only the entities it changed (`EntityWrites`): each entity's JSON
            // hash to know it unchanged (rows written before have none, so each is written once
            // more), and rows found by (entity, name) and (entity, article) to change by difference.
            "v4-entity-writes",
            [
                "ALTER TABLE entities ADD COLUMN hash text NOT NULL DEFAULT ''",
                "CREATE INDEX entity_names_pair ON entity_names(entity, name)",
                "CREATE INDEX article_entities_pair ON article_entities(entity, article)",
                "DROP INDEX article_entities_entity",
            ]
        ),
    ]

    /// Counts the rows `adding` in and the rows `removing` out of the count of rows holding each
    /// word (`article_terms`, `event_terms`), each row given by its words, in one statement. Words
    /// in one order, so that two transactions take the rows' locks in one order.
    func countTerms(_ c: PostgresConnection, _ table: String, adding: [[Substring]] = [], removing: [[Substring]] = []) throws {
        var delta: [Substring: Int] = [:]
        for words in adding { for w in Set(words) { delta[w, default: 0] += 1 } }
        for words in removing { for w in Set(words) { delta[w, default: 0] -= 1 } }
        let terms = delta.keys.filter { delta[$0] != 0 }.sorted()
        guard !terms.isEmpty else { return }
        try run(
            c,
            """
            INSERT INTO \(unescaped: table)(term, n) SELECT * FROM unnest(\(terms.map(String.init)), \(terms.map { delta[$0]! }))
            ON CONFLICT(term) DO UPDATE SET n = \(unescaped: table).n + excluded.n
            """)
    }

    /// A row's words from its stored columns (words one space apart).
    static func storedWords(_ columns: String...) -> [Substring] { columns.flatMap { $0.split(separator: " ") } }

    /// Adds to the kept counts (`articles`, `article_words`, `events`, `event_words`).
    func count(_ c: PostgresConnection, _ key: String, _ delta: Int) throws {
        guard delta != 0 else { return }
        try run(c, "UPDATE meta SET value = (value::bigint + \(delta))::text WHERE key = \(key)")
    }

    func counts(_ c: PostgresConnection, rows: String, words: String) throws -> (rows: Int, words: Int) {
        (try version(c, rows), try version(c, words))
    }

    // MARK: words

    /// A text's words as the stores' tokenizer reads them.
    func words(_ text: String) -> [String] { SearchWords.tokens(text, stemmer: stemmer) }

    /// A `tsvector` literal of two columns' words by position: the first weighted A, the second B
    /// after a gap. PostgreSQL keeps positions up to 16383; later words share that position. Written
    /// as bytes, each word in the order first met with its positions (made for every article
    /// written, and Foundation's string replacing, a word at a time, was most of a row's cost).
    static func vector(_ first: [String], _ second: [String]) -> String {
        var slots: [String: Int] = [:]
        var words: [String] = []
        // Each word's positions, doubled, plus one for weight B.
        var positions: [[Int32]] = []
        func add(_ w: String, _ p: Int, _ b: Bool) {
            let k = slots[w] ?? words.count
            if k == words.count {
                slots[w] = k
                words.append(w)
                positions.append([])
            }
            positions[k].append(Int32(min(p, 16383)) << 1 | (b ? 1 : 0))
        }
        for (k, w) in first.enumerated() { add(w, k + 1, false) }
        for (k, w) in second.enumerated() { add(w, first.count + 2 + k, true) }
        var out: [UInt8] = []
        out.reserveCapacity(words.reduce(0) { $0 + $1.utf8.count + 4 } + 6 * (first.count + second.count))
        for (k, w) in words.enumerated() {
            if k > 0 { out.append(0x20) }
            out.append(0x27)
            out.append(contentsOf: quotedLexeme(w).utf8)
            out.append(contentsOf: [0x27, 0x3A])
            for (j, x) in positions[k].enumerated() {
                if j > 0 { out.append(0x2C) }
                out.append(contentsOf: String(x >> 1).utf8)
                out.append(x & 1 == 1 ? 0x42 : 0x41)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A word as it stands between quotation marks in a `tsvector` or `tsquery` literal: a quotation
    /// mark doubled, a backslash escaped (the index's words are letters and digits, so almost never).
    static func quotedLexeme(_ w: String) -> String {
        guard w.utf8.contains(where: { $0 == 0x27 || $0 == 0x5C }) else { return w }
        return w.replacingOccurrences(of: "'", with: "''").replacingOccurrences(of: "\\", with: "\\\\")
    }

    /// The `tsquery` literal of a search: each phrase's words joined by `<->`, a prefix's last word
    /// with `:*`; AND `&`, OR `|`, a NOT b `a & !b`. Nil when a phrase has no word (matches nothing).
    func tsquery(_ e: SearchExpression) -> String? {
        switch e {
        case .phrase(let text, let prefix):
            let ws = SearchWords.tokens(text, stemmer: stemmer)
            guard !ws.isEmpty else { return nil }
            let quoted = ws.enumerated().map { k, w in
                "'" + Self.quotedLexeme(w) + "'" + (prefix && k == ws.count - 1 ? ":*" : "")
            }
            return "(" + quoted.joined(separator: " <-> ") + ")"
        case .and(let a, let b):
            guard let x = tsquery(a), let y = tsquery(b) else { return nil }
            return "(\(x) & \(y))"
        case .or(let a, let b):
            switch (tsquery(a), tsquery(b)) {
            case (let x?, let y?): return "(\(x) | \(y))"
            case (let x?, nil): return x
            case (nil, let y?): return y
            default: return nil
            }
        case .not(let a, let b):
            guard let x = tsquery(a) else { return nil }
            guard let y = tsquery(b) else { return x }
            return "(\(x) & !\(y))"
        }
    }
}

/// Why a PostgreSQL collection could not do what was asked, naming the server (never the password).
public struct PostgresStoreError: Error, CustomStringConvertible, Sendable {
    public var location: String
    public var reason: String
    init(_ location: String, _ reason: String) {
        self.location = location
        self.reason = reason
    }
    public var description: String { "\(location): \(reason)" }
}

/// A `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE` address.
public struct PostgresURL: Sendable, Equatable {
    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String

    /// Nil when `text` is not such an address.
    public init?(_ text: String) {
        guard text.hasPrefix("postgres://") || text.hasPrefix("postgresql://"), let u = URLComponents(string: text), let host = u.host,
            !host.isEmpty
        else { return nil }
        user = u.user ?? "postgres"
        password = u.password
        self.host = host
        port = u.port ?? 5432
        let path = u.path.hasPrefix("/") ? String(u.path.dropFirst()) : u.path
        database = path.isEmpty ? user : path
    }

    /// The address without the password, for messages and logs.
    public var display: String { "postgres://\(user)@\(host):\(port)/\(database)" }
}

extension PostgresStore {
    /// Runs statements as written, in one transaction (for tests that put a collection back as an
    /// earlier version left it).
    func execute(_ statements: [String]) throws {
        try transaction { c in for sql in statements { try run(c, PostgresQuery(unsafeSQL: sql)) } }
    }

    /// Whether the entities' rows of names and articles agree with their JSON (`EntityWrites.rowsAgree`; for tests).
    func entityRowsAgree() throws -> Bool {
        try withConnection { c in
            EntityWrites.rowsAgree(
                entities: try rows(c, "SELECT id, json FROM entities").map { try $0.decode((Int64, String).self) },
                names: try rows(c, "SELECT entity, name FROM entity_names").map { try $0.decode((Int64, String).self) },
                articles: try rows(c, "SELECT entity, article FROM article_entities").map { try $0.decode((Int64, String).self) })
        }
    }

    /// Whether the kept counts (rows, words, and rows holding each word) agree with the tables (for
    /// tests: a wrong count skews every score).
    func countsAgree() throws -> Bool {
        try withConnection { c in
            let a = try rows(c, "SELECT count(*), coalesce(sum(length), 0)::bigint FROM articles")[0].decode((Int, Int).self)
            let e = try rows(c, "SELECT count(*), coalesce(sum(length), 0)::bigint FROM events")[0].decode((Int, Int).self)
            let kept = (try counts(c, rows: "articles", words: "article_words"), try counts(c, rows: "events", words: "event_words"))
            // Each word's kept count is the number of rows whose index entry holds it (what a
            // search counted before), and no row holds a word the counts do not know.
            var termsAgree = true
            for (table, terms) in [("articles", "article_terms"), ("events", "event_terms")] {
                let wrong = try rows(
                    c,
                    PostgresQuery(
                        unsafeSQL: """
                            SELECT count(*) FROM \(terms) t WHERE t.n <> (SELECT count(*) FROM \(table) x WHERE x.doc @@ quote_literal(t.term)::tsquery)
                            """))[0].decode(Int.self)
                let unknown = try rows(
                    c,
                    PostgresQuery(
                        unsafeSQL: """
                            SELECT count(*) FROM (SELECT DISTINCT word FROM \(table), unnest(tsvector_to_array(doc)) AS word) w
                            WHERE NOT EXISTS (SELECT 1 FROM \(terms) t WHERE t.term = w.word)
                            """))[0].decode(Int.self)
                termsAgree = termsAgree && wrong == 0 && unknown == 0
            }
            return kept.0.rows == a.0 && kept.0.words == a.1 && kept.1.rows == e.0 && kept.1.words == e.1 && termsAgree
        }
    }
}

extension PostgresStore {
    /// Runs one statement on the server's `postgres` database (making or dropping a database for a
    /// collection: `CREATE DATABASE` cannot run inside the collection's own).
    public static func administer(_ url: PostgresURL, _ sql: String) throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { try? group.syncShutdownGracefully() }
        var l = Logger(label: "linimasa.postgres")
        l.logLevel = .critical
        do {
            let c = try PostgresConnection.connect(on: group.next(), configuration: configuration(url, database: "postgres"), id: 1, logger: l).wait()
            defer { try? c.close().wait() }
            _ = try c.query(PostgresQuery(unsafeSQL: sql), logger: l).wait()
        } catch {
            throw PostgresStoreError(url.display, reason(error))
        }
    }
}
