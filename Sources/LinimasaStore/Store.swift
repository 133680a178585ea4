import Foundation
import GRDB
import Linimasa

/// A collection kept in one SQLite file: the analysed articles, what grouping needs of each, a
/// full-text index, and the events, stories and entities last computed from them.
///
/// Articles are the truth; events, stories and entities are derived from them and rewritten whole
/// in one transaction after each ingest (`Regrouper`). Grouping does not depend on input order, so
/// what is derived is the same however the articles arrived. Writers take SQLite's write lock
/// (`BEGIN IMMEDIATE`), so two processes on one file take turns; readers see the last committed state.
public final class Store: CollectionStore {
    public let path: String
    public var location: String { path }
    public let pool: DatabasePool
    /// How words are stemmed in the full-text index: decided when the store is made, kept in `meta`.
    public let stemming: StemmingMode
    /// Opened from a folder this process may not write: read through SQLite's `immutable` mode
    /// (no lock, no shared-memory file); every write fails with "read-only".
    public let readOnly: Bool
    /// The last verdict of `quickCheck()`.
    let integrity = Verdict()
    /// The stemmer the full-text index and grouping use (nil: words as written). A lexicon read
    /// from disk is read on first use (about half a second), so opening a store is quick.
    public var stemmer: Stemmer? { stemming == .hunspell ? StemmerRegistry.current : nil }

    /// Opens (creating and migrating if needed) the store at `path`.
    ///
    /// - Parameters:
    ///   - lexicon: where hunspell-id lives; a new store stems with it when it is there.
    ///   - busySeconds: how long a writer waits for another process's write before giving up.
    ///   - mustExist: fail instead of making a new store.
    ///   - mapped: read through a mapping of the file (the server's searches); a bulk writer reads
    ///     each page about once, and the mapped pages would only swell its resident memory.
    public convenience init(
        path: String, lexicon: String = HunspellLexicon.defaultDirectory, busySeconds: Double = 60, mustExist: Bool = false,
        mapped: Bool = true
    ) throws {
        if mustExist && !FileManager.default.fileExists(atPath: path) { throw StoreError.missing(path) }
        let present = StemmerRegistry.lexiconPresent(directory: lexicon)
        if present { StemmerRegistry.installLazily(directory: lexicon) }
        try self.init(path: path, stems: present, lexiconDirectory: lexicon, busySeconds: busySeconds, readable: mustExist, mapped: mapped)
    }

    /// Opens a store whose index stems with `stemmer` (nil: words as written). A store keeps the
    /// stemming it was made with; opening one made with a stemmer needs one.
    public convenience init(path: String, stemmer: Stemmer?, lexiconDirectory: String = HunspellLexicon.defaultDirectory, busySeconds: Double = 60) throws {
        // Tokenizers find the stemmer in the registry when SQLite makes them: installed before anything opens.
        if let stemmer { StemmerRegistry.install(stemmer) }
        try self.init(path: path, stems: stemmer != nil, lexiconDirectory: lexiconDirectory, busySeconds: busySeconds)
    }

