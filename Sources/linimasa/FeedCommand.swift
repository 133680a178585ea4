import ArgumentParser
import Foundation
import LinimasaHTML

struct FeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feed",
        abstract: "List the entries of RSS 2.0 and Atom feeds and XML sitemaps (news sitemaps and indexes too): URL, day, title.",
        discussion: "Files may be gzip-compressed. A file that is none of the three is reported, and the others are listed.")

    @Argument(help: "Feed or sitemap files.")
    var files: [String]

    @Option(help: "Output: text (a line an entry) or json.")
    var format: Format = .text

    enum Format: String, ExpressibleByArgument { case text, json }

    func run() throws {
        var failed = 0
        var all: [[String: String?]] = []
        for file in files {
            guard let read = FileManager.default.contents(atPath: file).map(Array.init), let bytes = Gzip.plain(read) else {
                StandardError.line("linimasa: \(file): cannot be read")
                failed += 1
                continue
            }
            guard let feed = FeedReader.read(bytes) else {
                StandardError.line("linimasa: \(file): not an RSS or Atom feed, nor a sitemap")
                failed += 1
                continue
            }
            StandardError.line("linimasa: \(file): \(feed.kind.rawValue), \(feed.entries.count) entries\(feed.title.map { " (\($0))" } ?? "")")
            for e in feed.entries {
                if format == .text {
                    print([e.url, e.published.map { String($0.prefix(10)) } ?? "-", e.title ?? ""].joined(separator: "\t"))
                } else {
                    all.append(["url": e.url, "published": e.published, "title": e.title, "summary": e.summary, "source": file, "kind": feed.kind.rawValue])
                }
            }
        }
        if format == .json {
            let data = try JSONSerialization.data(withJSONObject: all.map { $0.compactMapValues { $0 } }, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        }
        if failed == files.count { throw ExitCode(1) }
    }
}
