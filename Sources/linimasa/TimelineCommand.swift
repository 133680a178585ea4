import ArgumentParser
import Foundation
import Linimasa

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

    @Argument(help: "Files, directories, or - for standard input.")
    var paths: [String]

    @Option(help: "Output format: md (for people), json (the contract), html (one self-contained page).")
    var format: TimelineFormat = .md

    @OptionGroup var reading: ReadingOptions

    @Option(help: "Folder holding id_ID.dic and id_ID.aff.")
    var lexicon: String = HunspellLexicon.defaultDirectory

    func run() throws {
        let runner = reading.runner()
        var config = TimelineBuilder.Configuration()
        config.jobs = reading.jobs
        let builder = TimelineBuilder(stemmer: LexiconLoader.loadIfPresent(directory: lexicon).map(Stemmer.init), configuration: config)
        var skipped: [Skipped] = []
        var pending: [Article] = []
        let summary = runner.run(
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
        let t = builder.timeline()
        let out = StandardOutput()
        switch format {
        case .md: try out.write(TimelineRendering.markdown(t))
        case .json: try out.write(TimelineRendering.json(TimelineReport(t, skipped: skipped)) + "\n")
        case .html: try out.write(TimelineRendering.html(t))
        }
        try out.flush()
        let events = t.stories.reduce(0) { $0 + $1.events.count }
        if summary.inputs == 0 { StandardError.line("linimasa: no .txt or .jsonl file in \(paths.joined(separator: " "))") }
        StandardError.line(
            "linimasa: read \(summary.read) article\(summary.read == 1 ? "" : "s"), skipped \(summary.skipped) input\(summary.skipped == 1 ? "" : "s"); \(events) event\(events == 1 ? "" : "s") in \(t.stories.count) stor\(t.stories.count == 1 ? "y" : "ies")")
        if summary.read == 0 { throw ExitCode(1) }
    }
}
