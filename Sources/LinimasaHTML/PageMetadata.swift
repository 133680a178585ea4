import Foundation
import LinimasaCore
import LinimasaText

/// What a page says about itself: JSON-LD (a NewsArticle and its kin), OpenGraph and article meta
/// tags, `<time>` elements (the publication times they state weighed against each other: `chosen`),
/// then the URL's own date, the theme's date elements and the weaker signs after them.
struct PageMetadata: Sendable {
    var title: String?
    var author: String?
    var outlet: String?
    var published: String?
    var publishedSource: String?
    /// The text the page shows beside the time it gives (a `<time>` element's own text).
    var publishedShown: String?
    /// The weight of the stated times that agree on the chosen day (`chosen`).
    var publishedWeight = 0.0
    var canonical: String?
    var language: String?

    static let dateWords: [[UInt8]] = ["date", "datum", "time", "publish", "posted", "byline", "author", "timestamp", "tanggal", "waktu", "meta", "fecha", "data"].map { Array($0.utf8) }

    /// The first two bytes of each of `dateWords`, as a table over two bytes.
    static let dateBigrams: [Bool] = {
        var t = [Bool](repeating: false, count: 1 << 16)
        for d in dateWords { t[Int(d[0]) << 8 | Int(d[1])] = true }
        return t
    }()

    static let articleTypes: Set<String> = ["newsarticle", "article", "reportagenewsarticle", "blogposting", "analysisnewsarticle", "webpage", "liveblogposting", "opinionnewsarticle"]

