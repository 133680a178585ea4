import LinimasaCore
import LinimasaGroup
import LinimasaText

/// The builder's digests, each kept as bytes (the encoding of `PreparedArticle.binary()`: varints and
/// length-prefixed UTF-8) laid end to end in chunks, and read back when a story is summarised.
///
/// A million digests as Swift values took 2.9 KB an article (a string or an array is an allocation
/// with its header, and a quote is four of them); as bytes they take what their text takes. Chunks of
/// a fixed size, never one growing array: an array doubling its storage would hold the old and the
/// new copy at once, which is the peak this saves. A quote, a claim's sentence or the sentence that
/// gives the day is often a piece of the lead: then it is kept as where it stands in the lead.
struct DigestArena {
    let chunkSize: Int
    private var chunks: [[UInt8]] = []
    /// Where each digest starts: chunk number in the high 24 bits, offset in the low 40.
    private var starts: [UInt64] = []

    var count: Int { starts.count }

    /// `chunkSize`: bytes a chunk holds (a digest longer than that gets a chunk of its own).
    init(chunkSize: Int = 1 << 22) { self.chunkSize = chunkSize }

    /// Keeps `d` (its `entities` already packed into `packed`). The article's id is not kept: it is
    /// the profile's, and `digest(_:id:)` is given it back.
    mutating func append(_ d: ArticleDigest) {
        let w = BinaryWriter()
        w.optional(d.ref.outlet, w.string)
        w.optional(d.ref.title, w.string)
        w.optional(d.ref.published, w.string)
        w.byte(d.language == .en ? 1 : 0)
        w.array(d.packed.fields) { w.int(Int($0)) }
        w.array(d.packed.names) { w.int(Int($0)) }
        w.array(d.packed.roles) { w.int(Int($0)) }
        w.string(d.leadText)
        w.array(d.mentionedDays) { w.int(Int($0)) }
        w.array(d.sources, w.string)
        w.array(d.quotes) { q in
            Self.write(q.text, lead: d.leadText, w)
            w.optional(q.speaker, w.string)
            w.optional(q.verb, w.string)
            w.int(q.start)
            w.int(q.end)
            w.byte(q.direct ? 1 : 0)
        }
        w.array(d.claims) { c in
            w.string(c.about)
            w.string(c.value)
            Self.write(c.sentence, lead: d.leadText, w)
        }
        w.optional(d.dateSentence) { Self.write($0, lead: d.leadText, w) }
        if chunks.isEmpty || chunks[chunks.count - 1].count + w.bytes.count > chunkSize {
            var chunk: [UInt8] = []
            chunk.reserveCapacity(max(chunkSize, w.bytes.count))
            chunks.append(chunk)
        }
        let c = chunks.count - 1
        starts.append(UInt64(c) << 40 | UInt64(chunks[c].count))
        chunks[c] += w.bytes
    }

    /// A text as its bytes (length × 2) or, when the lead holds it, as where it stands there
    /// (offset × 2 + 1, then its length).
    private static func write(_ text: String, lead: String, _ w: BinaryWriter) {
        if text.utf8.count >= 8, let at = lead.firstByteOffset(of: text) {
            w.uint(UInt64(at) << 1 | 1)
            w.uint(UInt64(text.utf8.count))
        } else {
            w.uint(UInt64(text.utf8.count) << 1)
            w.bytes += text.utf8
        }
    }

    /// What `write` wrote; `lead` is where the lead's bytes start in the reader.
    private static func text(_ r: BinaryReader, lead: Int) throws -> String {
        let n = try r.uint()
        if n & 1 == 1 {
            let at = lead + Int(n >> 1)
            let count = Int(try r.uint())
            guard at + count <= r.i else { throw BinaryReader.Failure.value }
            return String(decoding: r.bytes[at..<(at + count)], as: UTF8.self)
        }
        let count = Int(n >> 1)
        guard count <= r.bytes.count - r.i else { throw BinaryReader.Failure.truncated }
        defer { r.i += count }
        return String(decoding: r.bytes[r.i..<(r.i + count)], as: UTF8.self)
    }

    private func reader(_ i: Int) -> BinaryReader {
        let s = starts[i]
        let r = BinaryReader(chunks[Int(s >> 40)])
        r.i = Int(s & 0xFF_FFFF_FFFF)
        return r
    }

    /// The article's reference (id, outlet, title, publication time).
    func ref(_ i: Int, id: String) -> ArticleRef {
        let r = reader(i)
        // The bytes are this arena's own writing: a failure here is a bug, not bad input.
        return try! Self.ref(r, id: id)
    }

    /// The article's language and its packed entities, for name vectors.
    func names(_ i: Int) -> (language: Language, packed: PackedEntities) {
        let r = reader(i)
        return try! Self.names(r, skippingRef: true)
    }

    /// The whole digest.
    func digest(_ i: Int, id: String) -> ArticleDigest {
        let r = reader(i)
        return try! {
            let ref = try Self.ref(r, id: id)
            let (language, packed) = try Self.names(r, skippingRef: false)
            let lead = try r.string()
            let at = r.i - lead.utf8.count
            let days = try r.array { Int32(truncatingIfNeeded: try r.int()) }
            let sources = try r.array(r.string)
            let quotes = try r.array { () throws -> Quote in
                Quote(
                    text: try Self.text(r, lead: at), speaker: try r.optional(r.string), verb: try r.optional(r.string), start: try r.int(), end: try r.int(),
                    direct: try r.byte() == 1)
            }
            let claims = try r.array { Claim(about: try r.string(), value: try r.string(), sentence: try Self.text(r, lead: at)) }
            let dateSentence = try r.optional { try Self.text(r, lead: at) }
            var d = ArticleDigest(
                ref: ref, language: language, leadText: lead, mentionedDays: days, sources: sources, entities: [], quotes: quotes,
                claims: claims, dateSentence: dateSentence)
            d.packed = packed
            return d
        }()
    }

    private static func ref(_ r: BinaryReader, id: String) throws -> ArticleRef {
        ArticleRef(id: id, outlet: try r.optional(r.string), title: try r.optional(r.string), published: try r.optional(r.string))
    }

    private static func names(_ r: BinaryReader, skippingRef: Bool) throws -> (Language, PackedEntities) {
        if skippingRef { for _ in 0..<3 { if try r.byte() == 1 { r.i += try r.count() } } }
        let language: Language = try r.byte() == 1 ? .en : .id
        var p = PackedEntities()
        p.fields = try r.array { Int32(truncatingIfNeeded: try r.int()) }
        p.names = try r.array { Int32(truncatingIfNeeded: try r.int()) }
        p.roles = try r.array { Int32(truncatingIfNeeded: try r.int()) }
        return (language, p)
    }
}