    /// - Parameter readable: an existing store that cannot be opened for writing (a read-only folder
    ///   or file) is opened for reading only instead of refused.
    init(path: String, stems: Bool, lexiconDirectory: String, busySeconds: Double, readable: Bool = false, mapped: Bool = true) throws {
        self.path = path
        var config = Configuration()
        config.busyMode = .timeout(busySeconds)
        config.prepareDatabase { db in
            db.add(tokenizer: StemmingTokenizer.self)
            // Reads come from the mapped file rather than a read() a page, and each connection keeps
            // 32 MB of pages: search ranks every match, touching many pages of the index.
            try db.execute(sql: "PRAGMA mmap_size = \(mapped ? 2_147_418_112 : 0); PRAGMA cache_size = -32768")
        }
        let offered: StemmingMode = stems ? .hunspell : .none
        do {
            // An SQLite file that is not a Linimasa store is refused before anything is written to it
            // (opening a pool would switch it to WAL; migrating would add our tables).
            try Store.checkIsStoreOrNew(path)
            // Two processes making one new store at once: one may find the file switching to WAL
            // (busy) or migrate after the other made the tables ("already exists"). Trying again
            // settles it: the loser finds the work done.
            var attempt = 0
            var opened: DatabasePool? = nil
            var immutable = false
            while opened == nil {
                do {
                    let p = try DatabasePool(path: path, configuration: config)
                    try Store.migrator(stemming: offered).migrate(p)
                    opened = p
                } catch let e as DatabaseError where readable && Store.isNotWritable(e) {
                    // A WAL store in a folder we may not write: SQLite cannot make its shared-memory
                    // file, so it is read as an immutable file (nobody can write it from here either).
                    opened = try Store.openImmutable(path, configuration: config, stemming: offered)
                    immutable = true
                } catch let e as DatabaseError
                    where attempt < 8 && e.resultCode != .SQLITE_NOTADB && e.resultCode != .SQLITE_CORRUPT && !Store.isNotWritable(e)
                {
                    attempt += 1
                    usleep(UInt32(25_000 * attempt))
                }
            }
            pool = opened!
            readOnly = immutable
            let recorded = try pool.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'stemming'") }
            stemming = recorded.flatMap(StemmingMode.init(rawValue:)) ?? offered
        } catch let e as DatabaseError {
            throw StoreError.database(path, e)
        }
        if stemming == .hunspell && !stems { throw StoreError.needsLexicon(path, lexiconDirectory) }
    }


    static func isNotWritable(_ e: DatabaseError) -> Bool {
        e.resultCode == .SQLITE_READONLY || e.resultCode == .SQLITE_CANTOPEN || e.resultCode == .SQLITE_PERM
    }

    /// Opens `path` read-only as an immutable database (an SQLite URI: Debian's SQLite reads URIs
    /// as file names). A store that still needs a migration cannot be read this way.
    static func openImmutable(_ path: String, configuration: Configuration, stemming: StemmingMode) throws -> DatabasePool {
        var config = configuration
        config.readonly = true
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        let uri = "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute) + "?immutable=1"
        let p = try DatabasePool(path: uri, configuration: config)
        guard try p.read({ db in try Store.migrator(stemming: stemming).hasCompletedMigrations(db) }) else {
            throw DatabaseError(resultCode: .SQLITE_READONLY, message: "made by an earlier version and in a folder that may not be written: it cannot be migrated here")
        }
        return p
    }

    /// `PRAGMA application_id` of a Linimasa store: "LNMS".
    static let applicationID: Int32 = 0x4C4E_4D53

    /// Passes for a missing or empty file (a new store) and for a Linimasa store (its application id,
    /// or, made before the id was set, its `meta` table with the stemming mode); throws for any other
    /// file, which is left untouched (opened read-only).
    static func checkIsStoreOrNew(_ path: String) throws {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber, size.intValue > 0 else { return }
        var config = Configuration()
        config.readonly = true
        // Only a file SQLite cannot read as a database is known not to be ours; a busy or locked one
        // (another opener switching it to WAL this moment) is left to the open that follows.
        func isForeign(_ error: any Error) -> Bool {
            guard let e = error as? DatabaseError else { return false }
            return e.resultCode == .SQLITE_NOTADB || e.resultCode == .SQLITE_CORRUPT
        }
        let queue: DatabaseQueue
        do { queue = try DatabaseQueue(path: path, configuration: config) } catch {
            if isForeign(error) { throw StoreError.notAStore(path) }
            return
        }
        let ours: Bool
        do {
            ours = try queue.read { db in
                if try Int32.fetchOne(db, sql: "PRAGMA application_id") == applicationID { return true }
                // No table but GRDB's record of migrations: a new store another opener is making this
                // moment (or an empty database).
                if try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name <> 'grdb_migrations'") == 0 { return true }
                guard try db.tableExists("meta") else { return false }
                return try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'stemming'") != nil
            }
        } catch {
            try? queue.close()
            if isForeign(error) { throw StoreError.notAStore(path) }
            return
        }
        try? queue.close()
        if !ours { throw StoreError.notAStore(path) }
    }

