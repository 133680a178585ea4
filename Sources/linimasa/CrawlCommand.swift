import ArgumentParser
import Foundation
import Linimasa
import LinimasaCrawl
import LinimasaStore

struct CrawlCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crawl",
        abstract: "Fetch feeds, sitemaps and the pages they list, politely, and add the pages to a store.",
        discussion: """
            Feeds (RSS 2.0, Atom) and sitemaps (news sitemaps and indexes too) are read from --feeds and \
            --sitemaps FILE (a URL a line); URL arguments are pages. robots.txt is obeyed, one request at a \
            time a host, --delay seconds apart (longer when robots.txt asks); feeds are asked for with \
            If-None-Match and If-Modified-Since; failures and 429/5xx answers are tried again with \
            doubling waits; redirects are followed (at most 5); a page over --max-bytes or --timeout is \
            given up. What was fetched is kept in the store, so a killed crawl resumes without fetching a \
            page twice, and a page whose canonical URL is already kept is not kept again. --watch polls \
            the feeds every INTERVAL seconds and adds what is new.
            """)

    @Argument(help: "Pages to fetch.")
    var urls: [String] = []

    @Option(help: "A file of feed URLs, one a line.")
    var feeds: String?

    @Option(help: "A file of sitemap URLs, one a line.")
    var sitemaps: String?

    @OptionGroup var store: StoreOptions
    @OptionGroup var reading: ReadingOptions

    @Option(help: "Seconds between two requests to one host.")
    var delay = 1.0

    @Option(help: "Hosts crawled at once.")
    var hosts = 4

    @Option(help: "Requests to one host at once (each still --delay seconds after the one before).")
    var perHost = 1

    @Option(help: "At most this many pages a round.")
    var maxPages: Int?

    @Option(help: "Seconds a page may take.")
    var timeout = 30.0

    @Option(help: "Pages added to the store per transaction.")
    var batch = 16

    @Option(help: "Tries again after a failure or a 429/5xx answer.")
    var retries = 2

    @Option(help: "The User-Agent sent with every request.")
    var userAgent = Fetcher.Configuration().userAgent

    @Option(help: "Poll the feeds again every this many seconds (runs until stopped, or --rounds).")
    var watch: Double?

    @Option(help: "With --watch: stop after this many rounds (0: never).")
    var rounds = 0

    @Option(help: "Output: text (a summary line a round) or json.")
    var format: Format = .text

    enum Format: String, ExpressibleByArgument { case text, json }

    func validate() throws {
        if delay < 0 || timeout <= 0 || hosts <= 0 || perHost <= 0 || retries < 0 {
            throw ValidationError("--delay, --timeout, --hosts, --per-host and --retries must be positive")
        }
        if let watch, watch <= 0 { throw ValidationError("--watch must be a positive number of seconds") }
        if urls.isEmpty && feeds == nil && sitemaps == nil { throw ValidationError("give pages, --feeds FILE or --sitemaps FILE") }
    }

    static func lines(_ path: String?) throws -> [String] {
        guard let path else { return [] }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            StandardError.line("linimasa: \(path): cannot be read")
            throw ExitCode(1)
        }
        return text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    func run() async throws {
        let feedURLs = try Self.lines(feeds), sitemapURLs = try Self.lines(sitemaps)
        let s = try store.openOrMake()
        var config = Crawler.Configuration()
        config.delay = delay
        config.hosts = hosts
        config.perHost = perHost
        config.maxPages = maxPages
        config.retries = retries
        config.batch = max(1, batch)
        config.fetcher.timeout = timeout
        config.fetcher.maxBytes = reading.maxBytes
        config.fetcher.userAgent = userAgent
        let crawler = Crawler(store: s, runner: reading.runner(), configuration: config)
        let terminal = isatty(2) == 1
        var round = 0
        while true {
            round += 1
            let summary: Crawler.Summary
            do {
                summary = try await crawler.crawl(feeds: feedURLs, sitemaps: sitemapURLs, urls: urls) { line in
                    if terminal { StandardError.line("linimasa: crawl: \(line)") }
                }
            } catch let e as StoreError {
                StandardError.line("linimasa: \(e)")
                throw ExitCode(1)
            } catch let e as PostgresStoreError {
                StandardError.line("linimasa: \(e)")
                throw ExitCode(1)
            }
            for f in summary.failures.prefix(20) { StandardError.line("linimasa: crawl: \(f)") }
            if summary.failures.count > 20 { StandardError.line("linimasa: crawl: … and \(summary.failures.count - 20) more failures") }
            if format == .json {
                let e = JSONEncoder()
                e.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try e.encode(summary), as: UTF8.self))
            } else {
                StandardError.line(
                    "linimasa: \(store.address): \(summary.feeds) feeds and sitemaps (\(summary.feedsNotModified) unchanged), \(summary.listed) pages listed, "
                        + "\(summary.alreadyFetched) fetched before, \(summary.fetched) fetched, \(summary.new) new articles, \(summary.updated) updated, "
                        + "\(summary.unchanged) unchanged, \(summary.duplicates) duplicates, \(summary.notArticles) not articles, "
                        + "\(summary.disallowed) disallowed by robots.txt, \(summary.failed) failed; \(summary.events.map(String.init) ?? "-") events, "
                        + "\(summary.stories.map(String.init) ?? "-") stories")
            }
            guard let watch, rounds == 0 || round < rounds else { break }
            try await Task.sleep(nanoseconds: UInt64(watch * 1e9))
        }
    }
}
