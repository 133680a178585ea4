import LinimasaCore
import LinimasaText
import LinimasaTime

/// Evidence gathered while reading a page, and the small parsers that find it.
struct Metadata {
    var title: String?
    var author: String?
    var dateline: String?
    var stamp: FoundTime?
    var siteName: String?
    /// Outlet names with a strength: 4 dateline prefix, 3 "Author - Outlet" byline, 2 agency phrase or
    /// byline link, 1 the given URL. Nil names are evidence that did not resolve.
    var outletEvidence: [(String?, Int)] = []

    func bestOutlet() -> String? {
        var best: (String, Int)? = nil
        for case let (name?, strength) in outletEvidence where strength > (best?.1 ?? 0) { best = (name, strength) }
        return best?.0 ?? siteName
    }

    /// "RENI ERINA" → "Reni Erina"; other names as written.
    static func personName(_ s: String) -> String {
        var name = Substring(s.trimmingCharacters(in: .whitespaces))
        if let p = name.firstIndex(of: "(") { name = name[..<p] }
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard trimmed.contains(where: { $0.isLetter }), !trimmed.contains(where: { $0.isLowercase }) else { return trimmed }
        return trimmed.split(separator: " ").map { w in w.prefix(1) + w.dropFirst().lowercased() }.joined(separator: " ")
    }

    static func isCapitalizedName(_ s: Substring, maxWords: Int) -> Bool {
        let words = s.split(separator: " ")
        guard (1...maxWords).contains(words.count) else { return false }
        return words.allSatisfy { w in
            guard let f = w.first, f.isUppercase else { return false }
            return w.allSatisfy { $0.isLetter || $0 == "." || $0 == "'" || $0 == "-" }
        }
    }

    /// "Novi Christiastuti - detikNews" → ("Novi Christiastuti", "detikNews").
    static func authorDashOutlet(_ l: Line) -> (String, String)? {
        guard l.words <= 8 else { return nil }
        for sep in [" - ", " – ", " | ", " — "] {
            let parts = l.plain.split(separator: sep).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { continue }
            if let o = Outlets.name(forSignature: parts[1]), isCapitalizedName(Substring(parts[0]), maxWords: 5) { return (personName(parts[0]), o) }
            if let o = Outlets.name(forSignature: parts[0]), isCapitalizedName(Substring(parts[1]), maxWords: 5) { return (personName(parts[1]), o) }
        }
        return nil
    }

    /// A header line that is a date stamp: "Senin, 03 Jan 2022 14:50 WIB", "• Rabu, 30 Desember 2020, 06:08 WIB".
    static func dateStamp(_ l: Line) -> FoundTime? {
        guard l.words <= 14 else { return nil }
        let found = TimeFinder.find(in: l.plain, anchor: nil)
        guard let f = found.first(where: {
            switch $0.reading {
            case .date, .dateTime: return true
            default: return false
            }
        }) else { return nil }
        let covered = f.text.filter { $0.isLetter || $0.isNumber }.count
        let total = l.plain.filter { $0.isLetter || $0.isNumber }.count
        let rest = l.lower
        let cue = rest.hasPrefix("diperbarui") || rest.hasPrefix("dipublikasikan") || rest.hasPrefix("published") || rest.hasPrefix("updated")
            || rest.hasPrefix("diterbitkan") || rest.hasPrefix("tanggal")
        return covered * 10 >= total * 6 || cue ? f : nil
    }

    /// "Liputan6.com, Moskow", "JAKARTA", "Jakarta (ANTARA)", "JAKARTA, KOMPAS.com" → (city, outlet).
    static func datelineParts(_ prefix: Substring) -> (city: String?, outlet: String?)? {
        let p = prefix.trimmingCharacters(in: .whitespaces)
        guard !p.isEmpty, p.count <= 60 else { return nil }
        var city: String? = nil
        var outlet: String? = nil
        for raw in p.split(separator: ",") {
            var part = Substring(raw.trimmingCharacters(in: .whitespaces))
            // "Jakarta (ANTARA)"
            if part.last == ")", let open = part.lastIndex(of: "(") {
                let inner = Substring(part[part.index(after: open)..<part.index(before: part.endIndex)].trimmingCharacters(in: .whitespaces))
                guard let o = Outlets.name(forSignature: inner) ?? (isCapitalizedName(inner, maxWords: 2) ? String(inner) : nil) else { return nil }
                outlet = outlet ?? o
                part = Substring(part[..<open].trimmingCharacters(in: .whitespaces))
                if part.isEmpty { continue }
            }
            if let o = Outlets.name(forSignature: part) {
                outlet = outlet ?? o
            } else if city == nil, isCapitalizedName(part, maxWords: 3) {
                city = String(part)
            } else {
                return nil
            }
        }
        return city == nil && outlet == nil ? nil : (city, outlet)
    }

