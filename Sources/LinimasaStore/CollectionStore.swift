import Foundation
import Linimasa

/// A collection of analysed articles with the events, stories and entities last grouped from them:
/// what `ingest`, `crawl`, `delete`, the reading commands and the server work with. `Store` keeps
/// one in an SQLite file, `MemoryStore` in memory; `StoreConformanceTests` holds both to one
/// behaviour.
///
/// The flow runs one way. The `Ingester` analyses and prepares articles and hands the rows over
/// (`saveArticles`); the `Regrouper` reads what grouping needs (`groupingState`), groups with the
/// code `timeline` uses, and hands the result back (`saveGrouping`). The store calls nothing of
/// theirs. Writers take turns (one at a time per collection); `saveGrouping` is refused when
/// articles were committed after the state it was computed from, so the last word is always a
/// timeline of every committed article.
public protocol CollectionStore: AnyObject, Sendable {
    /// Where the collection lives, as messages name it (a file's path).
    var location: String { get }
    /// The stemmer of its search index and of grouping (nil: words as written).
    var stemmer: Stemmer? { get }

    // MARK: reading

    func status() throws -> StoreStatus
    /// A string that changes whenever the articles or the timeline do.
    func version() throws -> String
    /// Whether the timeline was computed from every committed article.
    func isCurrent() throws -> Bool
    func stories(page: Int, perPage: Int, order: StoryOrder) throws -> Page<StorySummary>
    func story(id: String) throws -> Story?
    func storyPage(id: String, from: String?, to: String?, offset: Int, limit: Int, maxEntities: Int) throws -> StoryTimeline?
    func event(id: String) throws -> EventRecord?
    func article(id: String) throws -> ArticleRecord?
    func timeline(story: String?, from: String?, to: String?) throws -> Timeline
    func entities(kind: String?, minMentions: Int, limit: Int?) throws -> [EntitySummary]
    func search(_ options: SearchOptions) throws -> SearchResults

    // MARK: writing articles

    /// The content hash of every article, by id.
    func articleHashes() throws -> [String: String]
    /// Adds or replaces articles (by id) in one transaction with `crawl` records; they are pending
    /// until the next `saveGrouping`.
    func saveArticles(_ rows: [ArticleRow], crawl: [CrawlRecord]) throws
    /// Removes articles in one transaction; returns the ids not found.
    func deleteArticles(_ ids: [String]) throws -> [String]

    // MARK: grouping

    /// What regrouping starts from, or nil when the timeline is current (and `force` is false).
    func groupingState(force: Bool) throws -> GroupingState?
    /// Every article's grouping data and the row it is kept in, in the order they were first added,
    /// `chunk` rows at a time, each chunk a read of its own (`body` runs outside it and may use the
    /// store): the collection's grouping data is never in memory at once. Articles committed in
    /// between make the regrouping stale, and `saveGrouping` refuses it.
    func forEachPrepared(chunk: Int, _ body: ([(row: Int64, blob: Data)]) throws -> Void) throws
    /// The stored articles of some rows (to prepare again grouping data an earlier version wrote).
    func storedArticles(rows: [Int64]) throws -> [Article]
    /// Replaces the grouping data of some rows.
    func replacePrepared(_ items: [(row: Int64, prepared: Data)]) throws
    /// Writes a regrouping as it is made, in one transaction: false, with nothing written and `make`
    /// not called, when articles were committed after `version` (the SQLite and PostgreSQL stores
    /// let no article be committed while `make` runs; the memory store checks again after it). `make` hands the timeline's stories to the writer in order, as they are
    /// summarised (a million articles' stories are never in memory at once), and returns the
    /// collection's entities with their JSON. `make` must not use the store.
    func saveGrouping(version: Int, _ make: (any GroupingWriter) throws -> [(EntitySummary, String)]) throws -> Bool
    /// Runs `write` (adding articles, batch after batch) as one of perhaps several writers at once,
    /// then `regroup` once for the writers that were at it together: a store shared by processes
    /// lets whichever finishes last regroup, and the others wait for it and find the timeline
    /// current (`regroup` does nothing then); a store with one writer runs the two in turn.
    func asWriter(_ write: () throws -> Void, regroup: () throws -> Void) throws

    // MARK: crawling

    func saveCrawl(_ records: [CrawlRecord]) throws
    func crawlRecords(_ urls: [String]) throws -> [String: CrawlRecord]
    /// The article a canonical URL was stored as, if any.
    func crawledCanonical(_ canonical: String) throws -> String?
}

extension CollectionStore {
    public func asWriter(_ write: () throws -> Void, regroup: () throws -> Void) throws {
        try write()
        try regroup()
    }

