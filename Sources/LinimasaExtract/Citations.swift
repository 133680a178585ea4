import LinimasaCore
import LinimasaText

/// Finds where an article says its information comes from: "seperti dikutip dari Tass", "Seperti
/// dilansir AFP", "Melansir Daily Sabah", "lapor The New Arab", "according to Reuters".
///
/// After a strong cue (dikutip dari, dilansir, melansir, mengutip, lapor, reported by) any name in
/// capitals counts; after a weak one (menurut, kepada, via, according to, told) only a known outlet
/// or agency does, since "menurut Cavusoglu" cites a person, not a source.
public enum Citations {
    static let strongCues: [[String]] = [
        ["dikutip", "dari"], ["mengutip", "dari"], ["mengutip"], ["dilansir", "dari"], ["dilansir"], ["melansir", "dari"],
        ["melansir"], ["dikutip"], ["lapor"], ["dilaporkan"], ["diberitakan"], ["reported", "by"], ["quoted", "by"],
        ["cited", "by"],
    ]
    static let weakCues: [[String]] = [["menurut"], ["kepada"], ["via"], ["according", "to"], ["told"], ["reported"]]
    /// First word's hash → the cues starting with it (longest first): the rest's hashes, strength.
    static let cueTable: [UInt64: [(rest: [UInt64], strong: Bool)]] = {
        var table: [UInt64: [(rest: [UInt64], strong: Bool)]] = [:]
        for (cues, strong) in [(strongCues, true), (weakCues, false)] {
            for cue in cues {
                table[hashBytes(cue[0].utf8), default: []].append((cue.dropFirst().map { hashBytes($0.utf8) }, strong))
            }
        }
        return table.mapValues { $0.sorted { $0.rest.count > $1.rest.count } }
    }()

    /// Words between a cue and the name: "dikutip dari kantor berita Reuters", "dilansir laman resmi BBC".
    static let fillers: Set<String> = ["kantor", "berita", "media", "laman", "situs", "portal", "harian", "surat", "kabar", "the"]

    /// Agencies and foreign outlets by lower-case name → canonical name.
    static let known: [String: String] = [
        "tass": "TASS", "itar-tass": "TASS", "afp": "AFP", "agence france-presse": "AFP", "ap": "AP",
        "associated press": "AP", "the associated press": "AP", "reuters": "Reuters", "xinhua": "Xinhua",
        "bloomberg": "Bloomberg", "bbc": "BBC", "cnn": "CNN", "al jazeera": "Al Jazeera", "aljazeera": "Al Jazeera",
        "sputnik": "Sputnik", "ria novosti": "RIA Novosti", "interfax": "Interfax", "anadolu": "Anadolu Agency",
        "anadolu agency": "Anadolu Agency", "kyodo": "Kyodo", "yonhap": "Yonhap", "antara": "ANTARA",
        "arab news": "Arab News", "daily sabah": "Daily Sabah", "the new arab": "The New Arab", "new arab": "The New Arab",
        "the guardian": "The Guardian", "guardian": "The Guardian", "new york times": "The New York Times",
        "the new york times": "The New York Times", "washington post": "The Washington Post",
        "the washington post": "The Washington Post", "wall street journal": "The Wall Street Journal",
        "financial times": "Financial Times", "south china morning post": "South China Morning Post",
        "times of israel": "The Times of Israel", "haaretz": "Haaretz", "nikkei": "Nikkei", "nhk": "NHK",
        "abc news": "ABC News", "nbc news": "NBC News", "cbs news": "CBS News", "fox news": "Fox News",
        "dpa": "dpa", "efe": "EFE", "the independent": "The Independent", "daily mail": "Daily Mail",
        "the straits times": "The Straits Times", "straits times": "The Straits Times", "bernama": "Bernama",
        "the star": "The Star", "politico": "Politico", "axios": "Axios", "hurriyet": "Hurriyet",
    ]

