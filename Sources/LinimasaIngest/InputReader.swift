import Foundation
import LinimasaCore
import LinimasaHTML

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
        /// How CSV files are read (their columns, their dates' order).
        public var csv: CSVReader
        public init(
            maxFileBytes: Int = 10 * 1024 * 1024, extensions: Set<String> = ["txt", "jsonl", "ndjson", "html", "htm", "csv", "warc"],
            csv: CSVReader = CSVReader()
        ) {
            self.maxFileBytes = maxFileBytes
            self.extensions = extensions
            self.csv = csv
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
                    if configuration.extensions.contains(Self.kindExtension(rel)) { files.append(full) }
                }
                out.append(contentsOf: files.sorted())
            } else {
                out.append(path)
            }
        }
        return out
    }

    /// Reads one path (a file or `-`), returning its documents and the problems met. `stdin` gives
    /// standard input's bytes (tests); without it standard input is read as a stream.
    public func read(_ path: String, stdin: (() -> [UInt8])? = nil) -> [Item] {
        var items: [Item] = []
        forEach(path, stdin: stdin) { items.append($0) }
        return items
    }

    /// Bytes read a chunk at a time: nil at the end.
    public typealias Chunks = () -> [UInt8]?
    static let chunkBytes = 1 << 20

    /// Bytes in memory as chunks: all of them, once.
    static func chunks(of bytes: [UInt8]) -> Chunks {
        var given: [UInt8]? = bytes
        return {
            defer { given = nil }
            return given
        }
    }

    /// Reads one path, handing each document or problem to `body` as it is read. JSON lines (a
    /// `.jsonl`/`.ndjson` file, or standard input that starts with `{`) are read as a stream and the
    /// size limit holds per line, so a dump of any size is read article by article and memory follows
    /// the largest article, not the file; any other input is one article, read up to the limit.
    public func forEach(_ path: String, stdin: (() -> [UInt8])? = nil, _ body: (Item) throws -> Void) rethrows {
        let chunks: Chunks
        var handle: FileHandle? = nil
        defer { try? handle?.close() }
        if path == "-" {
            if let stdin {
                chunks = Self.chunks(of: stdin())
            } else {
                let h = FileHandle.standardInput
                chunks = { Self.nextChunk(h) }
            }
        } else {
            switch openFile(path) {
            case .success(let h):
                handle = h
                chunks = { Self.nextChunk(h) }
            case .failure(let e):
                try body(.failure(e))
                return
            }
        }
        // The first bytes decide how standard input is read.
        var first = chunks() ?? []
        while path == "-", firstNonSpace(first) == nil, first.count <= configuration.maxFileBytes, let more = chunks(), !more.isEmpty { first += more }
        let ext = (path as NSString).pathExtension.lowercased()
        if ext == "jsonl" || ext == "ndjson" || (path == "-" && firstNonSpace(first) == UInt8(ascii: "{")) {
            try streamLines(first, chunks, source: path, body)
            return
        }
        let kind = Self.kindExtension(path)
        if kind == "warc" {
            try streamWARC(first, chunks, source: path, body)
            return
        }
        if kind == "csv" {
            let rewind: () -> Chunks? = {
                guard let handle, (try? handle.seek(toOffset: 0)) != nil else { return nil }
                return { Self.nextChunk(handle) }
            }
            try streamCSV(first, chunks, rewind: rewind, source: path, baseID: Self.id(for: path), body)
            return
        }
        // Anything else is one article.
        let bytes: [UInt8]
        switch Self.whole(first, chunks, limit: configuration.maxFileBytes, source: path) {
        case .success(let b): bytes = b
        case .failure(let e):
            try body(.failure(e))
            return
        }
        if kind == "html" || kind == "htm" || Self.looksLikeHTML(bytes) {
            try body(pageDocument(bytes, source: path, id: Self.id(for: path)))
        } else {
            try body(decodeText(bytes, source: path, id: Self.id(for: path)))
        }
    }

    /// A WARC file read record by record as its bytes arrive, gzip undone as they do: memory follows
    /// the largest record, not the file (a crawl's file is gigabytes).
    func streamWARC(_ first: [UInt8], _ chunks: Chunks, source: String, _ body: (Item) throws -> Void) rethrows {
        var warc = WARCReader.Stream(maxRecord: configuration.maxFileBytes + WARCReader.recordHeadroom)
        let gzipProblem = try Self.plainPieces(first, chunks) { plain in
            try warc.feed(plain) { event in
                if let item = WARCReader.item(event, source: source, reader: self) { try body(item) }
            }
            return warc.problem == nil
        }
        if let gzipProblem, warc.problem == nil {
            try body(WARCReader.problemItem(gzipProblem, source: source))
            return
        }
        if let problem = warc.finish() { try body(WARCReader.problemItem(problem, source: source)) }
    }

    /// A CSV file read row by row as its bytes arrive, gzip undone as they do: memory follows the
    /// largest row, not the file. When the dates' order is the file's to say, the file is read twice:
    /// once for its published column (`rewind` starts it again), then for its rows.
    public func streamCSV(
        _ first: [UInt8], _ chunks: Chunks, rewind: () -> Chunks?, source: String, baseID base: String, _ body: (Item) throws -> Void
    ) rethrows {
        let csv = configuration.csv
        let limit = configuration.maxFileBytes
        var first = first
        var chunks = chunks
        var order = csv.dateOrder
        if order == .auto {
            var votes = CSVReader.Rows(csv, source: source, baseID: base, limit: limit, order: nil)
            _ = Self.plainPieces(first, chunks) { piece in
                votes.feed(piece) { _ in }
                return true
            }
            votes.finish { _ in }
            order = votes.votedOrder
            guard let again = rewind() else {
                try body(.failure(IngestError(.unreadable, source: source, "cannot be read a second time (its dates' order is read from the whole file first)")))
                return
            }
            chunks = again
            first = chunks() ?? []
        }
        var rows = CSVReader.Rows(csv, source: source, baseID: base, limit: limit, order: order)
        let gzipProblem = try Self.plainPieces(first, chunks) { piece in
            try rows.feed(piece, body)
            return true
        }
        try rows.finish(body)
        if let gzipProblem { try body(.failure(IngestError(.unreadable, source: source, "\(gzipProblem); the rows before it were read"))) }
    }

    /// Hands an input's bytes, gzip undone when it is compressed, to `piece` a chunk at a time, as
    /// long as `piece` says to go on. Returns what was wrong with the gzip data, or nil.
    static func plainPieces(_ first: [UInt8], _ chunks: Chunks, _ piece: ([UInt8]) throws -> Bool) rethrows -> String? {
        let gzip = Gzip.isCompressed(first) ? Gzip.Stream() : nil
        var bytes = first
        var going = true
        while true {
            if let gzip {
                guard try gzip.feed(bytes, { if going { going = try piece($0) } }) else { return "gzip data that is damaged" }
            } else {
                going = try piece(bytes)
            }
            guard going, let next = chunks(), !next.isEmpty else { break }
            bytes = next
        }
        if let gzip, !gzip.atMemberEnd, going { return "gzip data that is cut short" }
        return nil
    }

    /// The rest of an input, at most `limit` bytes, gzip undone; or why not.
    static func whole(_ first: [UInt8], _ chunks: Chunks, limit: Int, source: String) -> Result<[UInt8], IngestError> {
        var bytes = first
        while bytes.count <= limit, let more = chunks(), !more.isEmpty { bytes += more }
        if bytes.count > limit {
            return .failure(IngestError(.tooLarge, source: source, "over the limit of \(limit) bytes for one article (--max-bytes)"))
        }
        guard let plain = Gzip.plain(bytes, limit: limit) else {
            return .failure(IngestError(.unreadable, source: source, "gzip data that is damaged, cut short, or over the limit of \(limit) bytes when decompressed"))
        }
        return .success(plain)
    }

    /// The extension that says what a file is: `page.html.gz` is `html`.
    static func kindExtension(_ path: String) -> String {
        var name = (path as NSString).lastPathComponent.lowercased()
        if name.hasSuffix(".gz") { name = String(name.dropLast(3)) }
        return (name as NSString).pathExtension
    }

    /// A document that opens as HTML does (after a byte-order mark, spaces and comments).
    static func looksLikeHTML(_ bytes: [UInt8]) -> Bool {
        let head = String(decoding: bytes.prefix(1024), as: UTF8.self).lowercased()
        let trimmed = head.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        return trimmed.hasPrefix("<!doctype html") || trimmed.hasPrefix("<html") || (trimmed.hasPrefix("<!--") && head.contains("<html"))
    }

    /// A web page to a document: the article's paragraphs as text, what the page states about itself
    /// as given fields, and every block left out with its reason. A page read from an address (a
    /// crawl, a WARC record, a POST; `byAddress`) is known by its canonical URL when it names one,
    /// else by `url`, else by `id`; a saved file keeps `id` (its name).
    public func pageDocument(_ bytes: [UInt8], source: String, id: String, url: String? = nil, byAddress: Bool = false) -> Item {
        guard let page = PageExtractor.extract(bytes, url: url) else {
            return .failure(IngestError(.empty, source: source, "a web page with no article text in it (nothing but markup, scripts or links)"))
        }
        let given = GivenFields(
            url: page.canonicalURL ?? url, title: page.title, published: page.published, outlet: page.outlet, author: page.author,
            publishedSource: page.publishedSource)
        return .document(
            TextDecoding.repairingMojibake(
                RawDocument(
                    id: byAddress ? page.canonicalURL ?? url ?? id : id, source: source, text: page.text, given: given,
                    notes: ["read as a web page: \(page.paragraphs.count) paragraphs kept, \(page.removed.count) blocks left out"],
                    removed: page.removed)))
    }

    static func nextChunk(_ h: FileHandle) -> [UInt8]? {
        guard let d = try? h.read(upToCount: chunkBytes), !d.isEmpty else { return nil }
        return Array(d)
    }

    /// JSON lines from a stream of chunks; a line over the limit is skipped (and said) without being kept.
    func streamLines(_ first: [UInt8], _ chunks: Chunks, source: String, _ body: (Item) throws -> Void) rethrows {
        let decoder = JSONDecoder()
        let base = JSONLinesReader.baseID(source)
        let limit = configuration.maxFileBytes
        var buffer: [UInt8] = []
        var lineNo = 0
        var overLimit = false
        func finish(_ line: ArraySlice<UInt8>) throws {
            lineNo += 1
            if overLimit || line.count > limit {
                overLimit = false
                try body(.failure(IngestError(.tooLarge, source: "\(source):\(lineNo)", "over the limit of \(limit) bytes for one article (--max-bytes)")))
            } else if let item = JSONLinesReader.parse(line, line: lineNo, source: source, base: base, decoder: decoder) {
                try body(item)
            }
        }
        var chunk: [UInt8]? = first
        while let c = chunk {
            var start = 0
            for k in c.indices where c[k] == 0x0A {
                if buffer.isEmpty {
                    try finish(c[start..<k])
                } else {
                    buffer += c[start..<k]
                    try finish(buffer[...])
                    buffer.removeAll(keepingCapacity: true)
                }
                start = k + 1
            }
            if !overLimit { buffer += c[start...] }
            if buffer.count > limit {
                overLimit = true
                buffer.removeAll()
            }
            chunk = chunks()
        }
        if !buffer.isEmpty || overLimit { try finish(buffer[...]) }
    }

    static func id(for path: String) -> String {
        if path == "-" { return "stdin" }
        var name = (path as NSString).lastPathComponent
        if name.lowercased().hasSuffix(".gz") { name = String(name.dropLast(3)) }
        return (name as NSString).deletingPathExtension
    }

    func firstNonSpace(_ b: [UInt8]) -> UInt8? { b.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF } }

    /// Opens a regular file for reading, or says why it cannot be read.
    func openFile(_ path: String) -> Result<FileHandle, IngestError> {
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
        guard let h = FileHandle(forReadingAtPath: path) else {
            return .failure(IngestError(.unreadable, source: path, "cannot be opened for reading (permission denied?)"))
        }
        return .success(h)
    }

    /// Bytes of one plain-text article to a document, or the reason it is not one.
    public func decodeText(_ bytes: [UInt8], source: String, id: String) -> Item {
        switch TextDecoding.decode(bytes) {
        case .binary:
            return .failure(IngestError(.binary, source: source, "looks like binary data, not text"))
        case .utf8(let s):
            guard s.contains(where: { !$0.isWhitespace }) else { return .failure(IngestError(.empty, source: source, "is empty")) }
            return .document(TextDecoding.repairingMojibake(RawDocument(id: id, source: source, text: s)))
        case .windows1252(let s):
            guard s.contains(where: { !$0.isWhitespace }) else { return .failure(IngestError(.empty, source: source, "is empty")) }
            return .document(RawDocument(id: id, source: source, text: s, notes: ["not valid UTF-8; read as Windows-1252"]))
        case .repairedUTF8(let s, let n):
            guard s.contains(where: { !$0.isWhitespace }) else { return .failure(IngestError(.empty, source: source, "is empty")) }
            return .document(
                TextDecoding.repairingMojibake(
                    RawDocument(id: id, source: source, text: s, notes: ["\(n) broken UTF-8 sequence\(n == 1 ? "" : "s") replaced by U+FFFD"])))
        case .utf16(let s):
            guard s.contains(where: { !$0.isWhitespace }) else { return .failure(IngestError(.empty, source: source, "is empty")) }
            return .document(TextDecoding.repairingMojibake(RawDocument(id: id, source: source, text: s, notes: ["read as UTF-16"])))
        }
    }
}
