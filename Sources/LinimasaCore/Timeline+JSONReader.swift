extension EntitySummary {
    /// A list of entities from the JSON `compactJSON(_:)` writes (any key order and white space),
    /// read over its bytes; nil for anything else (the caller then asks `JSONDecoder`). A store
    /// reads every kept story's entities back at each regrouping: `JSONDecoder` spent a tenth of
    /// an increment on a collection of 100,000 articles doing it.
    public static func list(compactJSON text: String) -> [EntitySummary]? {
        JSONByteReader.whole(text) { $0.items { $0.entity() } }.value
    }

    /// One entity, as `list(compactJSON:)` reads a list of them.
    public static func read(compactJSON text: String) -> EntitySummary? {
        JSONByteReader.whole(text) { $0.entity() }.value
    }
}

/// Reads the few JSON shapes the store writes, strictly: a byte out of place gives nil.
struct JSONByteReader {
    let b: UnsafeBufferPointer<UInt8>
    var i = 0
    /// Whether everything read so far is byte for byte what `JSONBytes` writes for it: no white
    /// space, objects' keys in the order given (sorted), no escape it would not write, integers
    /// without leading zeros. Such bytes can be copied where the writer would write the value.
    var canonical = true
    init(_ b: UnsafeBufferPointer<UInt8>) { self.b = b }

    mutating func space() {
        while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 {
            i += 1
            canonical = false
        }
    }

    mutating func take(_ c: UInt8) -> Bool {
        space()
        guard i < b.count, b[i] == c else { return false }
        i += 1
        return true
    }

    /// `[ item, item ]` with `item` reading one element.
    mutating func list(_ item: (inout JSONByteReader) -> Bool) -> Bool {
        guard take(UInt8(ascii: "[")) else { return false }
        if take(UInt8(ascii: "]")) { return true }
        repeat {
            guard item(&self) else { return false }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "]"))
    }

    mutating func strings() -> [String]? {
        var out: [String] = []
        return list { r in
            guard let s = r.string() else { return false }
            out.append(s)
            return true
        } ? out : nil
    }

    mutating func int() -> Int? {
        space()
        var negative = false
        if i < b.count, b[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
        var v = 0
        let start = i
        if i + 1 < b.count, b[i] == 0x30, b[i + 1] >= 0x30, b[i + 1] <= 0x39 { canonical = false }
        while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int(b[i] - 0x30))
            guard !o1, !o2 else { return nil }
            v = s
            i += 1
        }
        if negative && v == 0 { canonical = false }
        return i > start ? (negative ? -v : v) : nil
    }

    mutating func string() -> String? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = i
        // The usual case: no escapes, the bytes as they are.
        while i < b.count, b[i] != UInt8(ascii: "\""), b[i] != UInt8(ascii: "\\"), b[i] >= 0x20 { i += 1 }
        guard i < b.count else { return nil }
        if b[i] == UInt8(ascii: "\"") {
            defer { i += 1 }
            return Self.text(UnsafeBufferPointer(rebasing: b[start..<i]))
        }
        var bytes = Array(b[start..<i])
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                return bytes.withUnsafeBufferPointer(Self.text)
            }
            guard c >= 0x20 else { return nil }
            guard c == UInt8(ascii: "\\") else {
                bytes.append(c)
                i += 1
                continue
            }
            guard i + 1 < b.count else { return nil }
            let e = b[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(e)
            case UInt8(ascii: "/"):
                bytes.append(e)
                canonical = false
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "u"):
                // The writer escapes only the control characters without a short escape, in
                // lower-case hex.
                let digits = UnsafeBufferPointer(rebasing: b[i..<min(i + 4, b.count)])
                guard var unit = hex4() else { return nil }
                if unit >= 0x20 || [0x08, 0x09, 0x0A, 0x0C, 0x0D].contains(unit) || digits.contains(where: { $0 >= 0x41 && $0 <= 0x46 }) {
                    canonical = false
                }
                if unit >= 0xD800 && unit < 0xDC00 {
                    // A surrogate pair: the low half follows as another \u.
                    guard i + 1 < b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") else { return nil }
                    i += 2
                    guard let low = hex4(), low >= 0xDC00, low < 0xE000 else { return nil }
                    unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(unit) else { return nil }
                UTF8.encode(scalar) { bytes.append($0) }
            default:
                return nil
            }
        }
        return nil
    }

    /// The string of well-formed UTF-8 bytes, nil for others: `String(validating:as:)`'s answer
    /// without its generic path (a metadata look-up a string, a tenth of reading a story page).
    static func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        UTF8Validation.isValid(bytes) ? String(decoding: bytes, as: UTF8.self) : nil
    }

    mutating func hex4() -> UInt32? {
        guard i + 4 <= b.count else { return nil }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = b[i]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            default: return nil
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }

    /// One entity: every key once, each of the seven there.
    mutating func entity() -> EntitySummary? {
        var e = EntitySummary(name: "", kind: "", aliases: [], roles: [], mentions: 0, articles: [], events: [])
        let ok = object(["aliases", "articles", "events", "kind", "mentions", "name", "roles"]) { r, k in
            switch k {
            case 0: r.strings().map { e.aliases = $0 } != nil
            case 1: r.strings().map { e.articles = $0 } != nil
            case 2: r.strings().map { e.events = $0 } != nil
            case 3: r.string().map { e.kind = $0 } != nil
            case 4: r.int().map { e.mentions = $0 } != nil
            case 5: r.string().map { e.name = $0 } != nil
            default: r.strings().map { e.roles = $0 } != nil
            }
        }
        return ok ? e : nil
    }
}

