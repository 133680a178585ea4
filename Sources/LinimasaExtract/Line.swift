import LinimasaText

/// One line of a scraped page's text, with the views the cleaner reasons on.
struct Line {
    /// As in the input, trimmed.
    var raw: String
    /// HTML tags removed, white space collapsed.
    var plain: String
    /// Lower-cased `plain`.
    var lower: String
    var words: Int
    var hadTags: Bool
    /// `href` targets found in the line's markup.
    var links: [String]

    init(_ raw: Substring) {
        let (plain, trimmed, hadTags, links) = Line.clean(raw)
        self.raw = trimmed
        self.plain = plain
        self.lower = String(decoding: plain.utf8.map { UTF8Class.isUpper($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
        var words = 0
        var inWord = false
        for b in plain.utf8 {
            if b == 0x20 { inWord = false } else if !inWord { inWord = true; words += 1 }
        }
        self.words = words
        self.hadTags = hadTags
        self.links = links
    }

    var isBlank: Bool { plain.isEmpty }

    /// Ends like a sentence: `.`, `!`, `?`, or a closing quote/bracket after one.
    var endsLikeSentence: Bool {
        guard let l = Substring(plain).droppingLast(while: { "\"”’')*".contains($0) }).last else { return false }
        return l == "." || l == "!" || l == "?" || l == "…"
    }

    /// Trims the line, removes `<...>` tags and collapses runs of white space (NBSP included), over bytes.
    static func clean(_ s: Substring) -> (plain: String, trimmed: String, hadTags: Bool, links: [String]) {
        let bytes = Array(s.utf8)
        var lo = 0
        var hi = bytes.count
        func spaceAt(_ k: Int) -> Int {  // length of a space sequence at k, 0 if none
            let b = bytes[k]
            if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0B || b == 0x0C { return 1 }
            if b == 0xC2, k + 1 < bytes.count, bytes[k + 1] == 0xA0 { return 2 }
            return 0
        }
        while lo < hi, spaceAt(lo) > 0 { lo += spaceAt(lo) }
        while hi > lo {
            if spaceAt(hi - 1) > 0 { hi -= 1 } else if hi - 2 >= lo, bytes[hi - 2] == 0xC2, bytes[hi - 1] == 0xA0 { hi -= 2 } else { break }
        }
        let trimmed = String(decoding: bytes[lo..<hi], as: UTF8.self)
        var out: [UInt8] = []
        out.reserveCapacity(hi - lo)
        var hadTags = false
        var links: [String] = []
        var k = lo
        var lastSpace = true
        while k < hi {
            let b = bytes[k]
            if b == UInt8(ascii: "<"), let close = bytes[k..<hi].firstIndex(of: UInt8(ascii: ">")), isTag(bytes[(k + 1)..<close]) {
                hadTags = true
                if let link = href(bytes[k...close]) { links.append(link) }
                k = close + 1
                continue
            }
            let sp = spaceAt(k)
            if sp > 0 {
                if !lastSpace { out.append(0x20) }
                lastSpace = true
                k += sp
                continue
            }
            out.append(b)
            lastSpace = false
            k += 1
        }
        if out.last == 0x20 { out.removeLast() }
        return (String(decoding: out, as: UTF8.self), trimmed, hadTags, links)
    }

    /// The `href` target of a tag, if any.
    static func href(_ tag: ArraySlice<UInt8>) -> String? {
        let key = Array("href=".utf8)
        guard tag.count > key.count + 2 else { return nil }
        var i = tag.startIndex
        while i + key.count < tag.endIndex {
            if tag[i..<(i + key.count)].elementsEqual(key) {
                var j = i + key.count
                let q = tag[j]
                guard q == UInt8(ascii: "'") || q == UInt8(ascii: "\"") else { return nil }
                j += 1
                guard let e = tag[j...].firstIndex(of: q) else { return nil }
                return String(decoding: tag[j..<e], as: UTF8.self)
            }
            i += 1
        }
        return nil
    }

    /// `a href=…`, `/a`, `br/`, `img src…`: a tag name right after `<`.
    static func isTag(_ inner: ArraySlice<UInt8>) -> Bool {
        var t = inner
        if t.first == UInt8(ascii: "/") { t = t.dropFirst() }
        guard let f = t.first, UTF8Class.isASCIILetter(f) else { return false }
        let name = t.prefix { UTF8Class.isASCIILetter($0) || UTF8Class.isDigit($0) }
        return name.count <= 10 && inner.count < 400
    }
}

extension Substring {
    /// The substring without its trailing characters for which `drop` holds. Costs what it drops:
    /// `dropLast()` in a loop measured the whole string each time (80 KB of `"` took 43 s).
    func droppingLast(while drop: (Character) -> Bool) -> Substring {
        var end = endIndex
        while end > startIndex {
            let before = index(before: end)
            if !drop(self[before]) { break }
            end = before
        }
        return self[startIndex..<end]
    }
}
