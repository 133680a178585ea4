extension EntitySummary {
    /// A list of entities from the JSON `compactJSON(_:)` writes (any key order and white space),
    /// read over its bytes; nil for anything else (the caller then asks `JSONDecoder`). A store
    /// reads every kept story's entities back at each regrouping: `JSONDecoder` spent a tenth of
    /// an increment on a collection of 100,000 articles doing it.
    public static func list(compactJSON text: String) -> [EntitySummary]? {
        var text = text
        return text.withUTF8 { b in
            var r = JSONByteReader(b)
            return r.entities()
        }
    }
}

/// Reads the few JSON shapes the store writes, strictly: a byte out of place gives nil.
struct JSONByteReader {
    let b: UnsafeBufferPointer<UInt8>
    var i = 0
    init(_ b: UnsafeBufferPointer<UInt8>) { self.b = b }

    mutating func space() {
        while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
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
        while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int(b[i] - 0x30))
            guard !o1, !o2 else { return nil }
            v = s
            i += 1
        }
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
            return String(validating: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
        }
        var bytes = Array(b[start..<i])
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                return String(validating: bytes, as: UTF8.self)
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
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(e)
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "u"):
                guard var unit = hex4() else { return nil }
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

    mutating func entities() -> [EntitySummary]? {
        var out: [EntitySummary] = []
        let ok = list { r in
            guard let e = r.entity() else { return false }
            out.append(e)
            return true
        }
        space()
        return ok && i == b.count ? out : nil
    }

    /// One entity: every key once, each of the seven there.
    mutating func entity() -> EntitySummary? {
        guard take(UInt8(ascii: "{")) else { return nil }
        var name: String?, kind: String?, mentions: Int?
        var aliases: [String]?, roles: [String]?, articles: [String]?, events: [String]?
        repeat {
            guard let key = string(), take(UInt8(ascii: ":")) else { return nil }
            switch key {
            case "name" where name == nil: name = string()
            case "kind" where kind == nil: kind = string()
            case "mentions" where mentions == nil: mentions = int()
            case "aliases" where aliases == nil: aliases = strings()
            case "roles" where roles == nil: roles = strings()
            case "articles" where articles == nil: articles = strings()
            case "events" where events == nil: events = strings()
            default: return nil
            }
        } while take(UInt8(ascii: ","))
        guard take(UInt8(ascii: "}")), let name, let kind, let mentions, let aliases, let roles, let articles, let events else { return nil }
        return EntitySummary(name: name, kind: kind, aliases: aliases, roles: roles, mentions: mentions, articles: articles, events: events)
    }
}