extension Event {
    /// An event from the JSON `compactJSON()` writes (any key order and white space), read over its
    /// bytes; nil for anything else, a key missing or repeated among them (the caller then asks
    /// `JSONDecoder`, which also reads the forms earlier versions stored). A story page reads its
    /// events back from the store: `JSONDecoder` was half of what the server spent on a page.
    public static func read(compactJSON text: String) -> Event? { JSONByteReader.whole(text) { $0.event() }.value }

    /// As `read(compactJSON:)`, and `canonical` says whether `text` is byte for byte what
    /// `compactJSON()` writes for the event read, so that it can be copied in its place.
    public static func read(compactJSON text: String, canonical: inout Bool) -> Event? {
        let (event, exact) = JSONByteReader.whole(text) { $0.event() }
        canonical = exact
        return event
    }
}

extension Story {
    /// A story from the JSON `compactJSON()` writes, as `Event.read(compactJSON:)` reads an event.
    public static func read(compactJSON text: String) -> Story? { JSONByteReader.whole(text) { $0.story() }.value }
}

extension JSONByteReader {
    /// `text` read by `read` as one value with nothing after it but white space (nil otherwise),
    /// and whether its bytes are canonical (false when there is no value).
    static func whole<T>(_ text: String, _ read: (inout JSONByteReader) -> T?) -> (value: T?, canonical: Bool) {
        var text = text
        return text.withUTF8 { b in
            var r = JSONByteReader(b)
            guard let v = read(&r) else { return (nil, false) }
            r.space()
            return r.i == b.count ? (v, r.canonical) : (nil, false)
        }
    }

