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

    /// The records of an uncompressed WARC file; stops at the first thing that is not a record.
    static func records(_ bytes: [UInt8]) -> (records: [Record], problem: String?) {
        var out: [Record] = []
        var k = 0
        while k < bytes.count {
            // Blank lines between records.
            while k < bytes.count, bytes[k] == 0x0D || bytes[k] == 0x0A { k += 1 }
            if k >= bytes.count { break }
            let start = k
            guard bytes[k...].starts(with: Array("WARC/".utf8)) else { return (out, "no WARC record at byte \(k)") }
            guard let (headers, bodyStart) = headerBlock(bytes, from: k) else { return (out, "a WARC record's headers are cut short at byte \(k)") }
            guard let length = headers["content-length"].flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }), length >= 0,
                bodyStart + length <= bytes.count
            else { return (out, "a WARC record's Content-Length is missing or runs past the end at byte \(k)") }
            out.append(Record(offset: start, headers: headers, block: bytes[bodyStart..<(bodyStart + length)]))
            k = bodyStart + length
        }
        return (out, nil)
    }

    /// Header lines (`Name: value`, names lower-cased) after a first line, up to a blank line; the
    /// index where the block begins.
    static func headerBlock(_ bytes: [UInt8], from start: Int) -> ([String: String], Int)? {
        var headers: [String: String] = [:]
        var k = start
        var first = true
        while k < bytes.count {
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

    /// Every HTML response in `bytes` (a WARC file, its gzip already undone by `InputReader`), each a
    /// document or a reason.
    public static func read(_ bytes: [UInt8], source: String, reader: InputReader) -> [InputReader.Item] {
        let (records, problem) = records(bytes)
        var items: [InputReader.Item] = []
        for r in records {
            guard r.headers["warc-type"]?.lowercased() == "response",
                r.headers["content-type"]?.lowercased().contains("application/http") ?? true
            else { continue }
            let where_ = "\(source)@\(r.offset)"
            let url = r.headers["warc-target-uri"]?.trimmingCharacters(in: CharacterSet(charactersIn: "<> "))
            guard let (http, bodyStart) = headerBlock(Array(r.block), from: 0) else {
                items.append(.failure(IngestError(.unreadable, source: where_, "an HTTP response with damaged headers")))
                continue
            }
            let status = String(decoding: r.block.prefix { $0 != 0x0A && $0 != 0x0D }, as: UTF8.self)
            let code = status.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
            let type = http["content-type"]?.lowercased() ?? ""
            // Only pages: redirects, errors, images, scripts and the like are not articles.
            guard (200..<300).contains(code), type.isEmpty || type.contains("html") else { continue }
            var body = Array(Array(r.block)[bodyStart...])
            if http["transfer-encoding"]?.lowercased().contains("chunked") == true {
                guard let plain = dechunk(body[...]) else {
                    items.append(.failure(IngestError(.unreadable, source: where_, "chunked HTTP body that is damaged")))
                    continue
                }
                body = plain
            }
            if let encoding = http["content-encoding"]?.lowercased(), encoding.contains("gzip") || encoding.contains("deflate") {
                guard let plain = Gzip.decompress(body, limit: reader.configuration.maxFileBytes) else {
                    items.append(.failure(IngestError(.unreadable, source: where_, "a \(encoding) HTTP body that cannot be decompressed")))
                    continue
                }
                body = plain
            }
            if body.count > reader.configuration.maxFileBytes {
                items.append(.failure(IngestError(.tooLarge, source: where_, "over the limit of \(reader.configuration.maxFileBytes) bytes for one article (--max-bytes)")))
                continue
            }
            items.append(reader.pageDocument(body, source: where_, id: where_, url: url, byAddress: true))
        }
        if let problem { items.append(.failure(IngestError(.unreadable, source: source, "\(problem); the records before it were read"))) }
        return items
    }
}
