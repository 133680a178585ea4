import ArgumentParser
import Foundation
import Linimasa

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case json, jsonl, md
}

struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read articles and print each one cleaned, dated and structured.",
        discussion: """
            PATH may be a .txt file, a directory (read recursively for .txt and .jsonl files), a JSON lines \
            file (.jsonl: {"text": ..., "id"?, "url"?, "title"?, "published"?, "outlet"?} a line), or - for \
            standard input. Unreadable inputs are reported on standard error and the rest are processed; the \
            exit code is non-zero only if nothing could be read.
            """)

    @Argument(help: "Files, directories, or - for standard input.")
    var paths: [String]

    @Option(help: "Output format: json (one document), jsonl (one article a line), md (for people).")
    var format: OutputFormat = .json

    @OptionGroup var reading: ReadingOptions

    func run() throws {
        let runner = reading.runner()
        let out = StandardOutput()
        var pieces: [String] = []
        var skipped: [Skipped] = []
        let format = self.format
        // Each article is rendered on the worker thread that analysed it.
        let summary = try runner.run(
            paths: paths,
            transform: { a in
                switch format {
                case .json: try Rendering.reportPiece(a)
                case .jsonl: try Rendering.jsonLine(a) + "\n"
                case .md: Rendering.markdown(a)
                }
            },
            onResult: { a, text in
                for n in a.notes { StandardError.line("linimasa: \(a.source): \(n)") }
                if format == .json { pieces.append(text) } else { try out.write(text) }
            },
            onSkipped: { s in
                StandardError.line("linimasa: skipped \(s.source): \(s.reason)")
                skipped.append(s)
            })
        if format == .json {
            for chunk in try Rendering.json(AnalysisReport(articles: [], skipped: skipped), pieces: pieces) { try out.write(chunk) }
            try out.write("\n")
        }
        try out.flush()
        if summary.inputs == 0 { StandardError.line("linimasa: no .txt or .jsonl file in \(paths.joined(separator: " "))") }
        StandardError.line("linimasa: read \(summary.read) article\(summary.read == 1 ? "" : "s"), skipped \(summary.skipped) input\(summary.skipped == 1 ? "" : "s")")
        if summary.read == 0 { throw ExitCode(1) }
    }
}

/// How `analyze` and `timeline` read their inputs.
struct ReadingOptions: ParsableArguments {
    @Option(help: "Anchor date (YYYY-MM-DD) for relative dates when an article's publication date is unknown.")
    var anchor: String?

    @Option(name: .customLong("max-bytes"), help: "Skip files larger than this many bytes.")
    var maxBytes: Int = 10 * 1024 * 1024

    @Option(help: "Worker threads (default: all cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .customLong("no-entities"), help: "Skip entities and quotes (about three times faster; cited sources are still found).")
    var noEntities = false

    @Option(name: .customLong("entity-scheme"), help: "The entity tagger's conventions: nerui, idner, nergrit, nerugm or nerp (lower-cased text).")
    var entityScheme: String = "nerui"

    @Option(name: .customLong("csv-columns"), help: "CSV columns by name when the header does not say: text=isi,title=judul,url=link,published=tanggal,outlet=media,id=no,author=penulis.")
    var csvColumns: String?

    @Option(name: .customLong("csv-date-order"), help: "How CSV dates like 03/04/2024 are written: dmy, mdy, or auto (decided from the whole column).")
    var csvDateOrder: String = "auto"

    func validate() throws {
        if let anchor, CivilDate(iso: anchor) == nil { throw ValidationError("--anchor must be a date like 2022-01-03, not '\(anchor)'") }
        if maxBytes <= 0 { throw ValidationError("--max-bytes must be positive") }
        if let csvColumns, CSVReader.Columns(spec: csvColumns) == nil {
            throw ValidationError("--csv-columns must be field=column pairs (fields: text, title, url, published, outlet, id, author), not '\(csvColumns)'")
        }
        if CSVReader.DateOrder(rawValue: csvDateOrder) == nil { throw ValidationError("--csv-date-order must be dmy, mdy or auto, not '\(csvDateOrder)'") }
        if jobs <= 0 { throw ValidationError("--jobs must be positive") }
        if NERScheme.named(entityScheme) == nil {
            throw ValidationError("--entity-scheme must be one of \(NERScheme.all.map(\.name).joined(separator: ", ")), not '\(entityScheme)'")
        }
    }

    func runner() -> BatchRunner {
        BatchRunner(
            pipeline: Pipeline(
                configuration: .init(fallbackAnchor: anchor.flatMap { CivilDate(iso: $0) }, entityScheme: NERScheme.named(entityScheme)!,
                    entities: !noEntities)),
            reader: InputReader(
                configuration: .init(
                    maxFileBytes: maxBytes,
                    csv: CSVReader(columns: csvColumns.flatMap(CSVReader.Columns.init(spec:)) ?? .init(), dateOrder: CSVReader.DateOrder(rawValue: csvDateOrder) ?? .auto))),
            jobs: jobs)
    }
}

/// Buffered standard output that reports a failed write instead of losing it.
final class StandardOutput {
    private var buffer: [UInt8] = []
    func write(_ s: String) throws {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }
    func flush() throws {
        guard !buffer.isEmpty else { return }
        do {
            try FileHandle.standardOutput.write(contentsOf: buffer)
        } catch {
            StandardError.line("linimasa: cannot write to standard output: \(error.localizedDescription)")
            throw ExitCode(2)
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

enum StandardError {
    static func line(_ s: String) {
        FileHandle.standardError.write(Data((s + "\n").utf8))
    }
}
