import Foundation
import Linimasa
import LinimasaStore

/// What the fuzzer (`scripts/fuzz.sh`, libFuzzer) and the regression test feed each input to. The
/// first byte picks the way in, the rest is the input:
/// - 0: a text file: `InputReader.decodeText`, then `Pipeline.analyze` (extraction, sentences, dates,
///   entities, quotes, citations);
/// - 1: JSON lines (and a `POST /api/articles` body): `JSONLinesReader`, then analysis;
/// - 2: a search query: `SearchQuery` (the translator to FTS5 syntax).
/// Anything may be refused with a reason; nothing may crash, and no stage may take work out of
/// proportion to the input (libFuzzer's `-timeout` reports such inputs).
public enum FuzzHarness {
    static let pipeline = Pipeline()
    static let reader = InputReader()

    public static func run(_ data: [UInt8]) {
        guard let selector = data.first else { return }
        let input = Array(data.dropFirst())
        switch selector % 3 {
        case 0:
            if case .document(let d) = reader.decodeText(input, source: "fuzz", id: "fuzz") { _ = pipeline.analyze(d) }
        case 1:
            for item in JSONLinesReader.read(input, source: "fuzz.jsonl") {
                if case .document(let d) = item { _ = pipeline.analyze(d) }
            }
        default:
            _ = try? SearchQuery(String(decoding: input, as: UTF8.self))
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
