import ArgumentParser
import Foundation
import LinimasaEvaluation

struct EvaluatePageDates: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pagedates",
        abstract: "Publication days of web pages against ../shared/data/dates/htmldate (htmldate's evaluation set).",
        discussion: """
            DIR holds gold.json and pages/ in the layout of ../shared/data/dates/htmldate (the default). Each page \
            is read as `analyze` reads it; accuracy, precision, recall and F1 are counted as htmldate's evaluation \
            counts them. The last lines are `name: value`.
            """)

    @Argument(help: "A folder in the layout of dates/htmldate.")
    var dir: String?

    @OptionGroup var data: SharedDataOptions

    @Flag(help: "Print the figures as JSON.")
    var json = false

    @Option(help: "List this many pages with a wrong day (file, found, gold, how).")
    var wrong = 0

    @Option(help: "Fail (exit 1) when F1 is below this (a guard for CI).")
    var floor: Double = 0

    func run() throws {
        let folder = try dir ?? (data.directory() + "/dates/htmldate")
        guard FileManager.default.fileExists(atPath: folder + "/gold.json") else {
            StandardError.line("linimasa: \(folder): no gold.json there")
            throw ExitCode(3)
        }
        let s = try PageDateEvaluation.run(folder)
        if json {
            let e = JSONEncoder()
            e.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try e.encode(s), as: UTF8.self))
            if s.f1 < floor { throw ExitCode(1) }
            return
        }
        print("\(s.pages) pages, \(String(format: "%.1f", s.seconds * 1000 / Double(max(1, s.pages)))) ms a page (this build)")
        for (how, n) in s.sources.sorted(by: { $0.value > $1.value }) { print("  right from \(how): \(n)") }
        for (how, n) in s.wrongSources.sorted(by: { $0.value > $1.value }) { print("  wrong from \(how): \(n)") }
        for w in s.wrong.prefix(wrong) { print("  wrong: " + w.joined(separator: "\t")) }
        print("true_positives: \(s.truePositives)")
        print("false_positives: \(s.falsePositives)")
        print("false_negatives: \(s.falseNegatives)")
        print("true_negatives: \(s.trueNegatives)")
        print(String(format: "accuracy: %.4f", s.accuracy))
        print(String(format: "precision: %.4f", s.precision))
        print(String(format: "recall: %.4f", s.recall))
        print(String(format: "f1: %.4f", s.f1))
        if s.f1 < floor {
            StandardError.line("linimasa: \(folder): page dates F1 \(String(format: "%.4f", s.f1)) is below the floor \(floor)")
            throw ExitCode(1)
        }
    }
}
