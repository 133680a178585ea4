import Dispatch
import Foundation
import Linimasa

/// What one ingest did.
public struct IngestReport: Sendable, Codable {
    public var new = 0
    public var updated = 0
    public var unchanged = 0
    /// Articles removed (`delete`, `DELETE /api/articles/{id}`).
    public var deleted = 0
    public var skipped = 0
    /// Why each skipped input was skipped.
    public var skippedInputs: [Skipped] = []
    /// Events and stories in the store after the run (nil: the timeline was left to another writer).
    public var events: Int?
    public var stories: Int?
    /// Stories summarised anew (the others were kept: none of their articles changed).
    public var summarised: Int?
    public var articles = 0
    public init() {}

    public var line: String {
        var s = "\(new) new, \(updated) updated, \(unchanged) unchanged, \(skipped) skipped"
        if let e = events, let st = stories {
            s += "; the store holds \(articles) article\(articles == 1 ? "" : "s") in \(e) event\(e == 1 ? "" : "s") and \(st) stor\(st == 1 ? "y" : "ies")"
            if let n = summarised { s += " (\(n) summarised anew)" }
        }
        return s
    }
}

/// Where a long ingest is: inputs read of all, articles written so far.
public struct IngestProgress: Sendable {
    public var inputsDone: Int
    public var inputs: Int
    public var report: IngestReport
}

/// Adds articles to a store: analyses what is new or changed, writes each batch in one transaction,
/// then recomputes events, stories and entities through `TimelineBuilder`, the code `timeline` uses.
///
/// An article is known by its id (file name, or a JSON line's `id`) and its content hash: the same
/// text again is unchanged and costs no analysis; other text under a known id replaces the old version.
/// A run killed at any moment loses only the batch it had not committed; the next run finds the
/// rest unchanged and recomputes the timeline, which is marked stale until then.
public final class Ingester {
    public let store: any CollectionStore
    public var runner: BatchRunner
    public var batchSize: Int
    /// Summarise every story again at the end, not only those whose articles changed.
    public var regroupAll = false
    let builder: TimelineBuilder
    /// The time articles are stamped with when written (injected for tests).
    let clock: @Sendable () -> Date
    /// Content hash of every stored article, by id (read once, kept up to date as batches commit).
    private var known: [String: String]? = nil

    public init(store: any CollectionStore, runner: BatchRunner, batchSize: Int = 256, clock: @escaping @Sendable () -> Date = Date.init) {
        self.clock = clock
        self.store = store
        self.runner = runner
        self.batchSize = max(1, batchSize)
        var config = TimelineBuilder.Configuration()
        config.jobs = runner.jobs
        builder = TimelineBuilder(stemmer: store.stemmer, configuration: config)
    }

    /// Reads `paths` (files, folders, `-`), adds their articles batch by batch, then regroups.
    public func ingest(
        paths: [String], stdin: (() -> [UInt8])? = nil,
        progress: (IngestProgress) -> Void = { _ in }, onSkipped: (Skipped) -> Void = { _ in }
    ) throws -> IngestReport {
        var report = IngestReport()
        try store.asWriter({ try addAll(paths: paths, stdin: stdin, into: &report, progress: progress, onSkipped: onSkipped) }, regroup: { try finish(&report) })
        return report
    }

    private func addAll(
        paths: [String], stdin: (() -> [UInt8])?, into report: inout IngestReport, progress: (IngestProgress) -> Void, onSkipped: (Skipped) -> Void
    ) throws {
        let inputs = runner.reader.expand(paths)
        var pending: [RawDocument] = []
        for (k, path) in inputs.enumerated() {
            try runner.reader.forEach(path, stdin: stdin) { item in
                switch item {
                case .document(let d):
                    pending.append(d)
                    if pending.count >= batchSize {
                        try add(pending, into: &report, onSkipped: onSkipped)
                        pending.removeAll(keepingCapacity: true)
                    }
                case .failure(let e):
                    let s = Skipped(source: e.source, reason: e.message)
                    report.skipped += 1
                    report.skippedInputs.append(s)
                    onSkipped(s)
                }
            }
            progress(IngestProgress(inputsDone: k + 1, inputs: inputs.count, report: report))
        }
        try add(pending, into: &report, onSkipped: onSkipped)
    }

    /// Adds documents already read (the server's `POST /api/articles`), then regroups.
    public func ingest(documents: [RawDocument], skipped: [Skipped] = []) throws -> IngestReport {
        var report = IngestReport()
        report.skipped = skipped.count
        report.skippedInputs = skipped
        var k = 0
        while k < documents.count {
            try add(Array(documents[k..<min(documents.count, k + batchSize)]), into: &report, onSkipped: { _ in })
            k += batchSize
        }
        try finish(&report)
        return report
    }

    private func finish(_ report: inout IngestReport) throws {
        if let r = try Regrouper(store: store, builderConfiguration: builder.configuration).regroup(force: regroupAll) {
            report.events = r.events
            report.stories = r.stories
            report.summarised = r.summarised
        } else {
            let s = try store.status()
            report.events = s.current ? s.events : nil
            report.stories = s.current ? s.stories : nil
        }
        report.articles = try store.status().articles
    }

