import Foundation
import LinimasaCore
import LinimasaHTML

/// WARC files (`.warc`, `.warc.gz`, as crawlers and Common Crawl write them): every `response`
/// record whose HTTP answer is HTML is one web page, read as `InputReader.pageDocument` reads a
/// saved page. Its id is the record's target URI, its source the file and the record's offset in
/// the (uncompressed) file. HTTP chunked transfer and gzip or deflate content encodings are undone.
public enum WARCReader {
    struct Record {
        var offset: Int
        var headers: [String: String]
        var block: ArraySlice<UInt8>
    }

    /// Records read as the file's bytes arrive (gzip already undone): only the record being read and
    /// the bytes after it that have come are held, so a crawl's file of any size is read record by
    /// record. Reading stops at the first thing that is not a record. A record over `maxRecord`
    /// bytes is passed over without being held.
    struct Stream {
        enum Event {
            case record(Record)
            /// A record too large to hold: its offset, length and headers.
            case tooLarge(offset: Int, length: Int, headers: [String: String])
        }
        let maxRecord: Int
        private var buffer: [UInt8] = []
        /// Where the unread bytes begin in `buffer`, and that place's offset in the file.
        private var start = 0
        private var offset = 0
        /// Bytes of a record too large to hold, still to pass over.
        private var skipping = 0
        /// Why reading stopped, if it did.
        private(set) var problem: String?

        init(maxRecord: Int) { self.maxRecord = maxRecord }

