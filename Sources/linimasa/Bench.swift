import ArgumentParser
import Foundation
import Linimasa
import LinimasaEvaluation

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmarks on real data from ../shared/data (build with -c release).",
        subcommands: [BenchAnalyze.self, BenchTimeline.self, BenchNER.self, BenchCorpus.self], defaultSubcommand: BenchAnalyze.self)
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
