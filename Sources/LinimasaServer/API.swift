import Foundation
import Hummingbird
import Linimasa
import LinimasaStore

public struct EntityList: Sendable, Codable {
    public var entities: [EntitySummary]
}

/// The JSON API's handlers.
struct API: Sendable {
    let store: any CollectionStore
    let options: ServerOptions
    let writer: Writer

    func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        json(bytes: try Rendering.jsonEncoder(pretty: false).encode(value), status: status)
    }

    /// A JSON body already written.
    func json(bytes: some Sequence<UInt8>, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    func status() async throws -> Response {
        let s = store
        return try json(try await offload { try s.status() })
    }

    func stories(_ req: Request) async throws -> Response {
        let q = req.uri.queryParameters
        let page = try int(q, "page", default: 1, min: 1)
        let perPage = try int(q, "per_page", default: 20, min: 1, max: 200)
        let sort = q["sort"].map(String.init) ?? "recent"
        guard let order = StoryOrder(rawValue: sort) else {
            throw HTTPError(.badRequest, message: "sort must be recent, size or start, not \(sort)")
        }
        let s = store
        return try json(try await offload { try s.stories(page: page, perPage: perPage, order: order) })
    }

    func story(_ req: Request, id: String) async throws -> Response {
        let q = req.uri.queryParameters
        let from = try day(q, "from")
        let to = try day(q, "to")
        let offset = try int(q, "offset", default: 0, min: 0)
        let limit = try int(q, "limit", default: 50, min: 1, max: 500)
        let s = store
        guard let page = try await offload({ try s.storyPage(id: id, from: from, to: to, offset: offset, limit: limit, maxEntities: 50) }) else {
            throw HTTPError(.notFound, message: "story \(id) not found")
        }
        // Written straight into bytes: the encoder's boxed values were a third of a page's cost.
        return json(bytes: page.compactJSON())
    }

    func event(id: String) async throws -> Response {
        let s = store
        guard let e = try await offload({ try s.event(id: id) }) else { throw HTTPError(.notFound, message: "event \(id) not found") }
        return try json(e)
    }

    func article(id: String) async throws -> Response {
        let s = store
        let number = Self.numberID(id)
        guard var a = try await offload({ try s.article(id: id) ?? number.flatMap { try s.article(id: $0) } }) else {
            throw HTTPError(.notFound, message: "article \(id) not found")
        }
        // Where the article was read from, without the server's folders: its file name (and line).
        a.article.source = (a.article.source as NSString).lastPathComponent
        return try json(a)
    }

    func search(_ req: Request) async throws -> Response {
        let q = req.uri.queryParameters
        guard let text = q["q"].map(String.init), !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw HTTPError(.badRequest, message: "search needs a query: /api/search?q=words")
        }
        guard !text.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" }) else {
            throw HTTPError(.badRequest, message: "the query holds a control character (NUL, a line break, ...)")
        }
        guard text.unicodeScalars.count <= options.maxQueryLength else {
            throw HTTPError(.badRequest, message: "the query is longer than \(options.maxQueryLength) characters")
        }
        let o = SearchOptions(
            query: try SearchQuery(text), outlet: q["outlet"].map(String.init), from: try day(q, "from"), to: try day(q, "to"),
            entity: q["entity"].map(String.init), limit: try int(q, "limit", default: 20, min: 1, max: 200),
            offset: try int(q, "offset", default: 0, min: 0), window: options.searchWindow)
        let s = store
        return try json(try await offload { try s.search(o) })
    }

    func entities(_ req: Request) async throws -> Response {
        let q = req.uri.queryParameters
        let kind = q["kind"].map(String.init)
        if let kind, !["PER", "ORG", "LOC", "EVT", "FNB", "TIME", "QTY"].contains(kind) {
            throw HTTPError(.badRequest, message: "kind must be PER, ORG or LOC (or EVT, FNB, TIME, QTY), not \(kind)")
        }
        let minMentions = try int(q, "min_mentions", default: 1, min: 1)
        let limit = try int(q, "limit", default: 100, min: 1, max: 5000)
        let s = store
        return try json(EntityList(entities: try await offload { try s.entities(kind: kind, minMentions: minMentions, limit: limit) }))
    }

    /// Writes (POST, DELETE) need the server's token, compared in constant time.
    func authorize(_ req: Request) throws {
        guard let token = options.token, !token.isEmpty else {
            throw HTTPError(.forbidden, message: "changing articles is off: start the server with --token or LINIMASA_TOKEN")
        }
        let given = req.headers[.authorization].flatMap { h -> String? in h.hasPrefix("Bearer ") ? String(h.dropFirst(7)) : nil }
        guard let given, Self.same(given, token) else {
            throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer"], message: "a valid token is needed: Authorization: Bearer TOKEN")
        }
    }

    /// `DELETE /api/articles/{id}`: the article is removed and its events and stories grouped again.
    func delete(_ req: Request, id: String) async throws -> Response {
        try authorize(req)
        var (report, missing) = try await writer.delete([id])
        if !missing.isEmpty, let number = Self.numberID(id) { (report, missing) = try await writer.delete([number]) }
        if !missing.isEmpty { throw HTTPError(.notFound, message: "article \(id) not found") }
        return try json(report)
    }

    /// An article posted with a number for its id is kept under the integer's digits ("id": 1905
    /// and "id": 1905.0, JSON's two ways of writing it, are the article "1905"). A path that writes
    /// the number another way ("1905.0", "1.905e3") names the same article when no article has that
    /// text for its id: the digits, or nil when the path is not such a number.
    static func numberID(_ id: String) -> String? {
        guard id.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x2B || $0 == 0x2E || $0 == 0x65 || $0 == 0x45 }),
            let x = Double(id), ArticleBody.isWholeID(x)
        else { return nil }
        let digits = String(Int64(x))
        return digits == id ? nil : digits
    }

    /// `POST /api/articles`: one JSON object, an array of them, or JSON lines (the fields of the
    /// JSON-lines input: `text`, and optionally `id`, `url`, `title`, `published`, `outlet`), or one
    /// web page (`text/html`).
    func add(_ req: Request) async throws -> Response {
        try authorize(req)
        if let length = req.headers[.contentLength].flatMap(Int.init), length > options.maxBodyBytes {
            throw HTTPError(.contentTooLarge, message: "the body is larger than \(options.maxBodyBytes) bytes")
        }
        let body: ByteBuffer
        do { body = try await req.body.collect(upTo: options.maxBodyBytes) } catch {
            throw HTTPError(.contentTooLarge, message: "the body is larger than \(options.maxBodyBytes) bytes")
        }
        let contentType = req.headers[.contentType]?.lowercased() ?? ""
        let declaredLines = contentType.contains("ndjson") || contentType.contains("jsonl")
        let isPage = contentType.contains("text/html")
        // The one query parameter this operation has is `url` (a misspelt one would be ignored).
        if let other = req.uri.queryParameters.first(where: { $0.key != "url" }) {
            throw HTTPError(.badRequest, message: "unknown query parameter \(other.key): POST /api/articles takes only url")
        }
        // The smallest body that can hold an article, as the OpenAPI document says.
        let smallest = isPage ? 100 : declaredLines ? 12 : 0
        // Counted in characters (code points), as JSON Schema's minLength counts.
        if smallest > 0, case let length = String(decoding: body.readableBytesView, as: UTF8.self).unicodeScalars.count, length < smallest {
            throw HTTPError(.badRequest, message: "a body of \(length) characters cannot hold an article (\(smallest) at least for \(contentType))")
        }
        let bytes = Array(body.readableBytesView)
        // A web page has markup; a text/html body without a single '<' is something else (JSON or
        // plain text sent with the wrong type), as the OpenAPI document says.
        if isPage && !bytes.contains(UInt8(ascii: "<")) {
            throw HTTPError(.badRequest, message: "a text/html body with no markup (no '<') is not a web page; send text as JSON")
        }
        let items: [InputReader.Item]
        // Read as JSON lines without being declared so.
        let undeclaredLines: Bool
        if isPage {
            // A web page: read as `analyze` reads a saved page; `?url=` says where it came from.
            let url = req.uri.queryParameters["url"].map(String.init)
            items = [InputReader().pageDocument(bytes, source: "POST", id: "post-" + String(hashBytes(bytes), radix: 16), url: url, byAddress: true)]
            undeclaredLines = false
        } else {
            let (read, lines) = try ArticleBody.items(bytes, asLines: declaredLines)
            items = read
            undeclaredLines = lines && !declaredLines
        }
        var docs: [RawDocument] = []
        var skipped: [Skipped] = []
        for item in items {
            switch item {
            case .document(let d): docs.append(d)
            case .failure(let e): skipped.append(Skipped(source: e.source, reason: e.message))
            }
        }
        // A body of undeclared lines none of which is an article is most likely not meant for this
        // endpoint. A valid JSON document, or lines declared as such, is answered with what was skipped.
        if docs.isEmpty && undeclaredLines {
            throw HTTPError(.badRequest, message: "no article in the body: " + (skipped.first.map { "\($0.source): \($0.reason)" } ?? "it is empty"))
        }
        let report = try await writer.ingest(docs, skipped: skipped)
        return try json(report, status: report.new > 0 ? .created : .ok)
    }

    /// Compares without stopping at the first difference.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var diff = x.count ^ y.count
        for i in 0..<max(x.count, y.count) { diff |= Int((i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0)) }
        return diff == 0
    }

    /// The largest page or offset a query may name (the OpenAPI document's `maximum`): far past any
    /// collection, and small enough that arithmetic on it cannot overflow.
    static let largestPosition = 1_000_000_000

    func int(_ q: Parameters, _ name: String, default d: Int, min: Int, max: Int = API.largestPosition) throws -> Int {
        guard let raw = q[name[...]] else { return d }
        guard let v = Int(String(raw)), v >= min, v <= max else {
            throw HTTPError(.badRequest, message: "\(name) must be a whole number from \(min) to \(max), not \(raw)")
        }
        return v
    }

    /// A `YYYY-MM-DD` day; absent is nil, empty is refused (the document says `format: date`).
    func day(_ q: Parameters, _ name: String) throws -> String? {
        guard let raw = q[name[...]].map(String.init) else { return nil }
        guard CivilDate(iso: raw) != nil else { throw HTTPError(.badRequest, message: "\(name) must be a date like 2022-01-03, not \(raw)") }
        return raw
    }
}

