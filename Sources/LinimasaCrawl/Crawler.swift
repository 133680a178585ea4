import Foundation
import Linimasa
import LinimasaHTML
import LinimasaStore

/// Fetches feeds, sitemaps and the pages they list, politely, and adds the pages to a store as
/// articles as it goes.
///
/// Manners: robots.txt is read once a host and obeyed, for feeds and sitemaps as for pages (RFC 9309: a missing one allows everything,
/// an unreachable one forbids everything); at most `perHost` requests at a time a host (one by
/// default), started at least `delay` seconds apart (longer when robots.txt asks); feeds and sitemaps are asked for conditionally (ETag,
/// Last-Modified); failed requests and 429/5xx answers are tried again with doubling waits; a page
/// over the size or time limit is given up. Memory of the crawl is kept in the store (`crawl`
/// table), written in the same transaction as the articles, so a killed crawl resumes without
/// fetching a page twice, and a page already kept under its canonical URL is not kept again.
public final class Crawler: @unchecked Sendable {
    public struct Configuration: Sendable {
        /// Seconds between two requests to one host.
        public var delay: Double = 1
        /// Hosts crawled at once.
        public var hosts = 4
        /// Requests to one host at once (each still `delay` seconds after the one before it).
        public var perHost = 1
        /// Tries after the first for a request that failed or was answered 429 or 5xx.
        public var retries = 2
        /// Seconds before the first retry (doubling after).
        public var backoff: Double = 1
        /// Pages added to the store per transaction.
        public var batch = 16
        /// At most this many pages a run (nil: all).
        public var maxPages: Int? = nil
        public var fetcher = Fetcher.Configuration()
        public init() {}
    }

    public struct Summary: Sendable, Codable {
        public var feeds = 0
        public var feedsNotModified = 0
        public var listed = 0
        public var alreadyFetched = 0
        public var fetched = 0
        public var notModified = 0
        public var disallowed = 0
        public var duplicates = 0
        public var notArticles = 0
        public var failed = 0
        public var new = 0
        public var updated = 0
        public var unchanged = 0
        /// Why each failed URL failed.
        public var failures: [String] = []
        public var events: Int?
        public var stories: Int?
        public init() {}
    }

    let store: any CollectionStore
    let ingester: Ingester
    let reader: InputReader
    let configuration: Configuration
    let fetcher: Fetcher
    let sink: Sink

    public init(store: any CollectionStore, runner: BatchRunner, configuration: Configuration = Configuration()) {
        self.store = store
        self.ingester = Ingester(store: store, runner: runner, batchSize: configuration.batch)
        self.reader = runner.reader
        self.configuration = configuration
        self.fetcher = Fetcher(configuration: configuration.fetcher)
        self.sink = Sink(ingester: ingester, batch: configuration.batch)
    }

    static func now() -> String { ISO8601DateFormatter().string(from: Date()) }

