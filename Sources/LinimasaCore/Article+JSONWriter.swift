/// An article as one line of JSON, written straight into bytes: what `JSONEncoder` with sorted keys
/// and unescaped slashes writes for it, byte for byte (`ArticleJSONTests` holds the two together),
/// without the encoder's tree of boxed values, which cost `analyze` an eighth of its time.
extension Article {
    public func compactJSON() -> String { String(decoding: compactJSONBytes(), as: UTF8.self) }

    /// `compactJSON()`'s bytes, for a caller that writes or lays them out as bytes.
    public func compactJSONBytes() -> [UInt8] {
        let w = JSONBytes()
        w.bytes.reserveCapacity(4096 + body.reduce(0) { $0 + $1.utf8.count } * 3)
        w.object {
            w.key("author"); w.optional(author)
            w.key("body"); w.array(body) { w.string($0) }
            w.key("citations"); w.array(citations) { c in w.object { w.key("outlet"); w.string(c.outlet); w.key("phrase"); w.string(c.phrase) } }
            w.key("dateline"); w.optional(dateline)
            w.key("entities")
            w.array(entities) { e in
                w.object {
                    w.key("aliases"); w.array(e.aliases) { w.string($0) }
                    w.key("canonical"); w.string(e.canonical)
                    w.key("kind"); w.string(e.kind)
                    w.key("mentions"); w.array(e.mentions) { w.span($0) }
                    w.key("name"); w.string(e.name)
                    w.key("roles"); w.array(e.roles) { w.string($0) }
                }
            }
            w.key("id"); w.string(id)
            w.key("language"); w.string(language.rawValue)
            w.key("notes"); w.array(notes) { w.string($0) }
            w.key("outlet"); w.optional(outlet)
            w.key("published")
            w.object {
                w.key("bound"); w.optional(published.bound)
                w.key("evidence"); w.optional(published.evidence)
                w.key("method"); w.string(published.method.rawValue)
                w.key("value"); w.optional(published.value)
            }
            w.key("quotes")
            w.array(quotes) { q in
                w.object {
                    w.key("direct"); w.raw(q.direct ? "true" : "false")
                    w.key("end"); w.int(q.end)
                    w.key("speaker"); w.optional(q.speaker)
                    w.key("start"); w.int(q.start)
                    w.key("text"); w.string(q.text)
                    w.key("verb"); w.optional(q.verb)
                }
            }
            w.key("removed"); w.array(removed) { r in w.object { w.key("reason"); w.string(r.reason.rawValue); w.key("text"); w.string(r.text) } }
            w.key("sentences"); w.array(sentences) { w.span($0) }
            w.key("source"); w.string(source)
            w.key("times")
            w.array(times) { t in
                w.object {
                    w.key("end"); w.int(t.end)
                    w.key("granularity"); w.string(t.granularity.rawValue)
                    w.key("start"); w.int(t.start)
                    w.key("text"); w.string(t.text)
                    w.key("value"); w.string(t.value)
                }
            }
            w.key("title"); w.optional(title)
        }
        return w.bytes
    }
}

/// Compact JSON into bytes, escaped as `JSONEncoder` escapes: `"` and `\`, the control characters
/// (`\b \t \n \f \r`, the others as `\u00xx`), nothing else. A class: the nested writers
/// (closures) add to one buffer. Keys are written in the order given: callers give them sorted.
public final class JSONBytes {
    /// Unchecked: a writer is one thread's and no access to it overlaps another, and the dynamic
    /// exclusivity checks its appends paid were about a twentieth of the server's time on story pages.
    @exclusivity(unchecked) public var bytes: [UInt8] = []
    @exclusivity(unchecked) private var first = true

    public func raw(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
        first = false
    }

    /// A value already written as JSON by a writer like this one, copied as it is.
    public func written(_ json: String) {
        var json = json
        json.withUTF8 { bytes.append(contentsOf: $0) }
        first = false
    }