    public func stories(page: Int = 1, perPage: Int = 20) throws -> Page<StorySummary> {
        try stories(page: page, perPage: perPage, order: .recent)
    }
    public func storyPage(id: String) throws -> StoryTimeline? {
        try storyPage(id: id, from: nil, to: nil, offset: 0, limit: 50, maxEntities: 50)
    }
    public func timeline() throws -> Timeline { try timeline(story: nil, from: nil, to: nil) }
    public func entities() throws -> [EntitySummary] { try entities(kind: nil, minMentions: 1, limit: nil) }
}

/// Counts of what a store holds, and whether its timeline reflects every committed article.
public struct StoreStatus: Sendable, Codable, Equatable {
    public var articles: Int
    public var events: Int
    public var stories: Int
    public var entities: Int
    public var current: Bool
    public var stemming: String
    /// `ok` once a check of the stored pages found nothing wrong, `unchecked` before it ran, else
    /// what it found.
    public var integrity: String
}

/// How a list of stories is ordered.
public enum StoryOrder: String, Sendable, CaseIterable {
    /// Latest event first (what is going on now), then the larger.
    case recent
    /// Most articles first.
    case size
    /// By first event, as `timeline` prints them.
    case start

    /// The order over the `stories` table's columns, in SQLite and PostgreSQL alike.
    var sql: String {
        switch self {
        case .recent: return "last_day DESC NULLS LAST, articles DESC, position"
        case .size: return "articles DESC, last_day DESC NULLS LAST, position"
        case .start: return "position"
        }
    }
}

/// One analysed article as a store keeps it.
public struct ArticleRow: Sendable {
    public var key, hash, source: String
    public var outlet, title, author, published, day: String?
    public var language, body, json: String
    /// `PreparedArticle.binary()`: what grouping needs, so that it never analyses again.
    public var prepared: Data
    /// When it was written (ISO 8601), the clock being the writer's.
    public var written: String
}

/// A story as the last regrouping left it: the key of its events' memberships and its event count,
/// so that a story whose events and articles did not change is kept as it is (its entities are read
/// through the `GroupingWriter` when it is: a million articles' stories' entities take gigabytes).
public struct StoredStory: Sendable {
    public var members: String
    public var events: Int
}

/// What regrouping starts from (the articles' grouping data is read with `forEachPrepared`).
public struct GroupingState: Sendable {
    /// The articles' version this state was read at.
    public var version: Int
    /// Articles added or changed since the last regrouping.
    public var pending: Set<String>
    /// The stories stored, by id (empty when forced: every story is summarised again).
    public var stories: [String: StoredStory]
}

/// Where `saveGrouping` takes the timeline's stories, one at a time in the timeline's order, inside
/// its transaction. A story summarised anew replaces whatever rows its id and its events' ids had;
/// a stored story that is neither written nor kept by the end is removed with its events.
public protocol GroupingWriter: AnyObject {
    /// The next story, summarised anew, with the key of its events' memberships.
    func write(_ story: Story, members: String) throws
    /// The next story, kept as stored (only its position is brought up to date).
    func keep(_ id: String) throws
    /// The JSON of a stored story's entities (nil: no such story), read in the same transaction.
    func storedEntities(_ id: String) throws -> String?
}

/// Opens the collection an address names: `postgres://USER[:PASSWORD]@HOST[:PORT]/DB` a PostgreSQL
/// database, anything else an SQLite file. The one way the commands open a store.
public enum Collections {
    public static func isPostgres(_ address: String) -> Bool { address.hasPrefix("postgres://") || address.hasPrefix("postgresql://") }

    /// - Parameters:
    ///   - lexicon: where hunspell-id lives (the stemmer of a new collection's index and of grouping).
    ///   - mustExist: an SQLite file must be there already (a PostgreSQL database always must).
    ///   - mapped: an SQLite file is read through a mapping (see `Store.init`; off for bulk writers).
    public static func open(_ address: String, lexicon: String = HunspellLexicon.defaultDirectory, mustExist: Bool = false, mapped: Bool = true)
        throws -> any CollectionStore
    {
        guard isPostgres(address) else { return try Store(path: address, lexicon: lexicon, mustExist: mustExist, mapped: mapped) }
        guard let url = PostgresURL(address) else {
            throw PostgresStoreError(address.components(separatedBy: "@").last ?? "postgres", "not a postgres://USER@HOST:PORT/DATABASE address")
        }
        let stemmer = StemmerRegistry.lexiconPresent(directory: lexicon) ? StemmerRegistry.load(directory: lexicon) : nil
        return try PostgresStore(url: url, stemmer: stemmer)
    }
}