    /// A document's content hash: its id, text and given fields (128 bits from two 64-bit hashes).
    static func contentHash(_ d: RawDocument) -> String {
        var bytes = Array(d.id.utf8)
        bytes.append(0)
        bytes += d.text.utf8
        for f in [d.given.url, d.given.title, d.given.published, d.given.outlet] {
            bytes.append(0)
            bytes += (f ?? "\u{1}").utf8
        }
        return hexDigest128(bytes)
    }

    /// One batch: what is new or changed is analysed and written in one transaction.
    /// Adds documents read elsewhere (the crawler) without regrouping, with `crawl` records written in
    /// the same transaction as the articles, so a killed crawl never keeps a page it did not record
    /// or records a page it did not keep. `regroup()` brings the timeline up to date.
    public func add(documents: [RawDocument], crawl: [CrawlRecord] = []) throws -> IngestReport {
        var report = IngestReport()
        try add(documents, into: &report, onSkipped: { _ in }, crawl: crawl)
        return report
    }

    /// Removes articles (a newsroom's retraction) and brings the timeline up to date: their events
    /// and stories are grouped again without them. Ids not in the store are returned, not an error.
    public func delete(ids: [String]) throws -> (report: IngestReport, missing: [String]) {
        var report = IngestReport()
        let missing = try store.deleteArticles(ids)
        report.deleted = Set(ids).count - missing.count
        for id in ids where !missing.contains(id) { known?[id] = nil }
        try finish(&report)
        return (report, missing)
    }

    /// Brings events, stories and entities up to date with every article added.
    public func regroup() throws -> IngestReport {
        var report = IngestReport()
        try finish(&report)
        return report
    }

    private func add(_ docs: [RawDocument], into report: inout IngestReport, onSkipped: (Skipped) -> Void, crawl: [CrawlRecord] = []) throws {
        // Crawl records whose pages are not written in this batch (unchanged, skipped) go on their own.
        func recordCrawlAlone() throws {
            if !crawl.isEmpty { try store.saveCrawl(crawl) }
        }
        guard !docs.isEmpty else { return try recordCrawlAlone() }
        if known == nil { known = try store.articleHashes() }
        // The last version of an id within the batch wins, as if the batch were read in turn.
        var lastOf: [String: Int] = [:]
        for (k, d) in docs.enumerated() { lastOf[d.id] = k }
        var todo: [(RawDocument, String, Bool)] = []
        for (k, d) in docs.enumerated() {
            let hash = Self.contentHash(d)
            if lastOf[d.id] != k {
                // Replaced later in this batch: one article, counted once (as what its last version is).
                let s = Skipped(source: d.source, reason: "the id \(d.id) comes again later in the same input; the later one is kept")
                report.skipped += 1
                report.skippedInputs.append(s)
                onSkipped(s)
                continue
            }
            if let old = known![d.id] {
                if old == hash { report.unchanged += 1 } else { todo.append((d, hash, true)) }
            } else {
                todo.append((d, hash, false))
            }
        }
        guard !todo.isEmpty else { return try recordCrawlAlone() }
        let articles = runner.analyze(todo.map(\.0))
        var keep: [(Article, String, Bool)] = []
        for (k, a) in articles.enumerated() {
            if a.body.isEmpty {
                let s = Skipped(source: a.source, reason: "no article text left after removing page furniture")
                report.skipped += 1
                report.skippedInputs.append(s)
                onSkipped(s)
                continue
            }
            keep.append((a, todo[k].1, todo[k].2))
        }
        guard !keep.isEmpty else { return try recordCrawlAlone() }
        let prepared = builder.prepared(keep.map(\.0))
        let now = ISO8601DateFormatter().string(from: clock())
        let rows = try Self.encodeRows(keep, prepared: prepared, written: now, jobs: runner.jobs)
        try store.saveArticles(rows.map(\.row), crawl: crawl)
        for r in rows {
            known![r.row.key] = r.row.hash
            if r.replaces { report.updated += 1 } else { report.new += 1 }
        }
    }

    /// Article JSON and grouping data, encoded on all cores.
    static func encodeRows(_ keep: [(Article, String, Bool)], prepared: [PreparedArticle], written: String, jobs: Int) throws -> [(
        row: ArticleRow, replaces: Bool
    )] {
        parallelMap(Array(keep.indices), jobs: jobs, context: {}) { _, k in
            let (a, hash, replaces) = keep[k]
            let row = ArticleRow(
                key: a.id, hash: hash, source: a.source, outlet: a.outlet, title: a.title, author: a.author,
                published: a.published.value, day: a.published.value.map { String($0.prefix(10)) }, language: a.language.rawValue,
                body: a.body.joined(separator: "\n\n"), json: a.compactJSON(),
                prepared: Data(prepared[k].binary()), written: written)
            return (row, replaces)
        }
    }
}
