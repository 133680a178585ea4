import ArgumentParser
import Foundation
import Linimasa
import LinimasaStore

enum TimelineFormat: String, ExpressibleByArgument, CaseIterable {
    case md, json, html
}

struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Group articles into events and stories and print what happened on which day.",
        discussion: """
            Reads articles as `analyze` does. Articles reporting the same happening become one event (dated \
            by when it happened, not when it was published), near-duplicate copies are marked with their \
            original, and events about the same people and things become a story. Stems Indonesian with \
            hunspell-id when it is installed (apt-get install hunspell-id); without it, words are compared as written.
            """)

    @Argument(help: "Files, directories, or - for standard input (or none, with --db).")
    var paths: [String] = []

    @Option(help: "Output format: md (for people), json (the contract), html (one self-contained page).")
    var format: TimelineFormat = .md

    @OptionGroup var reading: ReadingOptions

    @Option(help: "Folder holding id_ID.dic and id_ID.aff.")
    var lexicon: String = HunspellLexicon.defaultDirectory

    @Option(help: "Read the timeline from this store instead of reading articles.")
    var db: String?

    @Option(help: "With --db: only this story (an id from `linimasa stories`).")
    var story: String?

    @Option(help: "With --db: only events dated from this day (YYYY-MM-DD).")
    var from: String?

    @Option(help: "With --db: only events dated up to this day (YYYY-MM-DD).")
    var to: String?

    func validate() throws {
        if db == nil && paths.isEmpty { throw ValidationError("give files to read, or --db FILE to read a store") }
        if db != nil && !paths.isEmpty { throw ValidationError("give files or --db, not both (add files to a store with `linimasa ingest`)") }
        if db == nil && (story != nil || from != nil || to != nil) { throw ValidationError("--story, --from and --to need --db") }
        for (name, v) in [("--from", from), ("--to", to)] {
            if let v, CivilDate(iso: v) == nil { throw ValidationError("\(name) must be a date like 2022-01-03, not '\(v)'") }
        }
    }

    func run() throws {
        if let db {
            let store = try StoreOptions.open(db: db, lexicon: lexicon)
            try StoreOptions.warnIfStale(store)
            let t = try storeAction { try store.timeline(story: story, from: from, to: to) }
            try print(t, skipped: [])
            let events = t.stories.reduce(0) { $0 + $1.events.count }
            StandardError.line("linimasa: \(db): \(events) event\(events == 1 ? "" : "s") in \(t.stories.count) stor\(t.stories.count == 1 ? "y" : "ies")")
            return
        }
        let (builder, summary, skipped) = try GroupedReading.read(paths: paths, reading: reading, lexicon: lexicon)
        let t = builder.timeline()
        try print(t, skipped: skipped)
        let events = t.stories.reduce(0) { $0 + $1.events.count }
        if summary.inputs == 0 { StandardError.line("linimasa: no .txt or .jsonl file in \(paths.joined(separator: " "))") }
        StandardError.line(
            "linimasa: read \(summary.read) article\(summary.read == 1 ? "" : "s"), skipped \(summary.skipped) input\(summary.skipped == 1 ? "" : "s"); \(events) event\(events == 1 ? "" : "s") in \(t.stories.count) stor\(t.stories.count == 1 ? "y" : "ies")")
        if summary.read == 0 { throw ExitCode(1) }
    }

    func print(_ t: Timeline, skipped: [Skipped]) throws {
        let out = StandardOutput()
        switch format {
        case .md: try out.write(TimelineRendering.markdown(t))
        case .json: try out.write(TimelineRendering.json(TimelineReport(t, skipped: skipped)) + "\n")
        case .html: try out.write(TimelineRendering.html(t))
        }
        try out.flush()
    }
}

