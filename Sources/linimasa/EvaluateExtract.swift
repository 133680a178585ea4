import ArgumentParser
import Foundation
import LinimasaEvaluation
import LinimasaHTML

struct EvaluateExtract: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Article text, title and day from web pages against ../shared/data/html (aeb and anpandu).",
        discussion: """
            Each DIR is a folder in the layout of ../shared/data/html/aeb (ground-truth.json, html/<id>.html.gz) \
            or html/anpandu (ground_truth.json, <site>/<page>.html); default: both. Bodies are scored as the \
            Scrapinghub benchmark scores them: word 4-gram precision and recall per page, averaged, and F1 of \
            the averages; anpandu also counts exact titles and right days (UTC+7). The last lines are `name: value`.
            """)

    @Argument(help: "Folders in the layout of html/aeb or html/anpandu.")
    var dirs: [String] = []

    @OptionGroup var data: SharedDataOptions

    @Flag(help: "Print the figures as JSON.")
    var json = false

    @Option(help: "Pages with the lowest F1 to list per set.")
    var worst = 5

    @Option(help: "Print what is extracted from the page with this id (repeatable), beside the gold body's start.")
    var show: [String] = []

    func run() throws {
        var folders = dirs
        if folders.isEmpty {
            let root = try data.directory()
            folders = ["\(root)/html/aeb", "\(root)/html/anpandu"]
        }
        var results: [ExtractionEvaluation.SetScore] = []
        for dir in folders {
            let name = (dir as NSString).lastPathComponent
            let pages: [ExtractionEvaluation.Page]
            if FileManager.default.fileExists(atPath: dir + "/ground-truth.json") {
                pages = try ExtractionEvaluation.readAEB(dir)
            } else if FileManager.default.fileExists(atPath: dir + "/ground_truth.json") {
                pages = try ExtractionEvaluation.readAnpandu(dir)
            } else {
                StandardError.line("linimasa: \(dir): neither ground-truth.json (aeb) nor ground_truth.json (anpandu) is there")
                throw ExitCode(3)
            }
            results.append(ExtractionEvaluation.score(name: name, pages: pages, worst: worst))
            for page in pages where show.contains(page.id) {
                let e = PageExtractor.extract(page.html, url: page.url)
                print("== \(page.id)\ntitle: \(e?.title ?? "-")\npublished: \(e?.published ?? "-") (\(e?.publishedSource ?? "-"))")
                for p in e?.paragraphs ?? [] { print("  + \(p.prefix(160))") }
                for r in e?.removed ?? [] { print("  - [\(r.reason.rawValue)] \(r.text.prefix(100))") }
                print("gold: \(page.body.prefix(600))")
            }
        }
        if json {
            let e = JSONEncoder()
            e.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try e.encode(results), as: UTF8.self))
            return
        }
        for r in results {
            print("\(r.name): \(r.pages) pages, \(String(format: "%.1f", r.seconds * 1000 / Double(max(1, r.pages)))) ms a page (this build)")
            for w in r.worst {
                print(String(format: "  worst: %@ P %.3f R %.3f%@", w.id, w.precision, w.recall, w.extracted ? "" : " (nothing found)"))
            }
        }
        for r in results {
            print(String(format: "%@.precision: %.4f", r.name, r.precision))
            print(String(format: "%@.recall: %.4f", r.name, r.recall))
            print(String(format: "%@.f1: %.4f", r.name, r.f1))
            print("\(r.name).empty: \(r.empty)")
            if let t = r.titlesRight { print("\(r.name).titles_right: \(t)/\(r.pages)") }
            if let d = r.daysRight { print("\(r.name).days_right: \(d)/\(r.pages)") }
        }
    }
}
