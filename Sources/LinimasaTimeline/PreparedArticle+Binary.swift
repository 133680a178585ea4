import LinimasaCore
import LinimasaGroup
import LinimasaText

/// A compact binary form of `PreparedArticle` for stores: a version byte, then the fields in a fixed
/// order (variable-length integers, length-prefixed UTF-8, floats as their bits). Reading a hundred
/// thousand of these is several times faster than JSON, which is what a regroup spends first.
extension PreparedArticle {
    static let binaryVersion: UInt8 = 3

    public func binary() -> [UInt8] {
        let w = BinaryWriter()
        w.byte(Self.binaryVersion)
        let p = profile
        w.string(p.id)
        w.optional(p.outlet, w.string)
        w.optional(p.published) { w.int($0) }
        w.optional(p.publishedValue, w.string)
        w.int(p.eventDay.day)
        w.byte(p.eventDay.source == .text ? 0 : 1)
        w.array(p.partialHints) { w.int($0) }
        w.uint(UInt64(p.otherDays))
        w.array(p.terms.keys) { w.uint(UInt64($0)) }
        for x in p.terms.weights { w.float(x) }
        w.array(p.signature) { w.uint(UInt64($0)) }
        let d = digest
        w.string(d.ref.id)
        w.optional(d.ref.outlet, w.string)
        w.optional(d.ref.title, w.string)
        w.optional(d.ref.published, w.string)
        w.string(d.language.rawValue)
        w.string(d.leadText)
        w.array(d.mentionedDays) { w.int(Int($0)) }
        w.array(d.sources, w.string)
        w.array(d.entities) { e in
            w.string(e.canonical)
            w.string(e.kind)
            w.array(e.names.sorted { $0.key < $1.key }) { n in
                w.string(n.key)
                w.int(n.value)
            }
            w.array(e.roles, w.string)
            w.int(e.mentions)
        }
        w.array(d.quotes) { q in
            w.string(q.text)
            w.optional(q.speaker, w.string)
            w.optional(q.verb, w.string)
            w.int(q.start)
            w.int(q.end)
            w.byte(q.direct ? 1 : 0)
        }
        w.array(d.claims) { c in
            w.string(c.about)
            w.string(c.value)
            w.string(c.sentence)
        }
        w.optional(d.dateSentence, w.string)
        return w.bytes
    }

    public init(binary bytes: [UInt8]) throws {
        let r = BinaryReader(bytes)
        guard try r.byte() == Self.binaryVersion else { throw BinaryReader.Failure.version }
        let id = try r.string()
        let outlet = try r.optional(r.string)
        let published = try r.optional(r.int)
        let publishedValue = try r.optional(r.string)
        let day = try r.int()
        let source: EventDay.Source = try r.byte() == 0 ? .text : .published
        let hints = try r.array(r.int)
        let others = UInt16(truncatingIfNeeded: try r.uint())
        let keys = try r.array { UInt32(truncatingIfNeeded: try r.uint()) }
        var weights: [Float] = []
        weights.reserveCapacity(keys.count)
        for _ in keys { weights.append(try r.float()) }
        let signature = try r.array { UInt16(truncatingIfNeeded: try r.uint()) }
        let profile = ArticleProfile(
            id: id, outlet: outlet, published: published, publishedValue: publishedValue, eventDay: EventDay(day: day, source: source),
            partialHints: hints, otherDays: others, terms: TermVector(keys: keys, weights: weights), signature: signature)
        let ref = ArticleRef(id: try r.string(), outlet: try r.optional(r.string), title: try r.optional(r.string), published: try r.optional(r.string))
        guard let language = Language(rawValue: try r.string()) else { throw BinaryReader.Failure.value }
        let lead = try r.string()
        let days = try r.array { Int32(truncatingIfNeeded: try r.int()) }
        let sources = try r.array(r.string)
        let entities = try r.array { () throws -> DigestEntity in
            let canonical = try r.string()
            let kind = try r.string()
            var names: [String: Int] = [:]
            for _ in 0..<(try r.count()) { names[try r.string()] = try r.int() }
            return DigestEntity(canonical: canonical, kind: kind, names: names, roles: try r.array(r.string), mentions: try r.int())
        }
        let quotes = try r.array { () throws -> Quote in
            Quote(
                text: try r.string(), speaker: try r.optional(r.string), verb: try r.optional(r.string), start: try r.int(), end: try r.int(),
                direct: try r.byte() == 1)
        }
        let claims = try r.array { Claim(about: try r.string(), value: try r.string(), sentence: try r.string()) }
        let dateSentence = try r.optional(r.string)
        guard r.atEnd else { throw BinaryReader.Failure.value }
        self.init(
            profile: profile,
            digest: ArticleDigest(
                ref: ref, language: language, leadText: lead, mentionedDays: days, sources: sources, entities: entities, quotes: quotes,
                claims: claims, dateSentence: dateSentence))
    }
}

final class BinaryWriter {
    var bytes: [UInt8] = []
    func byte(_ b: UInt8) { bytes.append(b) }
    func uint(_ v: UInt64) {
        var v = v
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }
    /// Zigzag, so small negative numbers stay short.
    func int(_ v: Int) { uint(UInt64(bitPattern: Int64((v << 1) ^ (v >> 63)))) }
    func float(_ f: Float) {
        let b = f.bitPattern
        bytes += [UInt8(b & 0xFF), UInt8((b >> 8) & 0xFF), UInt8((b >> 16) & 0xFF), UInt8(b >> 24)]
    }
    func string(_ s: String) {
        uint(UInt64(s.utf8.count))
        bytes += s.utf8
    }
    func optional<T>(_ v: T?, _ body: (T) -> Void) {
        if let v {
            byte(1)
            body(v)
        } else {
            byte(0)
        }
    }
    func array<T>(_ a: [T], _ body: (T) -> Void) {
        uint(UInt64(a.count))
        for x in a { body(x) }
    }
}

final class BinaryReader {
    enum Failure: Error { case truncated, version, value }
    let bytes: [UInt8]
    var i = 0
    init(_ b: [UInt8]) { bytes = b }
    var atEnd: Bool { i == bytes.count }

    func byte() throws -> UInt8 {
        guard i < bytes.count else { throw Failure.truncated }
        i += 1
        return bytes[i - 1]
    }
    func uint() throws -> UInt64 {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            guard shift < 64 else { throw Failure.value }
            v |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return v }
            shift += 7
        }
    }
    func int() throws -> Int {
        let u = try uint()
        return Int(Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1))))
    }
    func count() throws -> Int {
        let n = try uint()
        guard n <= UInt64(bytes.count - i) else { throw Failure.truncated }  // every element takes at least a byte
        return Int(n)
    }
    func float() throws -> Float {
        guard i + 4 <= bytes.count else { throw Failure.truncated }
        let b = UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24
        i += 4
        return Float(bitPattern: b)
    }
    func string() throws -> String {
        let n = try count()
        defer { i += n }
        return String(decoding: bytes[i..<(i + n)], as: UTF8.self)
    }
    func optional<T>(_ body: () throws -> T) throws -> T? { try byte() == 1 ? try body() : nil }
    func array<T>(_ body: () throws -> T) throws -> [T] {
        let n = try count()
        var out: [T] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try body()) }
        return out
    }
}