    /// Versioned schema changes; `stemming` is recorded (and given to the tokenizer) when the store is made.
    static func migrator(stemming: StemmingMode) -> DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('stemming', ?)", arguments: [stemming.rawValue])
            try db.execute(
                sql: """
                    INSERT INTO meta(key, value) VALUES ('articles_version', '0'), ('timeline_version', '0');
                    CREATE TABLE articles(
                      id INTEGER PRIMARY KEY,
                      key TEXT NOT NULL UNIQUE,
                      hash TEXT NOT NULL,
                      source TEXT NOT NULL,
                      outlet TEXT, title TEXT, author TEXT, published TEXT, day TEXT, language TEXT,
                      body TEXT NOT NULL,
                      json TEXT NOT NULL,
                      prepared BLOB NOT NULL,
                      added TEXT NOT NULL,
                      updated TEXT NOT NULL);
                    CREATE INDEX articles_day ON articles(day);
                    CREATE INDEX articles_outlet ON articles(outlet COLLATE NOCASE);
                    CREATE TABLE stories(
                      id TEXT PRIMARY KEY, position INTEGER NOT NULL, title TEXT NOT NULL,
                      first_day TEXT, last_day TEXT, events INTEGER NOT NULL, articles INTEGER NOT NULL,
                      outlets TEXT NOT NULL, keywords TEXT NOT NULL, members TEXT NOT NULL, entities TEXT NOT NULL,
                      json TEXT NOT NULL);
                    CREATE INDEX stories_position ON stories(position);
                    CREATE INDEX stories_recent ON stories(last_day DESC, articles DESC);
                    CREATE INDEX stories_size ON stories(articles DESC);
                    CREATE TABLE pending(key TEXT PRIMARY KEY);
                    CREATE TABLE events(
                      rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, story TEXT NOT NULL, position INTEGER NOT NULL,
                      day TEXT, title TEXT NOT NULL, summary TEXT NOT NULL, outlets TEXT NOT NULL, entities TEXT NOT NULL,
                      json TEXT NOT NULL);
                    CREATE INDEX events_story ON events(story, position);
                    CREATE TABLE entities(
                      id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, mentions INTEGER NOT NULL,
                      articles INTEGER NOT NULL, hash TEXT NOT NULL, json TEXT NOT NULL);
                    CREATE INDEX entities_mentions ON entities(mentions DESC, name);
                    CREATE TABLE entity_names(entity INTEGER NOT NULL, name TEXT NOT NULL COLLATE NOCASE);
                    CREATE INDEX entity_names_name ON entity_names(name);
                    CREATE INDEX entity_names_entity ON entity_names(entity);
                    CREATE TABLE article_entities(article TEXT NOT NULL, entity INTEGER NOT NULL);
                    CREATE INDEX article_entities_entity ON article_entities(entity);
                    CREATE TABLE article_events(article TEXT PRIMARY KEY, event TEXT NOT NULL, story TEXT NOT NULL);
                    CREATE INDEX article_events_story ON article_events(story);
                    CREATE INDEX article_entities_article ON article_entities(article);
                    """)
            try db.create(virtualTable: "articles_fts", using: FTS5()) { t in
                t.synchronize(withTable: "articles")
                t.tokenizer = StemmingTokenizer.tokenizerDescriptor(arguments: [stemming.rawValue])
                t.column("title")
                t.column("body")
            }
            try db.create(virtualTable: "events_fts", using: FTS5()) { t in
                t.synchronize(withTable: "events")
                t.tokenizer = StemmingTokenizer.tokenizerDescriptor(arguments: [stemming.rawValue])
                t.column("title")
                t.column("summary")
            }
        }
        m.registerMigration("v2-application-id") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
        }
        m.registerMigration("v3-crawl") { db in
            try db.execute(
                sql: """
                    CREATE TABLE crawl(
                      url TEXT PRIMARY KEY, kind TEXT NOT NULL, status INTEGER NOT NULL, etag TEXT, last_modified TEXT,
                      fetched TEXT NOT NULL, canonical TEXT, article TEXT);
                    CREATE INDEX crawl_canonical ON crawl(canonical);
                    """)
        }
        m.registerMigration("v4-story-head") { db in
            // A story page reads its head and only its page's events (NULL in rows written before).
            try db.execute(sql: "ALTER TABLE stories ADD COLUMN head TEXT")
        }
        m.registerMigration("v5-entity-pairs") { db in
            // A changed entity's rows are found by (entity, article) and (entity, name): by the
            // entity alone, each deletion walked all its rows (a regrouping that changed 4,433
            // entities of a 100,000-article collection spent 27.4 s there, 3.0 s with these).
            try db.execute(
                sql: """
                    CREATE INDEX article_entities_pair ON article_entities(entity, article);
                    DROP INDEX article_entities_entity;
                    CREATE INDEX entity_names_pair ON entity_names(entity, name);
                    DROP INDEX entity_names_entity;
                    """)
        }
        m.registerMigration("v6-prepared-apart") { db in
            // Each article's grouping data in a table of its own. Every regrouping reads all of it;
            // as the last column of `articles` it was reached through each row's overflow pages,
            // its JSON and body first: at 100,000 articles 1.1 GB of pages touched to read 227 MB.
            // The old column stays (dropping it would copy the whole table, twice the store's size
            // on disk for a while at a million articles); rows written from now on leave it empty.
            try db.execute(
                sql: """
                    CREATE TABLE prepared(article INTEGER PRIMARY KEY, blob BLOB NOT NULL);
                    INSERT INTO prepared(article, blob) SELECT id, prepared FROM articles;
                    CREATE TRIGGER articles_prepared_delete AFTER DELETE ON articles BEGIN
                      DELETE FROM prepared WHERE article = old.id;
                    END;
                    """)
        }
        m.registerMigration("v7-article-hashes") { db in
            // Every ingest reads each article's id and content hash first (`articleHashes`): from
            // the table that is a page an article (a million articles took minutes), from this
            // index a read of the index alone.
            try db.execute(sql: "CREATE INDEX articles_key_hash ON articles(key, hash)")
        }
        return m
    }

    public typealias Status = StoreStatus

    /// Removes articles in one transaction (the full-text index follows through its triggers; a
    /// crawl record keeps the URL but no longer names the article); returns the ids not found. The
    /// timeline is stale until the next regroup, as after an ingest batch.
    @discardableResult
    public func deleteArticles(_ ids: [String]) throws -> [String] {
        try write { db in
            var missing: [String] = []
            var removed = 0
            for id in Set(ids).sorted() {
                try db.run("DELETE FROM articles WHERE key = ?", arguments: [id])
                if db.changesCount == 0 {
                    missing.append(id)
                    continue
                }
                removed += 1
                try db.run("DELETE FROM pending WHERE key = ?", arguments: [id])
                try db.run("UPDATE crawl SET article = NULL WHERE article = ?", arguments: [id])
            }
            if removed > 0 { try Store.setVersion(db, "articles_version", try Store.version(db, "articles_version") + 1) }
            return missing
        }
    }

    /// Runs SQLite's `PRAGMA quick_check` (every page read once) and keeps its verdict for `status`;
    /// returns nil when the store is whole, else the first problem found.
    @discardableResult
    public func quickCheck() throws -> String? {
        let problem: String?
        do {
            let rows = try read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") }
            problem = rows == ["ok"] ? nil : (rows.first ?? "no answer from quick_check")
        } catch StoreError.database(_, let e) where e.resultCode == .SQLITE_CORRUPT || e.resultCode == .SQLITE_NOTADB {
            problem = e.message ?? "database disk image is malformed"
        }
        integrity.set(problem.map { "damaged: \($0)" } ?? "ok")
        return problem
    }

    public func status() throws -> Status {
        let stemming = self.stemming.rawValue
        return try pool.read { db in
            let a = try Int.fetchOne(db, sql: "SELECT count(*) FROM articles") ?? 0
            let e = try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0
            let s = try Int.fetchOne(db, sql: "SELECT count(*) FROM stories") ?? 0
            let n = try Int.fetchOne(db, sql: "SELECT count(*) FROM entities") ?? 0
            let verdict = integrity.get()
            return Status(
                articles: a, events: e, stories: s, entities: n, current: try Store.isCurrent(db) && !verdict.hasPrefix("damaged"),
                stemming: stemming, integrity: verdict)
        }
    }

    static func version(_ db: Database, _ key: String) throws -> Int {
        Int(try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) ?? "0") ?? 0
    }

    static func setVersion(_ db: Database, _ key: String, _ value: Int) throws {
        try db.run("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", arguments: [key, String(value)])
    }

    /// Whether the events and stories were computed from the articles as they are now.
    static func isCurrent(_ db: Database) throws -> Bool {
        try version(db, "articles_version") == version(db, "timeline_version")
    }
}

