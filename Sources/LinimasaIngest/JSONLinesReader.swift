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
        let base = baseID(source)
        bytes.withUnsafeBufferPointer { p in
            for k in 0..<p.count where p[k] == 0x0A {
                lineNo += 1
                if let item = parse(bytes[start..<k], line: lineNo, source: source, base: base, decoder: decoder) { items.append(item) }
                start = k + 1
            }
        }
        if start < bytes.count {
            lineNo += 1
            if let item = parse(bytes[start...], line: lineNo, source: source, base: base, decoder: decoder) { items.append(item) }
        }
        return items
    }

    /// The id a line without one gets is this and its line number.
    static func baseID(_ source: String) -> String {
        source == "-" ? "stdin" : ((source as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    /// One line: a document, a failure naming `source:line`, or nil for a blank line.
    static func parse(_ slice: ArraySlice<UInt8>, line lineNo: Int, source: String, base: String, decoder: JSONDecoder) -> InputReader.Item? {
        let where_ = "\(source):\(lineNo)"
        guard slice.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return nil }
        var notes: [String] = []
        var data = Data(slice)
        if !UTF8Validation.isValid(slice) {
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
            return .failure(IngestError(.malformedJSON, source: where_, "is \(what); each line must be one JSON object {\"text\": ...}"))
        }
        let line: Line
        do {
            line = try decoder.decode(Line.self, from: data)
        } catch {
            return .failure(IngestError(.malformedJSON, source: where_, "not a JSON object: \(describe(error))"))
        }
        guard let text = line.text, text.contains(where: { !$0.isWhitespace }) else {
            return .failure(IngestError(.missingText, source: where_, "has no \"text\" field, or it is empty"))
        }
        if let id = line.id?.value, !id.contains(where: { !$0.isWhitespace }) {
            return .failure(IngestError(.malformedJSON, source: where_, "has an empty \"id\"; give every article an id of its own, or none"))
        }
        let given = GivenFields(
            url: line.url, title: line.title.map(TextDecoding.normalizingNewlines), published: line.published,
            outlet: line.outlet.map(TextDecoding.normalizingNewlines))
        let id = line.id?.value ?? "\(base)-\(lineNo)"
        return .document(
            TextDecoding.repairingMojibake(RawDocument(id: id, source: where_, text: TextDecoding.normalizingNewlines(text), given: given, notes: notes)))
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
