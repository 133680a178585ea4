import Foundation
import Linimasa
import LinimasaHTML
import LinimasaStore

/// What the fuzzer (`scripts/fuzz.sh`, libFuzzer) and the regression test feed each input to. The
/// first byte picks the way in, the rest is the input:
/// - 0: a text file: `InputReader.decodeText`, then `Pipeline.analyze` (extraction, sentences, dates,
///   entities, quotes, citations);
/// - 1: JSON lines (and a `POST /api/articles` body): `JSONLinesReader`, then analysis;
/// - 2: a search query: `SearchQuery` (the translator to FTS5 syntax);
/// - 3: a web page: `InputReader.pageDocument` (libxml2, blocks, metadata, dates), then analysis;
/// - 4: a CSV file: `CSVReader`; 5: a WARC file: `WARCReader` (pages inside analysed);
/// - 6: a feed or sitemap: `FeedReader`.
/// Anything may be refused with a reason; nothing may crash, and no stage may take work out of
/// proportion to the input (libFuzzer's `-timeout` reports such inputs).
public enum FuzzHarness {
    static let pipeline = Pipeline()
    static let reader = InputReader()

    public static func run(_ data: [UInt8]) {
        guard let selector = data.first else { return }
        let input = Array(data.dropFirst())
        switch selector % 7 {
        case 0:
            if case .document(let d) = reader.decodeText(input, source: "fuzz", id: "fuzz") { _ = pipeline.analyze(d) }
        case 1:
            for item in JSONLinesReader.read(input, source: "fuzz.jsonl") {
                if case .document(let d) = item { _ = pipeline.analyze(d) }
            }
        case 2:
            _ = try? SearchQuery(String(decoding: input, as: UTF8.self))
        case 3:
            if case .document(let d) = reader.pageDocument(input, source: "fuzz.html", id: "fuzz", url: "https://contoh.id/2024/01/15/a") {
                _ = pipeline.analyze(d)
            }
        case 4:
            // Read whole, and in pieces of a size the input chooses (as a file streams): the same rows.
            let whole = CSVReader().read(input, source: "fuzz.csv", baseID: "fuzz", limit: 4096)
            let piece = 1 + Int(input.first ?? 0) % 17
            func pieces() -> InputReader.Chunks {
                var k = 0
                return {
                    guard k < input.count else { return nil }
                    defer { k += piece }
                    return Array(input[k..<min(input.count, k + piece)])
                }
            }
            let first = pieces()
            var items: [InputReader.Item] = []
            InputReader(configuration: .init(maxFileBytes: 4096)).streamCSV(
                first() ?? [], first, rewind: { pieces() }, source: "fuzz.csv", baseID: "fuzz") { items.append($0) }
            precondition(Self.summary(whole) == Self.summary(items), "CSV rows differ when read in pieces")
        case 5:
            for item in WARCReader.read(input, source: "fuzz.warc", reader: reader) {
                if case .document(let d) = item { _ = pipeline.analyze(d) }
            }
        default:
            _ = FeedReader.read(input)
        }
    }

    /// Items as comparable lines (documents by id, source, text and day; failures by source and reason).
    static func summary(_ items: [InputReader.Item]) -> [String] {
        items.map {
            switch $0 {
            case .document(let d): return "\(d.id)|\(d.source)|\(d.text)|\(d.given.published ?? "-")|\(d.given.title ?? "-")"
            case .failure(let e): return "\(e.source)|\(e.message)"
            }
        }
    }

    /// Every file of `directory` (recursively), each run once; returns how many ran.
    @discardableResult
    public static func replay(_ directory: String) -> Int {
        let fm = FileManager.default
        guard let e = fm.enumerator(atPath: directory) else { return 0 }
        var n = 0
        while let rel = e.nextObject() as? String {
            let path = (directory as NSString).appendingPathComponent(rel)
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue, let d = fm.contents(atPath: path) else { continue }
            run(Array(d))
            n += 1
        }
        return n
    }
}