/// Reads a posted body into documents: one object, an array, or JSON lines. An object without an
/// `id` gets one from its content, so posting the same article twice adds it once.
enum ArticleBody {
    /// The body's articles, and whether it was read as JSON lines. A body that is one JSON document
    /// (an object or an array of them; not when `asLines`) must match the documented `ArticleInput`
    /// in every item, or the request is refused naming the item; JSON lines are records from other
    /// tools, each judged alone, so a bad line is skipped with its reason and the rest are added.
    static func items(_ bytes: [UInt8], asLines: Bool = false) throws -> (items: [InputReader.Item], lines: Bool) {
        var lines: [[UInt8]] = []
        let trimmed = bytes.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        let document = asLines ? nil : try? JSONSerialization.jsonObject(with: Data(trimmed), options: [.fragmentsAllowed])
        if let whole = document {
            let objects: [Any] = (whole as? [Any]) ?? [whole]
            for (k, o) in objects.enumerated() {
                if let why = violation(o) {
                    throw HTTPError(.badRequest, message: (objects.count > 1 || whole is [Any] ? "item \(k + 1): " : "") + why)
                }
                lines.append(line(o))
            }
        } else {
            var start = bytes.startIndex
            for k in bytes.indices where bytes[k] == 0x0A {
                lines.append(Array(bytes[start..<k]))
                start = k + 1
            }
            if start < bytes.endIndex { lines.append(Array(bytes[start...])) }
            lines = lines.map { l in (try? JSONSerialization.jsonObject(with: Data(l))).map(line) ?? l }
        }
        var out: [UInt8] = []
        for l in lines where !l.isEmpty {
            out += l
            out.append(0x0A)
        }
        return (JSONLinesReader.read(out, source: "POST"), document == nil)
    }