public enum StemmingMode: String, Sendable, Codable {
    /// Indonesian words stemmed with the project's stemmer over hunspell-id.
    case hunspell = "hunspell-id"
    /// Words compared as written (hunspell-id was not installed when the store was made).
    case none
}

/// What can go wrong with a store, said so a person knows what to do.
public enum StoreError: Error, CustomStringConvertible, Sendable {
    case missing(String)
    case needsLexicon(String, String)
    case database(String, DatabaseError)
    case notFound(String)
    case badQuery(String)
    case notAStore(String)

    public var description: String {
        switch self {
        case .missing(let p): return "\(p): no such store (make one with `linimasa ingest PATH --db \(p)`)"
        case .needsLexicon(let p, let dir):
            return "\(p): this store's index stems words with hunspell-id, which is not in \(dir) (apt-get install hunspell-id)"
        case .database(let p, let e):
            if e.resultCode == .SQLITE_BUSY || e.resultCode == .SQLITE_LOCKED { return Store.busyMessage(p) }
            if e.resultCode == .SQLITE_NOTADB || e.resultCode == .SQLITE_CORRUPT { return "\(p): not a Linimasa store (not an SQLite database, or damaged)" }
            if e.resultCode == .SQLITE_CANTOPEN { return "\(p): cannot open (does the folder exist, may it be written?)" }
            if e.resultCode == .SQLITE_READONLY { return "\(p): the store is read-only here" }
            if e.resultCode == .SQLITE_FULL { return "\(p): the disk is full; the last batch was not written" }
            return "\(p): \(e.message ?? "database error \(e.resultCode)")"
        case .notAStore(let p): return "\(p): not a Linimasa store (another program's file is left as it is)"
        case .notFound(let what): return "\(what) not found"
        case .badQuery(let why): return why
        }
    }

