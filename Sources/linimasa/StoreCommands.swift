import ArgumentParser
import Foundation
import Linimasa
import LinimasaStore

/// `--db FILE` or `--db postgres://…`, shared by the commands that read or write a store.
struct StoreOptions: ParsableArguments {
    @Option(help: "The store: an SQLite file (made on first ingest), or postgres://USER@HOST:PORT/DB. Default: $LINIMASA_DATABASE_URL, else linimasa.sqlite.")
    var db: String?

    /// What `--db` names, or LINIMASA_DATABASE_URL, or linimasa.sqlite.
    var address: String { Self.address(db) }

    static func address(_ db: String?) -> String {
        db ?? ProcessInfo.processInfo.environment["LINIMASA_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? "linimasa.sqlite"
    }

    @Option(help: "Folder holding id_ID.dic and id_ID.aff (the stemmer's lexicon).")
    var lexicon: String = HunspellLexicon.defaultDirectory

    /// Opens an existing store for reading; says plainly when there is none.
    func open() throws -> any CollectionStore { try Self.open(db: address, lexicon: lexicon) }

    /// Opens the store, making it when it is not there yet (ingest, crawl): not mapped, since a
    /// regrouping reads every article's grouping data once and mapped pages would count as the
    /// process's memory (a million-article ingest's resident memory went 2.7 GB over its own).
    func openOrMake() throws -> any CollectionStore {
        try storeAction { try Collections.open(address, lexicon: lexicon, mapped: false) }
    }

    static func open(db: String, lexicon: String) throws -> any CollectionStore {
        try storeAction { try Collections.open(db, lexicon: lexicon, mustExist: true) }
    }

    /// Warns when the last ingest was interrupted before the timeline was recomputed.
    func warnIfStale(_ store: any CollectionStore) throws { try Self.warnIfStale(store) }

    static func warnIfStale(_ store: any CollectionStore) throws {
        if try storeAction({ try !store.isCurrent() }) {
            StandardError.line(
                "linimasa: \(store.location): the timeline predates the last articles added (an ingest was interrupted); run `linimasa ingest --db \(store.location)` to bring it up to date")
        }
    }
}

/// Runs a store operation and turns its errors into one clear line and exit code 1.
func storeAction<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as StoreError {
        StandardError.line("linimasa: \(e)")
        throw ExitCode(1)
    } catch let e as PostgresStoreError {
        StandardError.line("linimasa: \(e)")
        throw ExitCode(1)
    }
}

struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add articles to a store and bring its events, stories and entities up to date.",
        discussion: """
            Reads input as `analyze` does (.txt files, folders, JSON lines, - for standard input). An article \
            is known by its id (file name, or the `id` field of a JSON line): the same text again is unchanged, \
            different text replaces the stored version. Each batch is written in one transaction, so a killed \
            run loses only the batch it was writing and the next run carries on. With no PATH, only brings \
            the timeline up to date (after an interrupted run).
            """)

    @Argument(help: "Files, directories, or - for standard input.")
    var paths: [String] = []

    @OptionGroup var store: StoreOptions
    @OptionGroup var reading: ReadingOptions

    @Option(help: "Articles written per transaction.")
    var batch = 256

    @Flag(help: "Summarise every story again, not only those whose articles changed (after upgrading linimasa).")
    var regroup = false

    @Option(help: "Output: text (one summary line) or json (counts and every skipped input).")
    var format: IngestFormat = .text

    enum IngestFormat: String, ExpressibleByArgument { case text, json }

    func validate() throws {
        if batch <= 0 { throw ValidationError("--batch must be positive") }
    }

    func run() throws {
        // The entity model is made on a thread of its own while the store is opened (which reads
        // the lexicon): at start-up the two were a sum.
        let runner = Background { [reading] in reading.runner() }
        let s = try store.openOrMake()
        if s.stemmer == nil {
            StandardError.line("linimasa: \(s.location): words are indexed unstemmed (hunspell-id was not installed when the store was made)")
        }
        let ingester = Ingester(store: s, runner: runner.value(), batchSize: batch)
        ingester.regroupAll = regroup
        let bar = ProgressBar(enabled: isatty(2) == 1)
        var inputs = 0
        let report = try storeAction {
            try ingester.ingest(
                paths: paths,
                progress: { p in
                    inputs = p.inputs
                    bar.show(
                        done: p.inputsDone, total: p.inputs,
                        label: "\(p.report.new) new, \(p.report.updated) updated, \(p.report.unchanged) unchanged, \(p.report.skipped) skipped")
                },
                onSkipped: { sk in
                    bar.clear()
                    StandardError.line("linimasa: skipped \(sk.source): \(sk.reason)")
                })
        }
        bar.clear()
        if format == .json {
            let out = StandardOutput()
            try out.write(String(decoding: try Rendering.jsonEncoder(pretty: true).encode(report), as: UTF8.self) + "\n")
            try out.flush()
        }
        if !paths.isEmpty, inputs == 0 {
            StandardError.line("linimasa: no .txt or .jsonl file in \(paths.joined(separator: " "))")
        }
        StandardError.line("linimasa: \(store.address): \(report.line)")
        if report.events == nil {
            StandardError.line("linimasa: another process added articles meanwhile; its ingest brings the timeline up to date")
        }
        // As `analyze`: inputs were given and not one article could be read from them.
        if !paths.isEmpty, report.new + report.updated + report.unchanged == 0 {
            StandardError.line("linimasa: nothing could be read from \(paths.joined(separator: " "))")
            throw ExitCode(1)
        }
    }
}

/// A one-line progress bar on standard error, drawn only when it is a terminal.
final class ProgressBar {
    let enabled: Bool
    private var last = 0.0
    private var shown = false
    init(enabled: Bool) { self.enabled = enabled }

    func show(done: Int, total: Int, label: String) {
        guard enabled, total > 0 else { return }
        let now = Date().timeIntervalSince1970
        if done < total, now - last < 0.1 { return }
        last = now
        let width = 30
        let filled = width * done / total
        let line = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] \(done)/\(total) inputs; \(label)"
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
        shown = true
    }

    func clear() {
        guard shown else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        shown = false
    }
}