        /// Adds bytes; hands every record they complete to `body`.
        mutating func feed(_ bytes: [UInt8], _ body: (Event) throws -> Void) rethrows {
            guard problem == nil else { return }
            var bytes = bytes[...]
            if skipping > 0 {
                let n = min(skipping, bytes.count)
                skipping -= n
                offset += n
                bytes = bytes.dropFirst(n)
            }
            buffer += bytes
            while problem == nil, skipping == 0 {
                // Blank lines between records.
                while start < buffer.count, buffer[start] == 0x0D || buffer[start] == 0x0A { advance(1) }
                let available = buffer.count - start
                if available < 5 { break }
                guard buffer[start..<(start + 5)].elementsEqual("WARC/".utf8) else {
                    problem = "no WARC record at byte \(offset)"
                    break
                }
                guard let (headers, bodyStart) = WARCReader.headerBlock(buffer[...], from: start) else {
                    if available > maxRecord { problem = "a WARC record's headers run past \(maxRecord) bytes at byte \(offset)" }
                    break  // the headers are not all here yet
                }
                guard let length = headers["content-length"].flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }), length >= 0 else {
                    problem = "a WARC record's Content-Length is missing at byte \(offset)"
                    break
                }
                if length > maxRecord {
                    try body(.tooLarge(offset: offset, length: length, headers: headers))
                    let here = buffer.count - bodyStart
                    advance(bodyStart - start + min(here, length))
                    skipping = length - min(here, length)
                    continue
                }
                guard bodyStart + length <= buffer.count else { break }  // the block is not all here yet
                try body(.record(Record(offset: offset, headers: headers, block: buffer[bodyStart..<(bodyStart + length)])))
                advance(bodyStart + length - start)
            }
            // What has been read goes, once it is most of what is held.
            if start > 0 && start >= buffer.count / 2 {
                buffer.removeFirst(start)
                start = 0
            }
        }

        private mutating func advance(_ n: Int) {
            start += n
            offset += n
        }

        /// At the end of the file: why the last bytes are not a record, if they are not.
        mutating func finish() -> String? {
            if problem == nil {
                while start < buffer.count, buffer[start] == 0x0D || buffer[start] == 0x0A { advance(1) }
                if skipping > 0 || start < buffer.count { problem = "a WARC record is cut short at byte \(offset)" }
            }
            return problem
        }
    }

    /// Header lines (`Name: value`, names lower-cased) after a first line, up to a blank line; the
    /// index where the block begins (indices are the slice's own).
    static func headerBlock(_ bytes: ArraySlice<UInt8>, from start: Int) -> ([String: String], Int)? {
        var headers: [String: String] = [:]
        var k = start
        var first = true
        while k < bytes.endIndex {
            guard let end = bytes[k...].firstIndex(of: 0x0A) else { return nil }
            var line = bytes[k..<end]
            if line.last == 0x0D { line = line.dropLast() }
            k = end + 1
            if line.isEmpty { return (headers, k) }
            if first {
                first = false
                continue
            }
            if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
                let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self).lowercased().trimmingCharacters(in: .whitespaces)
                let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingCharacters(in: .whitespaces)
                if headers[name] == nil { headers[name] = value }
            }
        }
        return nil
    }

    /// Undoes `Transfer-Encoding: chunked`; nil when the chunks are damaged.
    static func dechunk(_ body: ArraySlice<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        var k = body.startIndex
        while k < body.endIndex {
            guard let end = body[k...].firstIndex(of: 0x0A) else { return nil }
            let sizeText = String(decoding: body[k..<end], as: UTF8.self).split(separator: ";").first?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            guard let size = Int(sizeText, radix: 16), size >= 0 else { return nil }
            k = end + 1
            if size == 0 { return out }
            guard k + size <= body.endIndex else { return nil }
            out += body[k..<(k + size)]
            k += size
            while k < body.endIndex, body[k] == 0x0D || body[k] == 0x0A { k += 1 }
        }
        return out
    }

    /// Every HTML response in `bytes` (a WARC file, gzip-compressed or not), each a document or a
    /// reason: `InputReader`'s stream given all the bytes at once.
    public static func read(_ bytes: [UInt8], source: String, reader: InputReader) -> [InputReader.Item] {
        var items: [InputReader.Item] = []
        reader.streamWARC(bytes, { nil }, source: source) { items.append($0) }
        return items
    }

    /// What a record may hold beyond one article's bytes: its WARC and HTTP headers.
    static let recordHeadroom = 1 << 16

    static func problemItem(_ problem: String, source: String) -> InputReader.Item {
        .failure(IngestError(.unreadable, source: source, "\(problem); the records before it were read"))
    }

    /// The page a record holds, a reason it cannot be read, or nil for a record that is no page
    /// (requests, metadata, redirects, errors, images, scripts).
    static func item(_ event: Stream.Event, source: String, reader: InputReader) -> InputReader.Item? {
        let r: Record
        switch event {
        case .record(let record): r = record
        case .tooLarge(let offset, let length, let headers):
            // Reported when it could be a page: a response whose payload is not said to be something else.
            guard headers["warc-type"]?.lowercased() == "response",
                headers["warc-identified-payload-type"].map({ $0.lowercased().contains("html") }) ?? true
            else { return nil }
            return .failure(
                IngestError(
                    .tooLarge, source: "\(source)@\(offset)",
                    "a WARC record of \(length) bytes, over the limit of \(reader.configuration.maxFileBytes) bytes for one article (--max-bytes)"))
        }
        guard r.headers["warc-type"]?.lowercased() == "response",
            r.headers["content-type"]?.lowercased().contains("application/http") ?? true
        else { return nil }
        let where_ = "\(source)@\(r.offset)"
        let url = r.headers["warc-target-uri"]?.trimmingCharacters(in: CharacterSet(charactersIn: "<> "))
        // The block is read in place (a slice of the stream's buffer); only the body is copied.
        guard let (http, bodyStart) = headerBlock(r.block, from: r.block.startIndex) else {
            return .failure(IngestError(.unreadable, source: where_, "an HTTP response with damaged headers"))
        }
        let status = String(decoding: r.block.prefix { $0 != 0x0A && $0 != 0x0D }, as: UTF8.self)
        let code = status.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        let type = http["content-type"]?.lowercased() ?? ""
        // Only pages: redirects, errors, images, scripts and the like are not articles.
        guard (200..<300).contains(code), type.isEmpty || type.contains("html") else { return nil }
        var body: [UInt8]
        if http["transfer-encoding"]?.lowercased().contains("chunked") == true {
            guard let plain = dechunk(r.block[bodyStart...]) else {
                return .failure(IngestError(.unreadable, source: where_, "chunked HTTP body that is damaged"))
            }
            body = plain
        } else {
            body = Array(r.block[bodyStart...])
        }
        if let encoding = http["content-encoding"]?.lowercased(), encoding.contains("gzip") || encoding.contains("deflate") {
            guard let plain = Gzip.decompress(body, limit: reader.configuration.maxFileBytes) else {
                return .failure(IngestError(.unreadable, source: where_, "a \(encoding) HTTP body that cannot be decompressed"))
            }
            body = plain
        }
        if body.count > reader.configuration.maxFileBytes {
            return .failure(
                IngestError(.tooLarge, source: where_, "over the limit of \(reader.configuration.maxFileBytes) bytes for one article (--max-bytes)"))
        }
        return reader.pageDocument(body, source: where_, id: where_, url: url, byAddress: true)
    }
}
