import ArgumentParser
import Foundation
import Linimasa
import LinimasaEvaluation
import LinimasaHTML

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmarks on real data from ../shared/data (build with -c release).",
        subcommands: [BenchAnalyze.self, BenchTimeline.self, BenchNER.self, BenchCorpus.self, BenchLinear.self, BenchExtract.self], defaultSubcommand: BenchAnalyze.self)
}

struct BenchAnalyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Measure analyze throughput on IndoSum articles from ../shared/data (build with -c release).",
        discussion: "Joins IndoSum's tokenized paragraphs back into article text, then times Pipeline.analyze on one core and on all cores.")

    @OptionGroup var data: SharedDataOptions

    @Option(help: "Times to repeat the whole set per setting; the median run is reported.")
    var repeats: Int = 5

    @Option(help: "Copies of the article set to analyse per run (more copies, steadier figures).")
    var copies: Int = 4

    @Flag(name: .customLong("no-entities"), help: "Measure analyze without entities and quotes.")
    var noEntities = false

    func run() throws {
        let dir = try data.directory()
        var docs: [RawDocument] = []
        for file in ["sum/indosum/dev.01.jsonl", "sum/indosum/dev.02.jsonl"] {
            let path = (dir as NSString).appendingPathComponent(file)
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            for (k, line) in text.split(separator: "\n").enumerated() {
                guard let article = IndoSum.articleText(String(line)) else { continue }
                docs.append(RawDocument(id: "\(file)#\(k)", source: file, text: article))
            }
        }
        guard !docs.isEmpty else {
            StandardError.line("linimasa: no IndoSum articles found under \(dir)/sum/indosum")
            throw ExitCode(3)
        }
        let set = Array(repeating: docs, count: max(1, copies)).flatMap { $0 }
        let bytes = set.reduce(0) { $0 + $1.text.utf8.count }
        print("articles: \(set.count) (\(docs.count) IndoSum articles x \(copies)), \(String(format: "%.1f", Double(bytes) / 1e6)) MB, mean \(bytes / set.count) bytes")
        let cores = ProcessInfo.processInfo.activeProcessorCount
        var settings = [1]
        if cores > 1 { settings.append(cores) }
        for jobs in settings {
            let runner = BatchRunner(pipeline: Pipeline(configuration: .init(entities: !noEntities)), reader: InputReader(), jobs: jobs)
            var times: [Double] = []
            for _ in 0..<max(1, repeats) {
                let start = DispatchTime.now().uptimeNanoseconds
                let out = runner.analyze(set)
                let s = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                precondition(out.count == set.count)
                times.append(s)
            }
            let median = times.sorted()[times.count / 2]
            print(String(format: "jobs %d: %.0f articles/s, %.1f MB/s (median of %d runs, %.2f s each)", jobs, Double(set.count) / median, Double(bytes) / 1e6 / median, times.count, median))
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        print("peak memory: \(usage.ru_maxrss / 1024) MB (resident, whole process, input set included)")
    }
}

struct BenchLinear: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "linear",
        abstract: "Check that reading and analysis stay linear on pathological inputs (runs of dots, quotes, endless words...).",
        discussion: """
            Each pattern is run at SIZE, twice and four times SIZE through the fuzzer's way in (decoding, \
            analysis, JSON lines, search queries) and timed on the thread's CPU clock (least of --repeats runs). \
            A ratio over --max-ratio is measured again, with more runs, before it counts. \
            Linear work doubles when the input doubles, quadratic work quadruples: a ratio over --max-ratio \
            fails (exit 1). Needs no data; a debug build gives the same ratios, only slower.
            """)

    @Option(help: "Smallest input per pattern, in KB.")
    var size = 32

    @Option(help: "Times to double the input.")
    var doublings = 2

    @Option(help: "Runs per size; the least CPU time counts.")
    var repeats = 2

    @Option(help: "The largest acceptable growth per doubling (the largest size's time over the smallest's, per doubling).")
    var maxRatio = 3.0

    @Flag(help: "Print the results as JSON.")
    var json = false

    func validate() throws {
        if size <= 0 || doublings <= 0 || repeats <= 0 { throw ValidationError("--size, --doublings and --repeats must be positive") }
    }

    func run() throws {
        if !json { print("pattern                  " + (0...doublings).map { String(format: "%8d KB", size << $0) }.joined() + "   ratio") }
        let results = LinearityCheck.run(bytes: size << 10, doublings: doublings, repeats: repeats, limit: maxRatio, progress: { r in
            if json { return }
            let name = r.name.padding(toLength: 24, withPad: " ", startingAt: 0)
            print(name + " " + r.seconds.map { String(format: "%9.3f s", $0) }.joined() + String(format: "   %5.2f", r.ratio) + (r.ratio > maxRatio ? "  OVER" : ""))
        })
        let over = results.filter { $0.ratio > maxRatio }
        if json {
            let e = JSONEncoder()
            e.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try e.encode(results), as: UTF8.self))
        } else {
            print("patterns: \(results.count)")
            print(String(format: "worst ratio: %.2f (%@)", results.map(\.ratio).max() ?? 0, results.max { $0.ratio < $1.ratio }?.name ?? "-"))
            print("over \(maxRatio): \(over.count)")
        }
        if !over.isEmpty {
            StandardError.line("linimasa: not linear: " + over.map { "\($0.name) (\(String(format: "%.2f", $0.ratio))x per doubling)" }.joined(separator: ", "))
            throw ExitCode(1)
        }
    }
}

struct BenchExtract: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Time finding the article in web pages (../shared/data/html/aeb and html/anpandu), on one core and on all.",
        discussion: """
            The pages are decompressed into memory first; each run reads every page through libxml2 and \
            PageExtractor (text, removed blocks, metadata), --repeats times; the median run is reported. \
            scripts/bench_extract.sh runs trafilatura on the same pages in the same run for the ratio.
            """)

    @OptionGroup var data: SharedDataOptions

    @Option(help: "Runs per setting; the median is reported.")
    var repeats = 5

    @Option(help: "Copies of the page set per run.")
    var copies = 4

    @Flag(help: "Time libxml2's parse alone (what any reader of these pages pays).")
    var parseOnly = false

    func run() throws {
        let root = try data.directory()
        let pages = try ExtractionEvaluation.readAEB(root + "/html/aeb") + ExtractionEvaluation.readAnpandu(root + "/html/anpandu")
        let set = Array(repeating: pages, count: max(1, copies)).flatMap { $0 }
        let bytes = set.reduce(0) { $0 + $1.html.count }
        print("pages: \(set.count) (\(pages.count) pages x \(copies)), \(String(format: "%.1f", Double(bytes) / 1e6)) MB of HTML")
        let cores = ProcessInfo.processInfo.activeProcessorCount
        for jobs in Set([1, cores]).sorted() {
            var times: [Double] = []
            for _ in 0..<max(1, repeats) {
                let start = DispatchTime.now().uptimeNanoseconds
                let found = parallelMap(set, jobs: jobs, context: { () }) { _, page in
                    parseOnly ? (PageExtractor.parseOnly(page.html) ? 1 : 0) : PageExtractor.extract(page.html, url: page.url)?.paragraphs.count ?? 0
                }
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
                precondition(found.count == set.count)
            }
            let median = times.sorted()[times.count / 2]
            print(String(format: "jobs %d: %.2f ms a page, %.0f pages/s, %.1f MB/s (median of %d runs)", jobs, median * 1000 / Double(set.count), Double(set.count) / median, Double(bytes) / 1e6 / median, times.count))
        }
        print("peak memory: \(Measure.peakMegabytes()) MB (resident, whole process, pages included)")
    }
}