struct Stories: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List a store's stories: id, days, events, articles, outlets, title.")

    @OptionGroup var store: StoreOptions

    @Option(help: "Output format: md or json.")
    var format: EntitiesFormat = .md

    @Option(help: "Page (1 is the first).")
    var page = 1

    @Option(name: .customLong("per-page"), help: "Stories a page.")
    var perPage = 50

    @Option(help: "Order: recent (latest event first), size (most articles first) or start (first event, as timeline prints).")
    var sort: String = "recent"

    func validate() throws {
        if StoryOrder(rawValue: sort) == nil { throw ValidationError("--sort must be recent, size or start, not '\(sort)'") }
    }

    func run() throws {
        let s = try store.open()
        try store.warnIfStale(s)
        let p = try storeAction { try s.stories(page: page, perPage: perPage, order: StoryOrder(rawValue: sort)!) }
        let out = StandardOutput()
        switch format {
        case .json: try out.write(String(decoding: try Rendering.jsonEncoder(pretty: true).encode(p), as: UTF8.self) + "\n")
        case .md:
            try out.write("| story | from | to | events | articles | outlets | title |\n|---|---|---|---|---|---|---|\n")
            for x in p.items {
                try out.write(
                    "| \(x.id) | \(x.firstDay ?? "?") | \(x.lastDay ?? "?") | \(x.events) | \(x.articles) | \(x.outlets.joined(separator: ", ")) | \(x.title.replacingOccurrences(of: "|", with: "\\|")) |\n"
                )
            }
        }
        try out.flush()
        StandardError.line("linimasa: \(p.total) stor\(p.total == 1 ? "y" : "ies"); page \(p.page) shows \(p.items.count)")
    }
}

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find articles and events in a store, best matches first.",
        discussion: """
            Words are stemmed as the store's index is, so "serangan rudal" finds "menyerang" and \
            "rudal-rudal". All words must occur; "…" is a phrase; OR, AND, NOT (in capitals) and \
            parentheses combine; kata* matches words that start so.
            """)

    @Argument(help: "What to look for.")
    var query: String

    @OptionGroup var store: StoreOptions

    @Option(help: "Only this outlet's articles (and events it reported).")
    var outlet: String?

    @Option(help: "Only from this day (YYYY-MM-DD): articles by publication, events by their date.")
    var from: String?

    @Option(help: "Only up to this day (YYYY-MM-DD).")
    var to: String?

    @Option(help: "Only articles and events naming this entity (any of its names).")
    var entity: String?

    @Option(help: "Articles to show.")
    var limit = 20

    @Option(help: "Matches ranked: the most recently added ones (the total counts all).")
    var window = SearchOptions.defaultWindow

    @Option(help: "Output format: md or json.")
    var format: EntitiesFormat = .md

    func validate() throws {
        for (name, v) in [("--from", from), ("--to", to)] {
            if let v, CivilDate(iso: v) == nil { throw ValidationError("\(name) must be a date like 2022-01-03, not '\(v)'") }
        }
        if limit <= 0 { throw ValidationError("--limit must be positive") }
        if window <= 0 { throw ValidationError("--window must be positive") }
    }

    func run() throws {
        let s = try store.open()
        let results = try storeAction {
            try s.search(SearchOptions(query: try SearchQuery(query), outlet: outlet, from: from, to: to, entity: entity, limit: limit, window: window))
        }
        for note in results.notes { StandardError.line("linimasa: search: \(note)") }
        let out = StandardOutput()
        switch format {
        case .json: try out.write(String(decoding: try Rendering.jsonEncoder(pretty: true).encode(results), as: UTF8.self) + "\n")
        case .md:
            if !results.events.isEmpty {
                try out.write("## Events\n\n")
                for h in results.events {
                    try out.write("- **\(h.date ?? "undated")** \(h.title ?? "") (`\(h.id)`, story `\(h.story ?? "")`)\n  \(plain(h.snippet))\n")
                }
                try out.write("\n")
            }
            try out.write("## Articles (\(results.totalArticles))\n\n")
            for h in results.articles {
                try out.write(
                    "- **\(h.title ?? h.id)** — \(h.outlets.joined(separator: ", ")) \(h.date ?? "") (`\(h.id)`)\n  \(plain(h.snippet))\n")
            }
        }
        try out.flush()
        StandardError.line(
            "linimasa: \(results.totalArticles) article\(results.totalArticles == 1 ? "" : "s") and \(results.events.count) event\(results.events.count == 1 ? "" : "s") match \(query)")
    }

    /// A snippet for a terminal: matches in bold, HTML entities undone.
    func plain(_ s: String) -> String {
        s.replacingOccurrences(of: "<mark>", with: "**").replacingOccurrences(of: "</mark>", with: "**")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
    }
}

struct Delete: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Remove articles from a store (a retraction) and group its events and stories again without them.",
        discussion: "Ids are those `analyze` and `ingest` give (file name, JSON line `id`, a crawled page's URL). Exit status 1 when an id is not in the store (the others are removed).")

    @Argument(help: "Ids of the articles to remove.")
    var ids: [String]

    @OptionGroup var store: StoreOptions

    func run() throws {
        let s = try store.open()
        let (report, missing) = try storeAction { try Ingester(store: s, runner: BatchRunner(pipeline: Pipeline(), reader: InputReader(), jobs: 1)).delete(ids: ids) }
        for id in missing { StandardError.line("linimasa: \(store.address): no article \(id)") }
        StandardError.line(
            "linimasa: \(store.address): \(report.deleted) deleted; the store holds \(report.articles) articles in \(report.events.map(String.init) ?? "-") events and \(report.stories.map { "\($0) \($0 == 1 ? "story" : "stories")" } ?? "- stories")")
        if !missing.isEmpty { throw ExitCode(1) }
    }
}
