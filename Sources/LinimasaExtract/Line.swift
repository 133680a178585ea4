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

    init(_ raw: String) {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        self.raw = trimmed
        let (plain, hadTags, links) = Line.stripTags(trimmed)
        self.plain = plain
        self.lower = plain.lowercased()
        self.words = plain.split(separator: " ").count
        self.hadTags = hadTags
        self.links = links
    }

    var isBlank: Bool { plain.isEmpty }

    /// Ends like a sentence: `.`, `!`, `?`, or a closing quote/bracket after one.
    var endsLikeSentence: Bool {
        var s = Substring(plain)
        while let l = s.last, "\"”’')*".contains(l) { s = s.dropLast() }
        guard let l = s.last else { return false }
        return l == "." || l == "!" || l == "?" || l == "…"
    }

    /// Removes `<...>` tags (when the line has any), collapses runs of white space.
    static func stripTags(_ s: String) -> (String, Bool, [String]) {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var hadTags = false
        var links: [String] = []
        var i = s.startIndex
        var lastSpace = true
        while i < s.endIndex {
            let c = s[i]
            if c == "<", let close = s[i...].firstIndex(of: ">"), isTag(s[s.index(after: i)..<close]) {
                hadTags = true
                let tag = s[i...close]
                if let h = tag.firstRange(of: "href=") {
                    var j = h.upperBound
                    if j < tag.endIndex, tag[j] == "'" || tag[j] == "\"" {
                        let q = tag[j]
                        j = tag.index(after: j)
                        if let e = tag[j...].firstIndex(of: q) { links.append(String(tag[j..<e])) }
                    }
                }
                i = s.index(after: close)
                continue
            }
            if c.isWhitespace {
                if !lastSpace { out.append(" ") }
                lastSpace = true
            } else {
                out.append(c)
                lastSpace = false
            }
            i = s.index(after: i)
        }
        if out.last == " " { out.removeLast() }
        return (out, hadTags, links)
    }

    /// `a href=…`, `/a`, `br/`, `img src…`: a tag name right after `<`.
    static func isTag(_ inner: Substring) -> Bool {
        var t = inner
        if t.first == "/" { t = t.dropFirst() }
        guard let f = t.first, f.isASCII, f.isLetter else { return false }
        let name = t.prefix { $0.isLetter || $0.isNumber }
        return name.count <= 10 && inner.count < 400
    }
}