    public static func find(in sentences: [String]) -> [Citation] {
        var out: [Citation] = []
        var seen = Set<String>()
        for s in sentences {
            for c in allCitations(in: TokenizedText(s)) where seen.insert(c.outlet).inserted { out.append(c) }
        }
        return out
    }

    /// Citations in an article's tokenized body, each outlet once, in order of first citation.
    public static func find(in t: TokenizedText) -> [Citation] {
        var seen = Set<String>()
        return allCitations(in: t).filter { seen.insert($0.outlet).inserted }
    }

    static func allCitations(in t: TokenizedText) -> [Citation] {
        var out: [Citation] = []
        var i = 0
        let n = t.tokens.count
        let table = Self.cueTable
        while i < n {
            guard t.tokens[i].kind == .word else {
                i += 1
                continue
            }
            // One hash look-up rules out most words.
            let first = t.tokens[i]
            guard first.length <= 11, let options = table[hashBytes(t.lowerBytes[first.start..<first.end])] else {
                i += 1
                continue
            }
            var matched: (length: Int, strong: Bool)? = nil
            for o in options where matched == nil && i + o.rest.count < n {
                var ok = true
                for (k, h) in o.rest.enumerated() {
                    let tok = t.tokens[i + 1 + k]
                    if tok.kind != .word || hashBytes(t.lowerBytes[tok.start..<tok.end]) != h {
                        ok = false
                        break
                    }
                }
                if ok { matched = (o.rest.count + 1, o.strong) }
            }
            guard let m = matched else {
                i += 1
                continue
            }
            var j = i + m.length
            while j < n, t.tokens[j].kind == .word, fillers.contains(t.lower(j)), !(t.lower(j) == "the" && j + 1 < n && t.isCapitalized(j + 1) && t.isCapitalized(j)) {
                j += 1
            }
            if let (name, end) = name(t, from: j), let outlet = canonical(name, strong: m.strong) {
                out.append(Citation(outlet: outlet, phrase: t.text(from: t.tokens[i].start, to: t.tokens[end - 1].end)))
                i = end
            } else {
                i += 1
            }
        }
        return out
    }

    /// Up to four capitalised words (or one domain-shaped token) from `start`: "The New Arab", "Daily Sabah".
    static func name(_ t: TokenizedText, from start: Int) -> (String, Int)? {
        var j = start
        var parts: [String] = []
        while j < t.tokens.count, parts.count < 4 {
            let tok = t.tokens[j]
            guard tok.kind == .word || tok.kind == .url, t.isCapitalized(j) || (tok.kind == .url && !parts.isEmpty == false) else { break }
            if parts.count > 0 && !t.sameLine(j - 1, j) { break }
            if j > start && tok.start != t.tokens[j - 1].end + 1 { break }
            parts.append(t.text(j))
            j += 1
        }
        return parts.isEmpty ? nil : (parts.joined(separator: " "), j)
    }

    static let notOutlets: Set<String> = [
        "senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu", "januari", "februari", "maret", "april", "mei",
        "juni", "juli", "agustus", "september", "oktober", "november", "desember", "monday", "tuesday", "wednesday",
        "thursday", "friday", "saturday", "sunday",
    ]

    /// The canonical outlet for a captured name, or nil when it is not one.
    static func canonical(_ name: String, strong: Bool) -> String? {
        let lower = name.lowercased()
        if notOutlets.contains(lower) { return nil }
        // "Reuters Senin" is "Reuters" followed by a day: try the longest known prefix first.
        let words = name.split(separator: " ")
        for k in stride(from: words.count, through: 1, by: -1) {
            let prefix = words.prefix(k).joined(separator: " ")
            if let c = known[prefix.lowercased()] ?? Outlets.name(forSignature: prefix) { return c }
        }
        guard strong else { return nil }
        var kept = words
        while let last = kept.last, notOutlets.contains(last.lowercased()) { kept.removeLast() }
        return kept.isEmpty ? nil : kept.joined(separator: " ")
    }
}
