import Foundation
import LinimasaCore

/// Reads JSON lines: one object per line with `text` and optional `id`, `url`, `title`, `published`, `outlet`.
public enum JSONLinesReader {
    struct Line: Decodable {
        var text: String?
        var id: LosslessID?
        var url: String?
        var title: String?
        var published: String?
        var outlet: String?
    }

    /// An `id` given as a string or a number.
    struct LosslessID: Decodable {
        var value: String
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let s = try? c.decode(String.self) { value = s } else if let i = try? c.decode(Int.self) { value = String(i) } else if let d = try? c.decode(Double.self) {
                throw DecodingError.typeMismatch(
                    String.self, .init(codingPath: decoder.codingPath, debugDescription: "\"id\" must be a string or a whole number, not \(d)"))
            } else {
                throw DecodingError.typeMismatch(
                    String.self, .init(codingPath: decoder.codingPath, debugDescription: "\"id\" must be a string or a whole number"))
            }
        }
    }

    public static func read(_ bytes: [UInt8], source: String) -> [InputReader.Item] {
        var items: [InputReader.Item] = []
        var lineNo = 0
        var start = 0
        let decoder = JSONDecoder()
        let base = source == "-" ? "stdin" : ((source as NSString).lastPathComponent as NSString).deletingPathExtension
        func handle(_ slice: ArraySlice<UInt8>) {
            lineNo += 1
            let where_ = "\(source):\(lineNo)"
            guard slice.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return }
            var notes: [String] = []
            var data = Data(slice)
            if String(validating: slice, as: UTF8.self) == nil {
                let (valid, broken) = TextDecoding.utf8Sequences(slice)
                if valid > 0 && broken <= valid {
                    data = Data(String(decoding: slice, as: UTF8.self).utf8)
                    notes.append("\(broken) broken UTF-8 sequence\(broken == 1 ? "" : "s") replaced by U+FFFD")
                } else {
                    data = Data(TextDecoding.decodeWindows1252(slice).utf8)
                    notes.append("not valid UTF-8; read as Windows-1252")
                }
            }
            let first = data.first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }
            guard first == UInt8(ascii: "{") else {
                let what = first == UInt8(ascii: "[") ? "an array" : first == UInt8(ascii: "n") ? "null" : "not an object"
                items.append(.failure(IngestError(.malformedJSON, source: where_, "is \(what); each line must be one JSON object {\"text\": ...}")))
                return
            }
            let line: Line
            do {
                line = try decoder.decode(Line.self, from: data)
            } catch {
                items.append(.failure(IngestError(.malformedJSON, source: where_, "not a JSON object: \(describe(error))")))
                return
            }
            guard let text = line.text, text.contains(where: { !$0.isWhitespace }) else {
                items.append(.failure(IngestError(.missingText, source: where_, "has no \"text\" field, or it is empty")))
                return
            }
            if let id = line.id?.value, !id.contains(where: { !$0.isWhitespace }) {
                items.append(.failure(IngestError(.malformedJSON, source: where_, "has an empty \"id\"; give every article an id of its own, or none")))
                return
            }
            let given = GivenFields(url: line.url, title: line.title, published: line.published, outlet: line.outlet)
            let id = line.id?.value ?? "\(base)-\(lineNo)"
            items.append(
                .document(RawDocument(id: id, source: where_, text: TextDecoding.normalizingNewlines(text), given: given, notes: notes)))
        }
        bytes.withUnsafeBufferPointer { p in
            for k in 0..<p.count where p[k] == 0x0A {
                handle(bytes[start..<k])
                start = k + 1
            }
        }
        if start < bytes.count { handle(bytes[start...]) }
        return items
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let c):
            let why = c.underlyingError.map { "\($0)" } ?? c.debugDescription
            if why.localizedCaseInsensitiveContains("depth") || why.localizedCaseInsensitiveContains("nest") { return "nested too deeply" }
            return c.underlyingError.map { "\($0.localizedDescription)" } ?? c.debugDescription
        case DecodingError.typeMismatch(_, let c): return "\(c.codingPath.map(\.stringValue).joined(separator: ".")): \(c.debugDescription)"
        default: return "\(error)"
        }
    }
}