    public func comma() {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
    }

    public func object(_ body: () -> Void) {
        bytes.append(UInt8(ascii: "{"))
        first = true
        body()
        bytes.append(UInt8(ascii: "}"))
        first = false
    }

    public func array<S: Sequence>(_ items: S, _ each: (S.Element) -> Void) {
        bytes.append(UInt8(ascii: "["))
        first = true
        for x in items {
            comma()
            first = true
            each(x)
        }
        bytes.append(UInt8(ascii: "]"))
        first = false
    }

    /// A key and its colon; the value follows.
    public func key(_ k: StaticString) {
        comma()
        bytes.append(UInt8(ascii: "\""))
        k.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        first = true
    }

    public func int(_ v: Int) {
        // The digits written from the last, into a buffer on the stack: no string an integer.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: a sign and 19 digits fit
        withUnsafeMutableBytes(of: &digits) { d in
            var n = v.magnitude
            var at = d.count
            repeat {
                at -= 1
                d[at] = UInt8(ascii: "0") + UInt8(n % 10)
                n /= 10
            } while n > 0
            if v < 0 {
                at -= 1
                d[at] = UInt8(ascii: "-")
            }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: d[at...]))
        }
        first = false
    }

    public func optional(_ s: String?) {
        if let s { string(s) } else { raw("null") }
    }

    public func span(_ s: TextSpan) {
        object {
            key("end"); int(s.end)
            key("start"); int(s.start)
            key("text"); string(s.text)
        }
    }

    public init() {}

    public func bool(_ v: Bool) { if v { raw("true") } else { raw("false") } }

    public func strings(_ items: [String]) { array(items) { string($0) } }

    static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    public func string(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { u in
            var start = 0
            for i in 0..<u.count {
                let c = u[i]
                guard c < 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<i]))
                bytes.append(UInt8(ascii: "\\"))
                switch c {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(c)
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                default: bytes.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, Self.hex[Int(c >> 4)], Self.hex[Int(c & 15)]])
                }
                start = i + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<u.count]))
        }
        bytes.append(UInt8(ascii: "\""))
        first = false
    }
}

extension JSONBytes {
    /// `compact` (JSON with no space outside its strings, as `JSONEncoder` and `JSONBytes` write it)
    /// laid out as `JSONEncoder` lays it out with `.prettyPrinted`: a line a member or element,
    /// indented two spaces a level, `" : "` between a key and its value, an empty array or object as
    /// its brackets around an empty line; every line that is not empty indented `indent` spaces more.
    /// Strings are copied as they are (escapes included), so the bytes are the encoder's.
    public static func prettyPrinted(_ compact: [UInt8], indent: Int = 0) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(compact.count * 2 + indent)
        var level = 0
        func newline() {
            out.append(0x0A)
            for _ in 0..<(indent + 2 * level) { out.append(0x20) }
        }
        for _ in 0..<indent { out.append(0x20) }
        var i = 0
        var inString = false
        while i < compact.count {
            let b = compact[i]
            if inString {
                out.append(b)
                if b == UInt8(ascii: "\\"), i + 1 < compact.count {
                    out.append(compact[i + 1])
                    i += 1
                } else if b == UInt8(ascii: "\"") {
                    inString = false
                }
                i += 1
                continue
            }
            switch b {
            case UInt8(ascii: "\""):
                inString = true
                out.append(b)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                out.append(b)
                let close = b == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if i + 1 < compact.count && compact[i + 1] == close {
                    out.append(0x0A)
                    newline()
                    out.append(close)
                    i += 1
                } else {
                    level += 1
                    newline()
                }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                level -= 1
                newline()
                out.append(b)
            case UInt8(ascii: ","):
                out.append(b)
                newline()
            case UInt8(ascii: ":"):
                out.append(0x20)
                out.append(b)
                out.append(0x20)
            default:
                out.append(b)
            }
            i += 1
        }
        return out
    }
}