    /// Why `o` is not an `ArticleInput` of the OpenAPI document (nil: it is one).
    static func violation(_ o: Any) -> String? {
        guard let d = o as? [String: Any] else { return "an article must be a JSON object with a \"text\" string" }
        guard let text = d["text"] as? String else { return "\"text\" must be a string" }
        guard hasContent(text) else { return "\"text\" is empty (or only spaces)" }
        if let id = d["id"], !(id is NSNull), !(id is String), !isWholeNumber(id) {
            return "\"id\" must be a string, a whole number of at most 15 digits (larger ones as strings) or null"
        }
        if let id = d["id"] as? String, !hasContent(id) { return "\"id\" is empty (or only spaces); give an id of its own, or none" }
        for field in ["url", "title", "published", "outlet", "author"] {
            if let v = d[field], !(v is NSNull), !(v is String) { return "\"\(field)\" must be a string or null" }
        }
        return nil
    }

    /// Characters that do not count as content: Unicode's White_Space, as the document's pattern
    /// for `text` and `id` lists them (and as the reader skips an article with nothing else).
    static let blank: Set<Unicode.Scalar> = Set(
        [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000].compactMap(Unicode.Scalar.init)
            + (0x2000...0x200A).compactMap(Unicode.Scalar.init))

    static func hasContent(_ s: String) -> Bool { s.unicodeScalars.contains { !blank.contains($0) } }

    /// A JSON number without a fraction (not true or false, which Foundation also reads as numbers).
    static func isWholeNumber(_ v: Any) -> Bool {
        guard let n = v as? NSNumber else { return false }
        if String(cString: n.objCType) == "c" { return false }
        return isWholeID(n.doubleValue)
    }

    /// A number that may be an id: whole, and of at most 15 digits (beyond, a number may not survive
    /// JSON readers exactly: such ids go as strings).
    static func isWholeID(_ x: Double) -> Bool { x.isFinite && x == x.rounded() && abs(x) <= 999_999_999_999_999 }

    /// One object as a JSON line, with an id made from its text when it has none.
    static func line(_ o: Any) -> [UInt8] {
        guard var d = o as? [String: Any] else { return Array("[]".utf8) }
        if d["id"] == nil || d["id"] is NSNull, let text = d["text"] as? String {
            d["id"] = "post-" + String(hashBytes(text.utf8), radix: 16)
        }
        return Array((try? JSONSerialization.data(withJSONObject: d)) ?? Data("{}".utf8))
    }
}
