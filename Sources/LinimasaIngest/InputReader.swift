import Foundation
import LinimasaCore

/// Reads articles from files, directories, JSON lines and standard input.
///
/// Every input yields `RawDocument`s or `IngestError`s naming the input and the reason; one bad
/// file or line never stops the others.
public struct InputReader: Sendable {
    public struct Configuration: Sendable {
        /// Files larger than this are skipped (bytes).
        public var maxFileBytes: Int
        /// File name endings read from directories (lower case, without the dot).
        public var extensions: Set<String>
        public init(maxFileBytes: Int = 10 * 1024 * 1024, extensions: Set<String> = ["txt", "jsonl", "ndjson"]) {
            self.maxFileBytes = maxFileBytes
            self.extensions = extensions
        }
    }

    public enum Item: Sendable {
        case document(RawDocument)
        case failure(IngestError)
    }

    public var configuration: Configuration
    public init(configuration: Configuration = Configuration()) { self.configuration = configuration }

    /// Expands paths: directories recursively (sorted, by extension), `-` for standard input.
    public func expand(_ paths: [String]) -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDir: ObjCBool = false
            if path != "-", fm.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
                guard let e = fm.enumerator(atPath: path) else { out.append(path); continue }
                var files: [String] = []
                while let rel = e.nextObject() as? String {
                    let full = (path as NSString).appendingPathComponent(rel)
                    var sub: ObjCBool = false
                    guard fm.fileExists(atPath: full, isDirectory: &sub), !sub.boolValue else { continue }
                    let ext = (rel as NSString).pathExtension.lowercased()
                    if configuration.extensions.contains(ext) { files.append(full) }
                }
                out.append(contentsOf: files.sorted())
            } else {
                out.append(path)
            }
        }
        return out
    }

    /// Reads one path (a file or `-`), returning its documents and the problems met.
    public func read(_ path: String, stdin: () -> [UInt8] = { Array(FileHandle.standardInput.readDataToEndOfFile()) }) -> [Item] {
        let bytes: [UInt8]
        if path == "-" {
            bytes = stdin()
        } else {
            switch readFile(path) {
            case .success(let b): bytes = b
            case .failure(let e): return [.failure(e)]
            }
        }
        if bytes.count > configuration.maxFileBytes {
            return [.failure(IngestError(.tooLarge, source: path, "\(bytes.count) bytes is over the limit of \(configuration.maxFileBytes) bytes (--max-bytes)"))]
        }
        let ext = (path as NSString).pathExtension.lowercased()
        if ext == "jsonl" || ext == "ndjson" || (path == "-" && firstNonSpace(bytes) == UInt8(ascii: "{")) {
            return JSONLinesReader.read(bytes, source: path)
        }
        return [decodeText(bytes, source: path, id: Self.id(for: path))]
    }

    static func id(for path: String) -> String {
        if path == "-" { return "stdin" }
        return ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    func firstNonSpace(_ b: [UInt8]) -> UInt8? { b.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF } }

    func readFile(_ path: String) -> Result<[UInt8], IngestError> {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
            return .failure(IngestError(.notFound, source: path, "no such file or directory"))
        }
        if isDir.boolValue { return .failure(IngestError(.unreadable, source: path, "is a directory")) }
        // A FIFO, device or socket could block the run for ever, or never end: only regular files are read.
        if let type = (try? fm.attributesOfItem(atPath: path))?[.type] as? FileAttributeType, type != .typeRegular {
            return .failure(IngestError(.unreadable, source: path, "is not a regular file (\(type.rawValue)); only regular files are read"))
        }
        if let attrs = try? fm.attributesOfItem(atPath: path), let size = attrs[.size] as? NSNumber,
            size.intValue > configuration.maxFileBytes {
            return .failure(IngestError(.tooLarge, source: path, "\(size.intValue) bytes is over the limit of \(configuration.maxFileBytes) bytes (--max-bytes)"))
        }
        guard let h = FileHandle(forReadingAtPath: path) else {
            return .failure(IngestError(.unreadable, source: path, "cannot be opened for reading (permission denied?)"))
        }
        defer { try? h.close() }
        do {
            let data = try h.readToEnd() ?? Data()
            return .success(Array(data))
        } catch {
            return .failure(IngestError(.unreadable, source: path, "read failed: \(error.localizedDescription)"))
        }
    }

    /// Bytes of one plain-text article to a document, or the reason it is not one.
    public func decodeText(_ bytes: [UInt8], source: String, id: String) -> Item {
        switch TextDecoding.decode(bytes) {
        case .binary:
            return .failure(IngestError(.binary, source: source, "looks like binary data, not text"))
        case .utf8(let s):
            guard s.contains(where: { !$0.isWhitespace }) else { return .failure(IngestError(.empty, source: source, "is empty")) }
            return .document(RawDocument(id: id, source: source, text: s))
        case .windows1252(let s):
            guard s.contains(where: { !$0.isWhitespace }) else { return .failure(IngestError(.empty, source: source, "is empty")) }
            return .document(RawDocument(id: id, source: source, text: s, notes: ["not valid UTF-8; read as Windows-1252"]))
        case .repairedUTF8(let s, let n):
            guard s.contains(where: { !$0.isWhitespace }) else { return .failure(IngestError(.empty, source: source, "is empty")) }
            return .document(
                RawDocument(id: id, source: source, text: s, notes: ["\(n) broken UTF-8 sequence\(n == 1 ? "" : "s") replaced by U+FFFD"]))
        case .utf16(let s):
            guard s.contains(where: { !$0.isWhitespace }) else { return .failure(IngestError(.empty, source: source, "is empty")) }
            return .document(RawDocument(id: id, source: source, text: s, notes: ["read as UTF-16"]))
        }
    }
}