    /// One crawl: the feeds and sitemaps (and the sitemaps an index lists), then every page they
    /// list and every URL given, not fetched before; the store's timeline brought up to date at the end.
    public func crawl(feeds: [String], sitemaps: [String], urls: [String], progress: @escaping @Sendable (String) -> Void = { _ in }) async throws
        -> Summary
    {
        var summary = Summary()
        var pages: [String] = []
        var lists = (feeds + sitemaps).map { ($0, 0) }
        var seenLists = Set<String>()
        let gates = Gates(delay: configuration.delay)
        let book = RobotsBook()
        while !lists.isEmpty {
            let (url, depth) = lists.removeFirst()
            guard seenLists.insert(url).inserted else { continue }
            let known = try store.crawlRecords([url])[url]
            // Feeds and sitemaps are pages of their host too: its robots.txt first.
            let host = Self.host(url)
            let robots: RobotsTxt
            switch await self.robots(host, gates: gates, book: book) {
            case .unreadable(let why):
                summary.failed += 1
                summary.failures.append("\(url): robots.txt of \(host) could not be read (\(why)); nothing fetched there")
                continue
            case .rules(let r):
                robots = r
            }
            guard robots.allows(Self.path(url)) else {
                summary.disallowed += 1
                progress("\(url): robots.txt of \(host) forbids it")
                continue
            }
            await gates.wait(host: host, extra: robots.crawlDelay)
            let f = await fetchWithRetries(url, etag: known?.etag, lastModified: known?.lastModified)
            summary.feeds += 1
            if f.status == 304 {
                summary.feedsNotModified += 1
                try store.saveCrawl([CrawlRecord(url: url, kind: known?.kind ?? "feed", status: 304, fetched: Self.now())])
                continue
            }
            guard f.status == 200, let feed = FeedReader.read(Gzip.plain(f.body) ?? f.body) else {
                summary.failed += 1
                summary.failures.append("\(url): \(f.error ?? (f.status == 200 ? "not a feed or sitemap" : "HTTP \(f.status)"))")
                try store.saveCrawl([CrawlRecord(url: url, kind: "feed", status: f.status, fetched: Self.now())])
                continue
            }
            try store.saveCrawl([
                CrawlRecord(url: url, kind: feed.kind == .rss || feed.kind == .atom ? "feed" : "sitemap", status: 200, etag: f.headers["etag"],
                    lastModified: f.headers["last-modified"], fetched: Self.now())
            ])
            if feed.kind == .sitemapIndex {
                if depth < 2 { lists += feed.entries.map { ($0.url, depth + 1) } }
            } else {
                pages += feed.entries.map(\.url)
            }
            progress("\(url): \(feed.entries.count) entries")
        }
        pages += urls
        var unique: [String] = []
        var seen = Set<String>()
        for p in pages where seen.insert(p).inserted { unique.append(p) }
        summary.listed = unique.count
        let known = try store.crawlRecords(unique)
        var todo = unique.filter { u in
            guard let r = known[u] else { return true }
            // Fetched before with an answer that settles it: not again (a resume, or the next watch round).
            return !([200, 304, 404, 410].contains(r.status))
        }
        summary.alreadyFetched = unique.count - todo.count
        if let cap = configuration.maxPages { todo = Array(todo.prefix(cap)) }

        // One task a host, at most `hosts` at once; each host's pages in order, one at a time.
        var byHost: [String: [String]] = [:]
        var hostOrder: [String] = []
        for u in todo {
            let h = Self.host(u)
            if byHost[h] == nil { hostOrder.append(h) }
            byHost[h, default: []].append(u)
        }
        let tally = Tally()
        await withTaskGroup(of: Void.self) { group in
            var running = 0
            for h in hostOrder {
                if running >= max(1, configuration.hosts) {
                    await group.next()
                    running -= 1
                }
                running += 1
                let urls = byHost[h]!
                group.addTask { await self.crawlHost(h, urls, gates: gates, book: book, tally: tally, progress: progress) }
            }
            await group.waitForAll()
        }
        try await sink.flush()
        let t = await tally.summary
        summary.fetched = t.fetched
        summary.notModified = t.notModified
        summary.disallowed += t.disallowed
        summary.duplicates = t.duplicates
        summary.notArticles = t.notArticles
        summary.failed += t.failed
        summary.failures += t.failures
        let added = await sink.report
        summary.new = added.new
        summary.updated = added.updated
        summary.unchanged = added.unchanged
        if let e = await sink.error { throw e }
        let r = try ingester.regroup()
        summary.events = r.events
        summary.stories = r.stories
        return summary
    }

    /// `scheme://host:port`, the unit of politeness.
    static func host(_ url: String) -> String {
        guard let u = URL(string: url), let h = u.host else { return url }
        return "\(u.scheme ?? "http")://\(h)\(u.port.map { ":\($0)" } ?? "")"
    }

    func fetchWithRetries(_ url: String, etag: String? = nil, lastModified: String? = nil) async -> Fetched {
        var attempt = 0
        while true {
            let f = await fetcher.get(url, etag: etag, lastModified: lastModified)
            if !f.retryable || attempt >= configuration.retries { return f }
            let wait = configuration.backoff * pow(2, Double(attempt))
            try? await Task.sleep(nanoseconds: UInt64(wait * 1e9))
            attempt += 1
        }
    }

    /// A URL's path and query, as robots.txt rules read them.
    static func path(_ url: String) -> String {
        URL(string: url).map { u in (u.path.isEmpty ? "/" : u.path) + (u.query.map { "?\($0)" } ?? "") } ?? "/"
    }

    /// What a host's robots.txt says, read once a crawl (RFC 9309: 2xx read, 4xx nothing forbidden,
    /// no answer or 5xx everything forbidden).
    func robots(_ host: String, gates: Gates, book: RobotsBook) async -> RobotsBook.Verdict {
        if let known = await book.verdict(host) { return known }
        await gates.wait(host: host, extra: nil)
        let r = await fetchWithRetries(host + "/robots.txt")
        let verdict: RobotsBook.Verdict
        if r.status >= 200 && r.status < 300 {
            verdict = .rules(RobotsTxt(String(decoding: r.body, as: UTF8.self), userAgent: configuration.fetcher.userAgent))
        } else if r.status >= 400 && r.status < 500 {
            verdict = .rules(.allowAll)
        } else {
            verdict = .unreadable(r.error ?? "HTTP \(r.status)")
        }
        await book.keep(host, verdict)
        return verdict
    }