    /// The description with the store named by its file name only (for answers to other machines).
    public var publicDescription: String {
        func name(_ p: String) -> String { (p as NSString).lastPathComponent }
        switch self {
        case .missing(let p): return StoreError.missing(name(p)).description
        case .needsLexicon(let p, _): return "\(name(p)): this store's index stems words with hunspell-id, which the server cannot read"
        case .database(let p, let e): return StoreError.database(name(p), e).description
        case .notAStore(let p): return StoreError.notAStore(name(p)).description
        case .notFound, .badQuery: return description
        }
    }

    static func wrap(_ path: String, _ error: any Error) -> any Error {
        if let e = error as? DatabaseError { return StoreError.database(path, e) }
        return error
    }
}

extension Store {
    static func busyMessage(_ path: String) -> String {
        "\(path): the store is busy: another process is writing to it; try again when it has finished"
    }

    /// Runs a write, turning SQLite's errors into `StoreError`s that name the store.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.write(body) } catch { throw StoreError.wrap(path, error) }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.read(body) } catch { throw StoreError.wrap(path, error) }
    }
}

/// A string behind a lock, for the store's integrity verdict.
final class Verdict: @unchecked Sendable {
    private let lock = NSLock()
    private var value = "unchecked"
    func get() -> String {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
    func set(_ v: String) {
        lock.lock()
        value = v
        lock.unlock()
    }
}