/// Reads and groups articles for `timeline` and `entities`: analysed on all cores, grouped in batches.
enum GroupedReading {
    static func read(paths: [String], reading: ReadingOptions, lexicon: String) throws -> (
        TimelineBuilder, BatchRunner.Summary, [Skipped]
    ) {
        // The lexicon is read on a thread of its own while the entity model is made and the first
        // articles are analysed (the two were a sum at start-up; the grouping needs the lexicon only
        // once articles are handed to it).
        let stemmer = Background { LexiconLoader.loadIfPresent(directory: lexicon).map(Stemmer.init) }
        let runner = reading.runner()
        var config = TimelineBuilder.Configuration()
        config.jobs = reading.jobs
        let builder = TimelineBuilder(stemmer: stemmer.value(), configuration: config)
        var skipped: [Skipped] = []
        var pending: [Article] = []
        let summary = try runner.run(
            paths: paths,
            onArticle: { a in
                for n in a.notes { StandardError.line("linimasa: \(a.source): \(n)") }
                pending.append(a)
                if pending.count >= 1024 {
                    builder.add(pending)
                    pending.removeAll(keepingCapacity: true)
                }
            },
            onSkipped: { s in
                StandardError.line("linimasa: skipped \(s.source): \(s.reason)")
                skipped.append(s)
            })
        builder.add(pending)
        return (builder, summary, skipped)
    }
}

enum EntitiesFormat: String, ExpressibleByArgument, CaseIterable {
    case md, json
}

struct EntitiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entities",
        abstract: "List the people, organisations and places of a collection, each once with all its names.",
        discussion: """
            Reads and groups articles as `timeline` does. Names that stand for one entity are joined within \
            and across articles ("Erdogan", "Recep Tayyip Erdogan", the misspelt "Reccep Tayyip Erdogan"; \
            "AS" and "Amerika Serikat"); titles are kept apart as roles. Each entity lists its kind, the names \
            seen, roles, mention count, and the articles and events it appears in, most mentioned first.
            """)

    @Argument(help: "Files, directories, or - for standard input (or none, with --db).")
    var paths: [String] = []

    @Option(help: "Read the entities from this store instead of reading articles.")
    var db: String?

    @Option(help: "Output format: md (a table for people) or json.")
    var format: EntitiesFormat = .md

    @Option(help: "Only entities of this kind: PER, ORG or LOC.")
    var kind: String?

    @Option(help: "Only entities mentioned at least this many times.")
    var minMentions = 1

    @OptionGroup var reading: ReadingOptions

    @Option(help: "Folder holding id_ID.dic and id_ID.aff.")
    var lexicon: String = HunspellLexicon.defaultDirectory

    func validate() throws {
        if db == nil && paths.isEmpty { throw ValidationError("give files to read, or --db FILE to read a store") }
        if db != nil && !paths.isEmpty { throw ValidationError("give files or --db, not both (add files to a store with `linimasa ingest`)") }
    }

    func run() throws {
        if let db {
            let store = try StoreOptions.open(db: db, lexicon: lexicon)
            try StoreOptions.warnIfStale(store)
            let list = try storeAction { try store.entities(kind: kind, minMentions: minMentions, limit: nil) }
            let out = StandardOutput()
            switch format {
            case .json: try out.write(Rendering.json(EntitiesReport(entities: list, skipped: [])) + "\n")
            case .md: try out.write(TimelineRendering.entitiesMarkdown(list))
            }
            try out.flush()
            StandardError.line("linimasa: \(db): \(list.count) entit\(list.count == 1 ? "y" : "ies")")
            return
        }
        let (builder, summary, skipped) = try GroupedReading.read(paths: paths, reading: reading, lexicon: lexicon)
        let list = builder.entities().filter { e in (kind.map { e.kind == $0.uppercased() } ?? true) && e.mentions >= minMentions }
        if summary.read == 0 {
            if summary.inputs == 0 { StandardError.line("linimasa: no .txt or .jsonl file in \(paths.joined(separator: " "))") }
            StandardError.line("linimasa: read 0 articles, skipped \(summary.skipped) input\(summary.skipped == 1 ? "" : "s"); nothing to list")
            throw ExitCode(1)
        }
        let out = StandardOutput()
        switch format {
        case .json: try out.write(Rendering.json(EntitiesReport(entities: list, skipped: skipped)) + "\n")
        case .md: try out.write(TimelineRendering.entitiesMarkdown(list))
        }
        try out.flush()
        if summary.inputs == 0 { StandardError.line("linimasa: no .txt or .jsonl file in \(paths.joined(separator: " "))") }
        StandardError.line(
            "linimasa: read \(summary.read) article\(summary.read == 1 ? "" : "s"), skipped \(summary.skipped) input\(summary.skipped == 1 ? "" : "s"); \(list.count) entit\(list.count == 1 ? "y" : "ies")")
        if summary.read == 0 { throw ExitCode(1) }
    }
}