    /// What an element's class, id and itemprop words say of dates: a word "published" or "updated"
    /// (`titled`: hAtom's title holds the date), a word holding one of `dateWords` ("entry-date",
    /// "pubdate", "posted-on"). Words are runs of ASCII letters and digits and of bytes past ASCII,
    /// compared in ASCII lower case, and read where they sit (no string is made: this runs for
    /// every element of every page).
    static func dateMarks(_ n: Node) -> (titled: Bool, namesDate: Bool) {
        var titled = false
        var dated = false
        @inline(__always) func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 0x20 : b }
        func isWordByte(_ b: UInt8) -> Bool { let l = lower(b); return (l >= 0x61 && l <= 0x7A) || (b >= 0x30 && b <= 0x39) || b >= 0x80 }
        func equals(_ w: UnsafeBufferPointer<UInt8>.SubSequence, _ s: StaticString) -> Bool {
            guard w.count == s.utf8CodeUnitCount else { return false }
            var k = 0
            for b in w {
                if lower(b) != s.utf8Start[k] { return false }
                k += 1
            }
            return true
        }
        // Whether a date word starts somewhere in `w`: only where its first two bytes begin one
        // (`dateBigrams`) are the words compared.
        func holdsDateWord(_ w: UnsafeBufferPointer<UInt8>.SubSequence) -> Bool {
            var start = w.startIndex
            while start + 1 < w.endIndex {
                if dateBigrams[Int(lower(w[start])) << 8 | Int(lower(w[start + 1]))] {
                    for d in dateWords where start + d.count <= w.endIndex {
                        var k = 0
                        while k < d.count && lower(w[start + k]) == d[k] { k += 1 }
                        if k == d.count { return true }
                    }
                }
                start += 1
            }
            return false
        }
        func scan(_ bytes: UnsafeBufferPointer<UInt8>) {
            var i = 0
            while i < bytes.count {
                guard isWordByte(bytes[i]) else {
                    i += 1
                    continue
                }
                var j = i
                while j < bytes.count && isWordByte(bytes[j]) { j += 1 }
                let w = bytes[i..<j]
                if !titled && (equals(w, "published") || equals(w, "updated")) { titled = true }
                if !dated && holdsDateWord(w) { dated = true }
                i = j
            }
        }
        n.withAttribute("class", scan)
        n.withAttribute("id", scan)
        n.withAttribute("itemprop", scan)
        return (titled, dated)
    }

    static func read(_ root: Node, url: String?) -> PageMetadata {
        var m = PageMetadata()
        var metas: [String: String] = [:]
        var ldTexts: [String] = []
        var titleTag: String? = nil
        var times: [(String, Bool, String)] = []
        var dateTexts: [String] = []
        // hAtom's <abbr class="published" title="2013-04-04T18:52:11+00:00">.
        var titledDates: [String] = []
        m.language = root.attribute("lang").map { String($0.prefix(2)).lowercased() }
        root.descendants { n in
            if n.isElement("meta") {
                let key = (n.attribute("property") ?? n.attribute("name") ?? n.attribute("itemprop") ?? "").lowercased()
                if !key.isEmpty, let v = n.attribute("content")?.trimmingCharacters(in: .whitespacesAndNewlines), !v.isEmpty, metas[key] == nil {
                    metas[key] = v
                }
            } else if n.isElement("script") {
                if (n.attribute("type") ?? "").lowercased().contains("ld+json") { ldTexts.append(n.allText) }
            } else if n.isElement("title") {
                if titleTag == nil { titleTag = BlockCollector.collapse(n.allText) }
            } else if n.isElement("link") {
                if (n.attribute("rel") ?? "").lowercased() == "canonical", m.canonical == nil { m.canonical = n.attribute("href") }
            } else if n.isElement("time") {
                if let dt = n.attribute("datetime"), !dt.isEmpty {
                    let marked = (n.attribute("itemprop") ?? "").lowercased().containsBytes("datepublished")
                        || (n.attribute("pubdate") != nil) || (n.attribute("class") ?? "").lowercased().containsBytes("publish")
                    times.append((dt, marked, BlockCollector.collapse(n.allText)))
                }
            } else if dateTexts.count < 20 {
                // Elements a theme names for the date ("entry-date", "datum", "posted-on"): their short text.
                let marks = dateMarks(n)
                if marks.titled, let t = n.attribute("title"), t.count >= 10 {
                    titledDates.append(t)
                }
                if marks.namesDate {
                    let t = BlockCollector.collapse(n.allText)
                    if !t.isEmpty, t.utf8.count <= 120 { dateTexts.append(t) }
                }
            }
        }
        // The publication times the page states, in order of trust, each with the weight of where it
        // stands: the day most of the weight agrees on is the page's (`chosen`), so that one source
        // that disagrees with several others does not decide alone.
        var candidates: [Candidate] = []
        var fromJSON = false
        func stated(_ raw: String, _ source: String, _ weight: Double, shown: String? = nil) {
            guard let iso = isoDate(raw) else { return }
            candidates.append(Candidate(iso: iso, source: "\(source) \"\(raw)\"", weight: weight, shown: shown))
        }
        // JSON-LD.
        for text in ldTexts {
            guard let data = text.data(using: .utf8), let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
                // JSON-LD that is not valid JSON (raw line breaks in strings, a trailing comma): its
                // "datePublished" is still read where it stands.
                if !fromJSON, let d = Self.quotedValue(of: "datePublished", in: text), isoDate(d) != nil {
                    stated(d, "JSON-LD datePublished", 3)
                    fromJSON = true
                }
                continue
            }
            for object in articles(in: json) {
                if m.title == nil, let h = object["headline"] as? String { m.title = jsonText(h) }
                if !fromJSON, let d = object["datePublished"] as? String, isoDate(d) != nil {
                    stated(d, "JSON-LD datePublished", 3)
                    fromJSON = true
                }
                if m.author == nil { m.author = name(object["author"]) }
                if m.outlet == nil { m.outlet = name(object["publisher"]) }
                if m.language == nil, let l = object["inLanguage"] as? String { m.language = String(l.prefix(2)).lowercased() }
            }
        }
        // Meta tags.
        if m.title == nil { m.title = (metas["og:title"] ?? metas["twitter:title"]).map(clean) }
        if m.outlet == nil { m.outlet = metas["og:site_name"].map(clean) }
        if m.author == nil, let a = metas["author"] ?? metas["article:author"] ?? metas["dc.creator"], !a.hasPrefix("http") { m.author = clean(a) }
        if m.canonical == nil { m.canonical = metas["og:url"] }
        for (key, weight) in Self.publishedKeys {
            if let v = metas[key] { stated(v, "meta \(key)", weight) }
        }
        // The first `<time>` marked as the publication's, and the first of all.
        if let (t, _, shown) = times.first(where: { $0.1 }) { stated(t, "<time datetime=", 2, shown: shown) }
        if let (t, marked, shown) = times.first, !marked { stated(t, "<time datetime=", 1, shown: shown) }
        if let (c, weight) = Self.chosen(candidates) {
            m.published = c.iso
            m.publishedSource = c.source
            m.publishedShown = c.shown
            m.publishedWeight = weight
        }
        if m.published == nil, let u = m.canonical ?? url, let day = urlDay(u) {
            m.published = day
            m.publishedSource = "the URL's date (\(u))"
        }
        if m.published == nil {
            let monthFirst = m.language == "en"
            for t in dateTexts {
                if let day = VisibleDate.day(in: t, monthFirst: monthFirst) {
                    m.published = day
                    m.publishedSource = "date line \"\(t)\""
                    break
                }
            }
        }
        // Last of the metadata: a video's upload date, hAtom's titled dates, OpenGraph's update time.
        if m.published == nil {
            let candidates =
                ldTexts.compactMap { t in Self.quotedValue(of: "uploadDate", in: t).map { ($0, "JSON-LD uploadDate") } }
                + titledDates.map { ($0, "hAtom title") } + (metas["og:updated_time"].map { [($0, "meta og:updated_time")] } ?? [])
            for (v, source) in candidates {
                if let iso = isoDate(v) {
                    m.published = iso
                    m.publishedSource = "\(source) \"\(v)\""
                    break
                }
            }
        }
        // Last of all, a date in the page's <title> ("Elefanten in Not | DW | 23.05.2011"): a page
        // that states its day nowhere else may put it beside its name.
        if m.published == nil, let t = titleTag, let day = VisibleDate.day(in: t, monthFirst: m.language == "en") {
            m.published = day
            m.publishedSource = "<title> \"\(t)\""
        }
        if m.title == nil, let t = titleTag { m.title = t }
        m.title = m.title.map { stripSiteName($0, site: m.outlet, url: url ?? m.canonical) }
        return m
    }

    /// A publication time a page states, where, and how much that place is trusted.
    struct Candidate {
        var iso: String
        var source: String
        var weight: Double
        var shown: String?
    }

    /// Meta tags that state the publication time, with their weights: the Open Graph article's own
    /// 3, a named publication date 2, a bare "date" 1, and a modification or upload time only when
    /// nothing else is stated.
    static let publishedKeys: [(String, Double)] = [
        ("article:published_time", 3), ("datepublished", 2), ("publishdate", 2), ("publish-date", 2), ("pubdate", 2),
        ("dc.date.issued", 2), ("dc.date", 1), ("dcterms.created", 1), ("date", 1), ("content_publisheddate", 2),
        ("dtk:publishdate", 2), ("og:published_time", 2), ("sailthru.date", 2), ("parsely-pub-date", 2),
        ("article:modified_time", 0.1), ("uploaddate", 0.1),
    ]

    /// The candidate of the day with the most weight (ties: the day of the most trusted candidate),
    /// the most trusted of that day's, and that day's weight.
    static func chosen(_ candidates: [Candidate]) -> (Candidate, weight: Double)? {
        var weight: [Substring: Double] = [:]
        for c in candidates { weight[c.iso.prefix(10), default: 0] += c.weight }
        var best: (Candidate, weight: Double)? = nil
        for c in candidates {
            let w = weight[c.iso.prefix(10)]!
            if best == nil || w > best!.weight { best = (c, w) }
        }
        return best
    }

    /// The string after `"key":` in text that may not parse as JSON.
    static func quotedValue(of key: String, in text: String) -> String? {
        guard let r = text.range(of: "\"\(key)\"") else { return nil }
        let rest = text[r.upperBound...].drop { $0 == " " || $0 == ":" || $0 == "\n" || $0 == "\t" || $0 == "\r" }
        guard rest.first == "\"" else { return nil }
        let value = rest.dropFirst().prefix { $0 != "\"" }
        return value.isEmpty || value.count > 64 ? nil : String(value)
    }

    /// Article-like objects in a JSON-LD value (top level, arrays, `@graph`).
    static func articles(in json: Any) -> [[String: Any]] {
        var out: [[String: Any]] = []
        func visit(_ v: Any, depth: Int) {
            guard depth < 6 else { return }
            if let a = v as? [Any] { for x in a { visit(x, depth: depth + 1) } }
            guard let d = v as? [String: Any] else { return }
            let types: [String] = (d["@type"] as? String).map { [$0] } ?? (d["@type"] as? [String]) ?? []
            if types.contains(where: { articleTypes.contains($0.lowercased()) }) { out.append(d) }
            if let g = d["@graph"] { visit(g, depth: depth + 1) }
        }
        visit(json, depth: 0)
        // Articles before generic web pages.
        return out.sorted { a, b in
            let wa = ((a["@type"] as? String)?.lowercased() == "webpage") ? 1 : 0
            let wb = ((b["@type"] as? String)?.lowercased() == "webpage") ? 1 : 0
            return wa < wb
        }
    }

    static func name(_ v: Any?) -> String? {
        if let s = v as? String { return s.hasPrefix("http") ? nil : jsonText(s) }
        if let d = v as? [String: Any] { return name(d["name"]) }
        if let a = v as? [Any] {
            let names = a.compactMap { name($0) }
            return names.isEmpty ? nil : names.joined(separator: ", ")
        }
        return nil
    }

    static func clean(_ s: String) -> String { BlockCollector.collapse(s) }

    /// A string of JSON-LD, which the HTML parser leaves as it is in the script: pages escape it for
    /// HTML anyway ("Her &#39;Ride or Die Partner&#39;"), so character references are read.
    static func jsonText(_ s: String) -> String { clean(s.contains("&") ? decodingCharacterReferences(s) : s) }

    /// `&#39;`, `&#x27;`, `&amp;`, `&quot;`, `&lt;`, `&gt;`, `&apos;` and `&nbsp;` as the characters
    /// they stand for; anything else is left as written.
    static func decodingCharacterReferences(_ s: String) -> String {
        let named: [Substring: String] = ["amp": "&", "quot": "\"", "lt": "<", "gt": ">", "apos": "'", "nbsp": "\u{A0}"]
        var out = ""
        var rest = s[...]
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            guard let semi = after.prefix(10).firstIndex(of: ";") else {
                out += "&"
                rest = after
                continue
            }
            let ref = after[..<semi]
            var decoded: String? = named[ref]
            if decoded == nil, ref.hasPrefix("#") {
                let digits = ref.dropFirst()
                let value = digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
                decoded = value.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
            }
            if let decoded {
                out += decoded
                rest = after[after.index(after: semi)...]
            } else {
                out += "&"
                rest = after
            }
        }
        out += rest
        return out
    }

    /// "Judul berita - detikNews" → "Judul berita", "KapanLagi.com: Judul" → "Judul": a part before
    /// or after the headline that names the site (its name, a domain, or a word of the URL's host).
    static func stripSiteName(_ t: String, site: String?, url: String?) -> String {
        var host = ""
        if let url, let h = URL(string: url)?.host { host = h.lowercased() }
        func namesSite(_ part: Substring) -> Bool {
            let p = part.trimmingCharacters(in: .whitespaces).lowercased()
            guard !p.isEmpty, p.split(separator: " ").count <= 4 else { return false }
            if p.contains(".com") || p.contains(".co.") || p.hasSuffix(".id") || p.hasSuffix(".net") { return true }
            if let site, !site.isEmpty, p.contains(site.lowercased()) || site.lowercased().contains(p) { return true }
            let first = p.split(separator: " ").first.map(String.init) ?? p
            return first.count >= 4 && host.contains(first.replacingOccurrences(of: ".", with: ""))
        }
        var title = t
        for sep in [" | ", " - ", " – ", " — ", " :: "] {
            if let r = title.range(of: sep, options: .backwards), title.distance(from: title.startIndex, to: r.lowerBound) > 15,
                namesSite(title[r.upperBound...])
            {
                title = String(title[..<r.lowerBound])
            }
        }
        for sep in [": ", " | ", " - "] {
            if let r = title.range(of: sep), namesSite(title[..<r.lowerBound]), title.distance(from: r.upperBound, to: title.endIndex) > 15 {
                title = String(title[r.upperBound...])
            }
        }
        return title
    }

    /// An ISO 8601 form of a stated date: `2023-11-02T10:15:00+07:00`, `2023-11-02 10:15:00` (made
    /// `2023-11-02T10:15:00`), `2023/11/02`, or a day; nil when it does not start with a date.
    static func isoDate(_ raw: String) -> String? {
        let s = raw.trimmingCharacters(in: .whitespaces)
        let b = Array(s.utf8)
        func digits(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var v = 0
            for k in from..<(from + count) {
                guard (0x30...0x39).contains(b[k]) else { return nil }
                v = v * 10 + Int(b[k] - 0x30)
            }
            return v
        }
        guard let y = digits(0, 4), b.count >= 10, b[4] == b[7], b[4] == UInt8(ascii: "-") || b[4] == UInt8(ascii: "/"),
            let mo = digits(5, 2), let d = digits(8, 2), (1900...2100).contains(y), (1...12).contains(mo), (1...31).contains(d)
        else {
            // Seconds or milliseconds since 1970.
            if let n = Double(s), n > 1e8 {
                let seconds = n > 1e11 ? n / 1000 : n
                let f = ISO8601DateFormatter()
                return f.string(from: Date(timeIntervalSince1970: seconds))
            }
            return nil
        }
        let day = String(format: "%04d-%02d-%02d", y, mo, d)
        guard b.count >= 16, b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " "), let h = digits(11, 2), b[13] == UInt8(ascii: ":"),
            let mi = digits(14, 2), h < 24, mi < 60
        else { return day }
        var sec = 0
        var k = 16
        if k + 2 < b.count + 0, b.count >= 19, b[16] == UInt8(ascii: ":"), let s2 = digits(17, 2) {
            sec = s2
            k = 19
        }
        while k < b.count, b[k] == UInt8(ascii: ".") || (0x30...0x39).contains(b[k]) { k += 1 }
        var offset = ""
        if k < b.count {
            let rest = String(decoding: b[k...], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            if rest == "Z" || rest == "z" {
                offset = "Z"
            } else if let f = rest.first, f == "+" || f == "-" {
                let digitsOnly = rest.dropFirst().filter(\.isNumber)
                if digitsOnly.count == 4 { offset = "\(f)\(digitsOnly.prefix(2)):\(digitsOnly.suffix(2))" }
            } else if ["WIB"].contains(rest.uppercased()) {
                offset = "+07:00"
            } else if rest.uppercased() == "WITA" {
                offset = "+08:00"
            } else if rest.uppercased() == "WIT" {
                offset = "+09:00"
            }
        }
        return day + String(format: "T%02d:%02d:%02d", h, mi, sec) + offset
    }

    /// The day in a URL: `/2023/11/02/`, `/2023-11-02/`, or `20231102` at the start of a path part.
    static func urlDay(_ url: String) -> String? {
        // An archived copy (web.archive.org/web/20110106123456/http://…): the stamp is when it was
        // archived, not published; the archived URL's own date counts.
        var url = url
        if let r = url.range(of: "archive.org/web/") {
            let rest = url[r.upperBound...]
            guard let slash = rest.firstIndex(of: "/") else { return nil }
            url = String(rest[rest.index(after: slash)...])
        }
        let parts = url.split(separator: "/").map(String.init)
        for k in parts.indices {
            if k + 2 < parts.count, parts[k].count == 4, let y = Int(parts[k]), (1995...2100).contains(y),
                let mo = Int(parts[k + 1].prefix(2)), parts[k + 1].count == 2, (1...12).contains(mo),
                parts[k + 2].count >= 2, let d = Int(parts[k + 2].prefix(2)), (1...31).contains(d)
            {
                return String(format: "%04d-%02d-%02d", y, mo, d)
            }
            let p = Array(parts[k].utf8)
            // 20231102, alone or followed by a non-digit or by a time (20231102101500-4-123).
            let digitRun = p.prefix { (0x30...0x39).contains($0) }.count
            if p.count >= 8, digitRun == 8 || digitRun == 14 {
                let s = String(decoding: p[0..<8], as: UTF8.self)
                if let y = Int(s.prefix(4)), (1995...2100).contains(y), let mo = Int(s.dropFirst(4).prefix(2)), (1...12).contains(mo),
                    let d = Int(s.suffix(2)), (1...31).contains(d)
                {
                    return String(format: "%04d-%02d-%02d", y, mo, d)
                }
            }
            if let iso = isoDate(parts[k]), iso.count == 10, parts[k].count == 10 { return iso }
            // A part that is a day written day first ("/meldungen/29-10-2021"); month first only when
            // the first number cannot be a month and the second can.
            let numbers = parts[k].split(whereSeparator: { $0 == "-" || $0 == "." }).map { Int($0) }
            if numbers.count == 3, let a = numbers[0], let b = numbers[1], let y = numbers[2], parts[k].count <= 10,
                (1995...2100).contains(y), String(y).count == 4
            {
                let (d, mo) = b > 12 && a <= 12 ? (b, a) : (a, b)
                if (1...12).contains(mo), let day = CivilDate(year: y, month: mo, day: d) { return day.description }
            }
        }
        return nil
    }
}