    func crawlHost(_ host: String, _ urls: [String], gates: Gates, book: RobotsBook, tally: Tally, progress: @escaping @Sendable (String) -> Void) async {
        let robots: RobotsTxt
        switch await self.robots(host, gates: gates, book: book) {
        case .unreadable(let why):
            await tally.fail(urls.count, urls.map { "\($0): robots.txt of \(host) could not be read (\(why)); nothing fetched there" })
            return
        case .rules(let r):
            robots = r
        }
        var allowed: [String] = []
        for url in urls {
            if robots.allows(Self.path(url)) { allowed.append(url) } else { await tally.disallow() }
        }
        // `perHost` workers take the host's pages in turn; the gate keeps their requests apart.
        let queue = WorkQueue(allowed)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<max(1, min(configuration.perHost, allowed.count)) {
                group.addTask {
                    while let url = await queue.next() {
                        await gates.wait(host: host, extra: robots.crawlDelay)
                        let f = await self.fetchWithRetries(url)
                        await self.handle(f, tally: tally)
                        progress("\(f.status == 0 ? "failed" : String(f.status)) \(url)")
                    }
                }
            }
        }
    }

    func handle(_ f: Fetched, tally: Tally) async {
        let now = Self.now()
        switch f.status {
        case 200..<300:
            await tally.fetch()
            switch reader.pageDocument(Gzip.plain(f.body) ?? f.body, source: f.url, id: f.finalURL, url: f.finalURL, byAddress: true) {
            case .document(let doc):
                let canonical = doc.id
                if await sink.claim(canonical) == false || ((try? store.crawledCanonical(canonical)).flatMap { $0 } != nil && canonical != f.url) {
                    await tally.duplicate()
                    try? store.saveCrawl([CrawlRecord(url: f.url, kind: "page", status: f.status, fetched: now, canonical: canonical)])
                    return
                }
                let record = CrawlRecord(
                    url: f.url, kind: "page", status: f.status, etag: f.headers["etag"], lastModified: f.headers["last-modified"], fetched: now,
                    canonical: canonical, article: doc.id)
                await sink.add(doc, record)
            case .failure:
                await tally.notArticle()
                try? store.saveCrawl([CrawlRecord(url: f.url, kind: "page", status: f.status, fetched: now)])
            }
        case 304:
            await tally.notModifiedPage()
        default:
            await tally.fail(1, ["\(f.url): \(f.error ?? "HTTP \(f.status)")"])
            try? store.saveCrawl([CrawlRecord(url: f.url, kind: "page", status: f.status, fetched: now)])
        }
    }
}

/// A host's pages, handed out one at a time to its workers.
actor WorkQueue {
    var items: [String]
    var position = 0
    init(_ items: [String]) { self.items = items }
    func next() -> String? {
        guard position < items.count else { return nil }
        defer { position += 1 }
        return items[position]
    }
}

/// The robots.txt verdicts of one crawl, by host.
actor RobotsBook {
    enum Verdict: Sendable {
        case rules(RobotsTxt)
        /// No answer, or a server error: nothing may be fetched from the host.
        case unreadable(String)
    }
    private var verdicts: [String: Verdict] = [:]
    func verdict(_ host: String) -> Verdict? { verdicts[host] }
    func keep(_ host: String, _ v: Verdict) { verdicts[host] = v }
}

/// Keeps requests to one host `delay` seconds apart (or a robots.txt Crawl-delay, when longer).
actor Gates {
    let delay: Double
    var next: [String: Double] = [:]
    init(delay: Double) { self.delay = delay }

    func wait(host: String, extra: Double?) async {
        let gap = max(delay, min(extra ?? 0, 60))
        let now = Date().timeIntervalSince1970
        let at = max(now, next[host] ?? 0)
        next[host] = at + gap
        if at > now { try? await Task.sleep(nanoseconds: UInt64((at - now) * 1e9)) }
    }
}

/// Counts of what happened to the pages.
actor Tally {
    var summary = Crawler.Summary()
    func fetch() { summary.fetched += 1 }
    func notModifiedPage() { summary.notModified += 1 }
    func disallow() { summary.disallowed += 1 }
    func duplicate() { summary.duplicates += 1 }
    func notArticle() { summary.notArticles += 1 }
    func fail(_ n: Int, _ why: [String]) {
        summary.failed += n
        summary.failures += why
    }
}

/// Pages on their way to the store, a batch at a time, each with its crawl record in the same
/// transaction. Canonical URLs claimed in this run are not kept twice.
actor Sink {
    let ingester: Ingester
    let batch: Int
    var documents: [RawDocument] = []
    var records: [CrawlRecord] = []
    var claimed = Set<String>()
    var report = IngestReport()
    var error: (any Error)?

    init(ingester: Ingester, batch: Int) {
        self.ingester = ingester
        self.batch = max(1, batch)
    }

    func claim(_ canonical: String) -> Bool { claimed.insert(canonical).inserted }

    func add(_ doc: RawDocument, _ record: CrawlRecord) async {
        documents.append(doc)
        records.append(record)
        if documents.count >= batch { try? await flush() }
    }

    func flush() async throws {
        guard !documents.isEmpty else { return }
        defer {
            documents.removeAll()
            records.removeAll()
        }
        do {
            let r = try ingester.add(documents: documents, crawl: records)
            report.new += r.new
            report.updated += r.updated
            report.unchanged += r.unchanged
            report.skipped += r.skipped
        } catch {
            self.error = error
            throw error
        }
    }
}