    /// The dateline at the start of a paragraph: where the article's text begins after it.
    static func datelinePrefix(_ text: Substring) -> (city: String?, outlet: String?, bodyStart: Substring.Index)? {
        let head = text.prefix(80)
        for sep in [" -- ", " - ", " – ", " — ", "–", "—", " -"] {
            guard let r = head.byteRange(of: sep) else { continue }
            var rest = text[r.upperBound...]
            while let f = rest.first, f == " " { rest = rest.dropFirst() }
            guard let f = rest.first, f.isUppercase || f == "\"" || f == "“" else { continue }
            if sep == " -", r.upperBound < text.endIndex, text[r.upperBound] != " " { continue }
            guard let parts = datelineParts(text[..<r.lowerBound]) else { continue }
            return (parts.city, parts.outlet, rest.startIndex)
        }
        return nil
    }

    /// A line that is only a dateline: "Moskow -".
    static func isDatelineOnly(_ l: Line) -> Bool {
        guard l.words <= 5, let last = l.plain.last, last == "-" || last == "–" || last == "—" else { return false }
        return datelineParts(l.plain.dropLast()) != nil
    }

    static func datelineCity(_ s: String) -> String? {
        datelineParts(Substring(s).dropLast())?.city
    }

    /// Image alt text glued before a paragraph: "rmol news logo Turki dan Rusia …".
    static func leadingAltText(_ text: Substring) -> (String, Substring)? {
        // Most lines have no "logo" among their first four words: looked for in their bytes first
        // (ASCII up to the end of the fourth word; anything else is split as below).
        var wordsSeen = 0
        var inWord = false
        var mayHaveLogo = false
        var previous: (UInt8, UInt8, UInt8) = (0, 0, 0)
        for b in text.utf8 {
            if b >= 0x80 {
                mayHaveLogo = true
                break
            }
            if b == 0x20 {
                if inWord {
                    wordsSeen += 1
                    if wordsSeen == 4 { break }
                }
                inWord = false
            } else {
                inWord = true
            }
            if previous == (0x6C, 0x6F, 0x67) && b == 0x6F {  // "logo"
                mayHaveLogo = true
                break
            }
            previous = (previous.1, previous.2, b)
        }
        guard mayHaveLogo else { return nil }
        let words = text.split(separator: " ", maxSplits: 5)
        guard words.count >= 3 else { return nil }
        for n in 1...min(4, words.count - 1) where words[n - 1] == "logo" {
            let lead = words[0..<n]
            guard lead.allSatisfy({ w in w.allSatisfy { $0.isLetter && $0.isLowercase } }) else { return nil }
            guard let f = words[n].first, f.isUppercase else { return nil }
            return (lead.joined(separator: " "), text[words[n].startIndex...])
        }
        return nil
    }

    /// A lower-case tail after the last sentence ("… jalur yang benar. rmol news logo article") or a stray "*".
    static func trailingLeftover(_ text: Substring) -> (Substring, String)? {
        guard let lastStop = text.lastIndex(where: { ".!?\"”".contains($0) }) else { return nil }
        let tail = text[text.index(after: lastStop)...]
        let trimmed = tail.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        let words = trimmed.split(separator: " ")
        guard words.count <= 6, trimmed.allSatisfy({ ($0.isLetter && $0.isLowercase) || $0 == " " || $0 == "*" }) else { return nil }
        // Only widget and image vocabulary: a lower-case tail may also be a sentence cut short.
        if trimmed == "*" || words.contains(where: { markupWords.contains(String($0)) }) {
            return (text[...lastStop], trimmed)
        }
        return nil
    }

    static let markupWords: Set<String> = ["logo", "icon", "ikon", "banner", "image", "img", "thumbnail", "article", "artikel", "share"]

    /// A headline: at least three words with letters, no closing full stop, and title case (most words
    /// of four letters or more capitalized; all of them when it ends in "?" or "!").
    static func isHeadline(_ s: String) -> Bool {
        guard let last = s.last, last != "." else { return false }
        let words = s.split(separator: " ")
        guard words.filter({ $0.contains(where: { $0.isLetter }) }).count >= 3 else { return false }
        let long = words.filter { $0.count >= 4 && $0.first!.isLetter }
        guard !long.isEmpty else { return false }
        let capitals = long.filter { $0.first!.isUppercase }.count
        if last == "?" || last == "!" { return capitals == long.count }
        return capitals * 10 >= long.count * 7
    }

    /// "Kantor Berita Politik RMOL" → "RMOL"; "dari Liputan6.com di Google News" → "Liputan6.com".
    static func newsAgencyPhrase(_ text: String) -> String? {
        if let r = text.byteRange(of: "Kantor Berita ") {
            var words = text[r.upperBound...].split(separator: " ").prefix(3).map { $0.trimmingCharacters(in: CharacterSetLite { !$0.isLetter && !$0.isNumber && $0 != "." }) }
            if let f = words.first, ["politik", "nasional"].contains(f.lowercased()) { words.removeFirst() }
            if let name = words.first, let c = name.first, c.isUppercase {
                return Outlets.name(forSignature: name) ?? name
            }
        }
        return nil
    }
}
