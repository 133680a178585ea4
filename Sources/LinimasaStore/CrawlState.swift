import Foundation
import GRDB

/// What the crawler knows of one URL: when it was fetched, what came back, and what it became.
public struct CrawlRecord: Sendable, Hashable, Codable {
    public var url: String
    /// `page`, `feed`, `sitemap` or `robots`.
    public var kind: String
    /// The HTTP status (0: no answer: refused, timed out).
    public var status: Int
    public var etag: String?
    public var lastModified: String?
    /// ISO 8601, UTC.
    public var fetched: String
    /// The page's canonical URL, when it names one.
    public var canonical: String?
    /// The id of the article the page became, if any.
    public var article: String?

    public init(
        url: String, kind: String, status: Int, etag: String? = nil, lastModified: String? = nil, fetched: String,
        canonical: String? = nil, article: String? = nil
    ) {
        self.url = url
        self.kind = kind
        self.status = status
        self.etag = etag
        self.lastModified = lastModified
        self.fetched = fetched
        self.canonical = canonical
        self.article = article
    }
}

extension Store {
    static func saveCrawl(_ db: Database, _ records: [CrawlRecord]) throws {
        for r in records {
            try db.run(
                """
                    INSERT INTO crawl(url, kind, status, etag, last_modified, fetched, canonical, article) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(url) DO UPDATE SET kind = excluded.kind, status = excluded.status,
                      etag = COALESCE(excluded.etag, crawl.etag), last_modified = COALESCE(excluded.last_modified, crawl.last_modified),
                      fetched = excluded.fetched, canonical = COALESCE(excluded.canonical, crawl.canonical),
                      article = COALESCE(excluded.article, crawl.article)
                    """,
                arguments: [r.url, r.kind, r.status, r.etag, r.lastModified, r.fetched, r.canonical, r.article])
        }
    }

    /// Records the crawl state of URLs that made no article (feeds, robots.txt, errors, duplicates).
    public func saveCrawl(_ records: [CrawlRecord]) throws {
        guard !records.isEmpty else { return }
        try write { db in try Store.saveCrawl(db, records) }
    }

    /// What is known of each of `urls` (absent: never fetched).
    public func crawlRecords(_ urls: [String]) throws -> [String: CrawlRecord] {
        try read { db in
            var out: [String: CrawlRecord] = [:]
            for chunk in stride(from: 0, to: urls.count, by: 500).map({ Array(urls[$0..<min(urls.count, $0 + 500)]) }) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                let rows = try Row.fetchAll(
                    db, sql: "SELECT url, kind, status, etag, last_modified, fetched, canonical, article FROM crawl WHERE url IN (\(marks))",
                    arguments: StatementArguments(chunk))
                for r in rows {
                    let rec = CrawlRecord(
                        url: r[0], kind: r[1], status: r[2], etag: r[3], lastModified: r[4], fetched: r[5], canonical: r[6], article: r[7])
                    out[rec.url] = rec
                }
            }
            return out
        }
    }

    /// The URL already crawled under `canonical` (as its canonical or as its own URL), if any.
    public func crawledCanonical(_ canonical: String) throws -> String? {
        try read { db in
            try String.fetchOne(
                db, sql: "SELECT url FROM crawl WHERE (canonical = ? OR url = ?) AND article IS NOT NULL LIMIT 1", arguments: [canonical, canonical])
        }
    }
}