/// A day written out on the page: `2014-07-19`, `19.07.2014`, `19/07/2014` (month first in English
/// pages), `19. Juli 2014`, `19 Juli 2014`, `July 19, 2014`, in English, German, Indonesian, French,
/// Spanish, Italian, Dutch and Portuguese month names.
enum VisibleDate {
    static let months: [String: Int] = {
        var m: [String: Int] = [:]
        let lists: [[String]] = [
            ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"],
            ["januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"],
            ["januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober", "november", "desember"],
            ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
            ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
            ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"],
            ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
            ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"],
        ]
        for list in lists {
            for (k, name) in list.enumerated() {
                m[name] = k + 1
                if name.count > 3 { m[String(name.prefix(3)), default: k + 1] = m[String(name.prefix(3))] ?? k + 1 }
            }
        }
        m["sept"] = 9
        m["okt"] = 10
        m["des"] = 12
        m["agu"] = 8
        m["ags"] = 8
        return m
    }()

    static func day(in text: String, monthFirst: Bool) -> String? {
        let tokens = text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
        func valid(_ y: Int, _ mo: Int, _ d: Int) -> String? {
            guard (1990...2100).contains(y), (1...12).contains(mo), (1...31).contains(d) else { return nil }
            return String(format: "%04d-%02d-%02d", y, mo, d)
        }
        // Numeric forms keep their separators: read them from the text itself.
        let chars = Array(text.utf8)
        var k = 0
        while k < chars.count {
            guard (0x30...0x39).contains(chars[k]) else { k += 1; continue }
            var parts: [Int] = []
            var seps: [UInt8] = []
            var j = k
            while j < chars.count, parts.count < 3 {
                var v = 0, n = 0
                while j < chars.count, (0x30...0x39).contains(chars[j]), n < 5 { v = v * 10 + Int(chars[j] - 0x30); j += 1; n += 1 }
                if n == 0 { break }
                parts.append(v)
                if parts.count < 3, j < chars.count, [UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: "-")].contains(chars[j]) {
                    seps.append(chars[j])
                    j += 1
                } else { break }
            }
            if parts.count == 3, seps.count == 2, seps[0] == seps[1] {
                let (a, b, c) = (parts[0], parts[1], parts[2])
                if a > 31, let d = valid(a, b, c) { return d }
                let year = c < 100 ? 2000 + c : c
                if c >= 1990 || c < 100 {
                    if a > 12, let d = valid(year, b, a) { return d }
                    if b > 12, let d = valid(year, a, b) { return d }
                    if let d = monthFirst ? valid(year, a, b) : valid(year, b, a) { return d }
                }
            }
            k = max(j, k + 1)
        }
        // Month names: "19 Juli 2014", "19. Juli 2014", "July 19, 2014", "Juli 2014" is not a day.
        for (i, t) in tokens.enumerated() {
            guard let mo = months[t] else { continue }
            if i > 0, let d = Int(tokens[i - 1]), i + 1 < tokens.count, let y = Int(tokens[i + 1]), let r = valid(y, mo, d) { return r }
            if i + 2 < tokens.count, let d = Int(tokens[i + 1]), let y = Int(tokens[i + 2]), let r = valid(y, mo, d) { return r }
        }
        return nil
    }
}