    /// An object whose keys are exactly `keys`, each once, in any order: `value` reads the value of
    /// the key at the index it is given. Keys are compared as bytes (a key with an escape is no key
    /// of ours).
    mutating func object(_ keys: [StaticString], _ value: (inout JSONByteReader, Int) -> Bool) -> Bool {
        guard take(UInt8(ascii: "{")) else { return false }
        var seen = 0
        var last = -1
        if take(UInt8(ascii: "}")) { return keys.isEmpty }
        repeat {
            guard take(UInt8(ascii: "\"")) else { return false }
            let start = i
            while i < b.count, b[i] != UInt8(ascii: "\""), b[i] != UInt8(ascii: "\\") { i += 1 }
            guard i < b.count, b[i] == UInt8(ascii: "\"") else { return false }
            let key = UnsafeBufferPointer(rebasing: b[start..<i])
            i += 1
            guard take(UInt8(ascii: ":")) else { return false }
            guard
                let k = keys.firstIndex(where: { s in
                    s.utf8CodeUnitCount == key.count && s.withUTF8Buffer { $0.elementsEqual(key) }
                }), seen & (1 << k) == 0
            else { return false }
            seen |= 1 << k
            if k < last { canonical = false }
            last = k
            guard value(&self, k) else { return false }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "}")) && seen == (1 << keys.count) - 1
    }

    /// `literal` as it stands (`null`, `true`, `false`).
    mutating func literal(_ literal: StaticString) -> Bool {
        space()
        let n = literal.utf8CodeUnitCount
        guard i + n <= b.count, literal.withUTF8Buffer({ $0.elementsEqual(UnsafeBufferPointer(rebasing: b[i..<(i + n)])) }) else { return false }
        i += n
        return true
    }

    mutating func bool() -> Bool? { literal("true") ? true : literal("false") ? false : nil }

    /// A string or null: nil when neither, `.some(nil)` for null.
    mutating func optionalString() -> String?? { literal("null") ? .some(nil) : string().map { .some($0) } }

    /// `[ item, item ]`, each read by `item`.
    mutating func items<T>(_ item: (inout JSONByteReader) -> T?) -> [T]? {
        var out: [T] = []
        return list { r in
            guard let x = item(&r) else { return false }
            out.append(x)
            return true
        } ? out : nil
    }

    mutating func quote() -> QuoteRef? {
        var q = QuoteRef(text: "", speaker: nil, verb: nil, direct: false, article: "", outlet: nil)
        let ok = object(["article", "direct", "outlet", "speaker", "text", "verb"]) { r, k in
            switch k {
            case 0: r.string().map { q.article = $0 } != nil
            case 1: r.bool().map { q.direct = $0 } != nil
            case 2: r.optionalString().map { q.outlet = $0 } != nil
            case 3: r.optionalString().map { q.speaker = $0 } != nil
            case 4: r.string().map { q.text = $0 } != nil
            default: r.optionalString().map { q.verb = $0 } != nil
            }
        }
        return ok ? q : nil
    }

    mutating func disagreement() -> Disagreement? {
        var d = Disagreement(about: "", claims: [])
        let ok = object(["about", "claims"]) { r, k in
            k == 0 ? r.string().map { d.about = $0 } != nil : r.items { $0.claim() }.map { d.claims = $0 } != nil
        }
        return ok ? d : nil
    }

    mutating func claim() -> ClaimSide? {
        var c = ClaimSide(value: "", articles: [], outlets: [], sentences: [])
        let ok = object(["articles", "outlets", "sentences", "value"]) { r, k in
            switch k {
            case 0: r.strings().map { c.articles = $0 } != nil
            case 1: r.strings().map { c.outlets = $0 } != nil
            case 2: r.strings().map { c.sentences = $0 } != nil
            default: r.string().map { c.value = $0 } != nil
            }
        }
        return ok ? c : nil
    }

    mutating func sourceUse() -> SourceUse? {
        var u = SourceUse(outlet: "", sources: [])
        let ok = object(["outlet", "sources"]) { r, k in
            k == 0 ? r.string().map { u.outlet = $0 } != nil : r.strings().map { u.sources = $0 } != nil
        }
        return ok ? u : nil
    }

    mutating func report() -> Report? {
        var p = Report(id: "", outlet: nil, published: nil, copyOf: nil)
        let ok = object(["copyOf", "id", "outlet", "published"]) { r, k in
            switch k {
            case 0: r.optionalString().map { p.copyOf = $0 } != nil
            case 1: r.string().map { p.id = $0 } != nil
            case 2: r.optionalString().map { p.outlet = $0 } != nil
            default: r.optionalString().map { p.published = $0 } != nil
            }
        }
        return ok ? p : nil
    }

    mutating func event() -> Event? {
        var e = Event(
            id: "", date: nil, granularity: .day, dateSource: nil, title: "", summary: [], articles: [], reports: [], outlets: [],
            duplicates: [], mentions: 0)
        let keys: [StaticString] = [
            "articles", "date", "dateSource", "disagreements", "duplicates", "entities", "granularity", "id", "mentions", "outlets",
            "quotes", "reports", "sources", "summary", "title",
        ]
        let ok = object(keys) { r, k in
            switch k {
            case 0: r.strings().map { e.articles = $0 } != nil
            case 1: r.optionalString().map { e.date = $0 } != nil
            case 2: r.optionalString().map { e.dateSource = $0 } != nil
            case 3: r.items { $0.disagreement() }.map { e.disagreements = $0 } != nil
            case 4: r.items { $0.strings() }.map { e.duplicates = $0 } != nil
            case 5: r.strings().map { e.entities = $0 } != nil
            case 6: r.string().flatMap(Granularity.init(rawValue:)).map { e.granularity = $0 } != nil
            case 7: r.string().map { e.id = $0 } != nil
            case 8: r.int().map { e.mentions = $0 } != nil
            case 9: r.strings().map { e.outlets = $0 } != nil
            case 10: r.items { $0.quote() }.map { e.quotes = $0 } != nil
            case 11: r.items { $0.report() }.map { e.reports = $0 } != nil
            case 12: r.strings().map { e.sources = $0 } != nil
            case 13: r.strings().map { e.summary = $0 } != nil
            default: r.string().map { e.title = $0 } != nil
            }
        }
        return ok ? e : nil
    }

    mutating func story() -> Story? {
        var s = Story(id: "", title: "", keywords: [], articles: [], events: [])
        let keys: [StaticString] = ["articles", "disagreements", "entities", "events", "id", "keywords", "quotes", "sources", "title"]
        let ok = object(keys) { r, k in
            switch k {
            case 0: r.strings().map { s.articles = $0 } != nil
            case 1: r.items { $0.disagreement() }.map { s.disagreements = $0 } != nil
            case 2: r.items { $0.entity() }.map { s.entities = $0 } != nil
            case 3: r.items { $0.event() }.map { s.events = $0 } != nil
            case 4: r.string().map { s.id = $0 } != nil
            case 5: r.strings().map { s.keywords = $0 } != nil
            case 6: r.items { $0.quote() }.map { s.quotes = $0 } != nil
            case 7: r.items { $0.sourceUse() }.map { s.sources = $0 } != nil
            default: r.string().map { s.title = $0 } != nil
            }
        }
        return ok ? s : nil
    }
}
