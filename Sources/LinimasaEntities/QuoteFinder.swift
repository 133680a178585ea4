import LinimasaCore
import LinimasaText

/// Finds direct quotes and reported speech and who said them.
///
/// Direct quotes are text between double quotation marks (straight or curly, mixed as outlets mix
/// them) or single ones; a quote left open at a paragraph's end goes on in the next paragraph
/// when that one opens with a quotation mark. The speaker comes from the attribution next to the
/// quote: after it (`," kata Erdogan`, `," ujarnya`, `," Lavrov said`) or before it (`Lavrov
/// mengatakan bahwa, "…"`, `Menurut Lavrov, "…"`). "Ia", "Dia", "He" and a verb with -nya
/// ("katanya") stand for the last named speaker, else the last person named. A quote alone in its
/// paragraph right after another quote continues that speaker's words.
///
/// Reported speech is a clause after a reporting verb and "bahwa"/"that" (`Cavusoglu mengatakan
/// bahwa …`), or after "menurut X," in a sentence with no quotation marks.
public enum QuoteFinder {
    /// Reporting verbs by form → base.
    static let verbs: [String: String] = {
        var d: [String: String] = [:]
        let bases: [String: [String]] = [
            "kata": ["kata", "katanya", "mengatakan", "berkata", "dikatakan"],
            "ujar": ["ujar", "ujarnya", "ujar dia"],
            "ungkap": ["ungkap", "ungkapnya", "mengungkapkan", "diungkapkan"],
            "jelas": ["jelas", "jelasnya", "menjelaskan", "dijelaskan"],
            "tutur": ["tutur", "tuturnya", "menuturkan"],
            "tambah": ["tambah", "tambahnya", "menambahkan", "ditambahkan"],
            "sebut": ["sebut", "sebutnya", "menyebut", "menyebutkan"],
            "tegas": ["tegas", "tegasnya", "menegaskan", "ditegaskan"],
            "menurut": ["menurut", "menurutnya"],
            "nyata": ["menyatakan", "dinyatakan"],
            "imbuh": ["imbuh", "imbuhnya"],
            "papar": ["papar", "paparnya", "memaparkan"],
            "terang": ["terang", "terangnya", "menerangkan"],
            "lanjut": ["lanjut", "lanjutnya"],
            "pungkas": ["pungkas", "pungkasnya"],
            "ucap": ["ucap", "ucapnya"],
            "tukas": ["tukas", "tukasnya"],
            "sambung": ["sambung", "sambungnya"],
            "timpal": ["timpal", "timpalnya"],
            "tandas": ["tandas", "tandasnya"],
            "kilah": ["kilah", "kilahnya"],
            "beber": ["beber", "bebernya", "membeberkan"],
            "aku": ["akunya", "mengaku"],
            "tanya": ["tanya", "tanyanya", "bertanya"],
            "seru": ["seru", "serunya"],
            "bilang": ["bilang"],
            "klaim": ["mengklaim", "klaimnya"],
            "said": ["said", "says", "say"],
            "told": ["told", "tells"],
            "added": ["added", "adds"],
            "stated": ["stated", "states"],
            "wrote": ["wrote", "writes", "tulis", "tulisnya", "menulis"],
        ]
        for (b, forms) in bases { for f in forms { d[f] = b } }
        return d
    }()
    /// `verbs` by the hash of the form's bytes: looking a token up needs no string.
    static let verbsByHash: [UInt64: String] = Dictionary(
        verbs.map { (hashBytes($0.key.utf8), $0.value) }, uniquingKeysWith: { a, _ in a })
    static let reportingHashes = Set(reporting.map { hashBytes($0.utf8) })
    static let menurutHash = hashBytes("menurut".utf8)
    static let pronounHashes = Set(pronouns.map { hashBytes($0.utf8) })
    /// Verbs that report speech without quotation marks when followed by "bahwa"/"that".
    static let reporting: Set<String> = [
        "mengatakan", "menyatakan", "menegaskan", "menjelaskan", "mengungkapkan", "menambahkan", "menyebutkan",
        "menuturkan", "mengklaim", "memaparkan", "menerangkan", "berkata", "said", "says", "told", "added", "stated",
    ]
    static let pronouns: Set<String> = ["ia", "dia", "beliau", "he", "she", "mereka", "they"]
    /// Words after a verb that point back to the last speaker: `," tambah nya`, `," lanjut pernyataan itu`.
    static let backReferences: Set<String> = ["nya", "pernyataan", "statement", "ia", "dia", "beliau", "he", "she"]
    /// Nouns for unnamed speakers: in "para pejabat Turki mengatakan" Turkey is not the speaker.
    static let unnamed: Set<String> = [
        "pejabat", "sumber", "pihak", "otoritas", "warga", "officials", "official", "source", "sources", "diplomat",
        "diplomats", "analis", "pengamat", "analysts",
    ]
    static let complementizers: Set<String> = ["bahwa", "that"]

    struct Span {
        var open: Int  // token index of the opening mark
        var close: Int  // token index of the closing mark (or one past the last quoted token)
        var closed: Bool
    }

    static func isDoubleQuote(_ t: TokenizedText, _ i: Int) -> (open: Bool, close: Bool)? {
        let tok = t.tokens[i]
        guard tok.kind == .punct else { return nil }
        let b = t.bytes
        if tok.length == 1 && b[tok.start] == 0x22 { return (true, true) }
        if tok.length == 3 && b[tok.start] == 0xE2 && b[tok.start + 1] == 0x80 {
            switch b[tok.start + 2] {
            case 0x9C: return (true, false)  // “
            case 0x9D: return (false, true)  // ”
            case 0x9E: return (true, false)  // „
            default: return nil
            }
        }
        return nil
    }

    static func paragraphBreak(_ t: TokenizedText, _ i: Int) -> Bool {
        var newlines = 0
        for k in t.tokens[i].end..<t.tokens[i + 1].start where t.bytes[k] == 0x0A { newlines += 1 }
        return newlines >= 2
    }

    /// Direct-quote spans in token indices.
    static func quoteSpans(_ t: TokenizedText) -> [Span] {
        var out: [Span] = []
        var open: Int? = nil
        let n = t.tokens.count
        for i in 0..<n {
            if let q = isDoubleQuote(t, i) {
                if let o = open, q.close {
                    if i > o + 1 { out.append(Span(open: o, close: i, closed: true)) }
                    open = nil
                } else if q.open {
                    open = i
                }
            }
            if let o = open, i + 1 < n, paragraphBreak(t, i) {
                // Left open: goes on if the next paragraph opens with a quotation mark.
                if i > o, isDoubleQuote(t, i + 1)?.open == true {
                    out.append(Span(open: o, close: i + 1, closed: false))
                    open = nil
                } else {
                    if i > o + 2 { out.append(Span(open: o, close: i + 1, closed: false)) }
                    open = nil
                }
            }
        }
        if let o = open, n > o + 2 { out.append(Span(open: o, close: n, closed: false)) }
        // Join the pieces of a quote that runs over paragraphs.
        out = joinedOverParagraphs(out)
        // Single quotation marks, outside double ones: ‘…’ or '…' within a paragraph, three words or more.
        var inDouble = [Bool](repeating: false, count: n)
        for s in out { for k in s.open..<min(n, s.close + 1) { inDouble[k] = true } }
        var singleOpen: Int? = nil
        for i in 0..<n where !inDouble[i] {
            guard let q = isSingleQuote(t, i) else {
                if let o = singleOpen, i + 1 < n, paragraphBreak(t, i), i > o { singleOpen = nil }
                continue
            }
            if let o = singleOpen, q.close {
                if (o + 1..<i).filter({ t.tokens[$0].kind == .word }).count >= 3 { out.append(Span(open: o, close: i, closed: true)) }
                singleOpen = nil
            } else if q.open {
                singleOpen = i
            }
        }
        return out.sorted { $0.open < $1.open }
    }

    /// A single quotation mark that can open (‘, or ' before a word after a space) or close (’, or ' after a word).
    static func isSingleQuote(_ t: TokenizedText, _ i: Int) -> (open: Bool, close: Bool)? {
        let tok = t.tokens[i]
        guard tok.kind == .punct else { return nil }
        let b = t.bytes
        let gluedAfter = i + 1 < t.tokens.count && t.tokens[i + 1].start == tok.end && t.tokens[i + 1].kind == .word
        let gluedBefore = i > 0 && t.tokens[i - 1].end == tok.start && t.tokens[i - 1].kind != .punct
            || (i > 0 && t.tokens[i - 1].end == tok.start && t.tokens[i - 1].length == 1 && [0x2E, 0x2C, 0x21, 0x3F].contains(b[t.tokens[i - 1].start]))
        if tok.length == 1 && b[tok.start] == 0x27 {
            return (gluedAfter && !gluedBefore, gluedBefore && !gluedAfter)
        }
        if tok.length == 3 && b[tok.start] == 0xE2 && b[tok.start + 1] == 0x80 {
            if b[tok.start + 2] == 0x98 { return (true, false) }
            if b[tok.start + 2] == 0x99 { return (false, true) }
        }
        return nil
    }

    static func joinedOverParagraphs(_ out: [Span]) -> [Span] {
        var joined: [Span] = []
        for s in out {
            if var last = joined.last, !last.closed, last.close == s.open {
                last.close = s.close
                last.closed = s.closed
                joined[joined.count - 1] = last
            } else {
                joined.append(s)
            }
        }
        return joined
    }

    /// Quotes of a text, given its entity mentions (token ranges) and their entities' canonical names.
    public static func find(
        _ t: TokenizedText, sentences: [Range<Int>], mentions: [NameMention], entities: [Entity], offsets: ScalarOffsets
    ) -> [Quote] {
        let n = t.tokens.count
        guard n > 0 else { return [] }
        // Sentence of each token, and the mention starting/covering each token.
        var sentenceOf = [Int](repeating: 0, count: n)
        var k = 0
        for (si, r) in sentences.enumerated() {
            while k < n && t.tokens[k].start < r.upperBound {
                sentenceOf[k] = si
                k += 1
            }
        }
        while k < n {
            sentenceOf[k] = max(0, sentences.count - 1)
            k += 1
        }
        // Each word's lower-case bytes hashed once: the scans below look words up by hash.
        var lowerHash = [UInt64](repeating: 0, count: n)
        for i in 0..<n where t.tokens[i].kind == .word { lowerHash[i] = hashBytes(t.lowerBytes[t.tokens[i].start..<t.tokens[i].end]) }
        var mentionAt = [Int](repeating: -1, count: n)
        for (mi, m) in mentions.enumerated() { for x in m.start..<m.end { mentionAt[x] = mi } }
        func speaker(_ mi: Int) -> (name: String, kind: EntityType) {
            (entities[mentions[mi].entity].canonical, mentions[mi].type)
        }
        /// The last person (or organisation) named before token `i`.
        func lastNamed(before i: Int) -> String? {
            var j = i - 1
            while j >= 0 {
                if mentionAt[j] >= 0, mentions[mentionAt[j]].type == .person { return speaker(mentionAt[j]).name }
                j -= 1
            }
            return nil
        }
        func verb(_ i: Int) -> String? {
            guard i >= 0, i < n, t.tokens[i].kind == .word else { return nil }
            return verbsByHash[lowerHash[i]]
        }
        func isPronoun(_ i: Int) -> Bool { i >= 0 && i < n && t.tokens[i].kind == .word && pronounHashes.contains(lowerHash[i]) }
        /// The mention beginning within a few tokens from `i` (a title may come first: "kata Menlu Cavusoglu").
        /// A person named there wins over an organisation: "ujar Juru Bicara KPK, Febri Diansyah".
        func mention(from i: Int, within: Int) -> Int? {
            var j = i
            var organization: Int? = nil
            while j < min(n, i + within + 2) {
                if mentionAt[j] >= 0 && mentions[mentionAt[j]].type == .person {
                    // "kata pengacara Jokowi, Yakup Hasibuan": a person named after a lower-case role
                    // ("pengacara", "istri", "juru bicara") is whose the role is; the person after the
                    // comma is the speaker.
                    let m = mentionAt[j]
                    let end = mentions[m].end
                    if j > i, t.tokens[j - 1].kind == .word, !t.isCapitalized(j - 1), end + 1 < n, t.isPunct(end, 0x2C),
                        mentionAt[end + 1] >= 0, mentions[mentionAt[end + 1]].type == .person, mentionAt[end + 1] != m
                    {
                        return mentionAt[end + 1]
                    }
                    return m
                }
                if mentionAt[j] >= 0 && mentions[mentionAt[j]].type == .organization && organization == nil && j < i + within {
                    organization = mentionAt[j]
                }
                if t.tokens[j].kind == .punct && !(t.isPunct(j, 0x2C)) { break }
                j += 1
            }
            // "kata Dirjen Pelayanan dan Kepatuhan Kementerian HAM, Munafrizal Manan": the office
            // ends with its organisation, and the person after the comma holds it and speaks.
            if let o = organization {
                let end = mentions[o].end
                if end + 1 < n, t.isPunct(end, 0x2C), mentionAt[end + 1] >= 0, mentions[mentionAt[end + 1]].type == .person {
                    return mentionAt[end + 1]
                }
            }
            return organization
        }

        /// Capitalised words right after an attribution verb, titles skipped: a name.
        func capitalizedName(from i: Int) -> String? {
            var j = i
            while j < n, t.tokens[j].kind == .word, t.isCapitalized(j), EntityFinder.roleHeads.contains(t.lower(j)) { j += 1 }
            var e = j
            while e < n, e - j < 4, t.tokens[e].kind == .word, t.isCapitalized(e), e == i || t.sameLine(e - 1, e),
                !pronouns.contains(t.lower(e)), !EntityFinder.roleHeads.contains(t.lower(e))
            {
                e += 1
            }
            guard e > j else { return nil }
            return (j..<e).map { t.text($0) }.joined(separator: " ")
        }
        /// "pria berusia 46 tahun itu", "pelatih asal Spanyol tersebut": lower-case words ending in itu/tersebut.
        func describesSomeoneNamed(from i: Int) -> Bool {
            guard i < n, !unnamed.contains(t.lower(i)) else { return false }
            var j = i
            while j < min(n, i + 7), t.tokens[j].kind == .word || t.tokens[j].kind == .number {
                let w = t.lower(j)
                if j > i && (w == "itu" || w == "tersebut") { return true }
                j += 1
            }
            return false
        }

        var quotes: [Quote] = []
        var lastSpeaker: String? = nil
        var lastQuoteClose = -10
        var covered = [Bool](repeating: false, count: n)
        func direct(_ s: Span) {
            let first = s.open + 1
            let last = s.close - 1
            guard first <= last else { return }
            for x in s.open..<min(n, s.close + 1) { covered[x] = true }
            var who: String? = nil
            var how: String? = nil
            // After the closing mark: `," kata Erdogan`, `," ujarnya`, `," Erdogan said`.
            var j = s.close + (s.closed ? 1 : 0)
            if j < n && t.isPunct(j, 0x2C) { j += 1 }
            if s.closed, let v = verb(j), sentenceOf[j] == sentenceOf[max(0, s.close - 1)] || t.sameLine(s.close, j) {
                how = v
                if let m = mention(from: j + 1, within: 5) {
                    who = speaker(m).name
                } else if t.lower(j).hasSuffix("nya") || (j + 1 < n && backReferences.contains(t.lower(j + 1))) {
                    who = lastSpeaker ?? lastNamed(before: s.open)
                } else if let name = capitalizedName(from: j + 1) {
                    // The attribution's place holds a name the tagger missed: `," ucap Anggi`.
                    who = name
                } else if describesSomeoneNamed(from: j + 1) {
                    // `," ucap pria berusia 46 tahun itu`: a description of someone named before.
                    who = lastSpeaker ?? lastNamed(before: s.open)
                }
            } else if s.closed, j < n, let m = mentionAt[j] >= 0 ? mentionAt[j] : nil, verb(mentions[m].end) != nil {
                who = speaker(m).name
                how = verb(mentions[m].end)
            } else if s.closed, isPronoun(j), let v = verb(j + 1) {
                who = lastSpeaker ?? lastNamed(before: s.open)
                how = v
            }
            // Before the opening mark, in the same sentence: `Lavrov mengatakan bahwa, "…"`, `Menurut Lavrov, "…"`.
            if who == nil {
                var v = s.open - 1
                let sentence = sentenceOf[s.open]
                while v >= 0 && sentenceOf[v] == sentence && !(verb(v) != nil && t.lower(v) != "jelas" && t.lower(v) != "tegas") { v -= 1 }
                if v >= 0 && sentenceOf[v] == sentence {
                    let base = verb(v)!
                    if base == "menurut" {
                        if let m = mention(from: v + 1, within: 5) {
                            who = speaker(m).name
                            how = base
                        }
                    } else {
                        // The subject: the nearest name before the verb in the sentence, or a pronoun.
                        var m = v - 1
                        while m >= 0 && sentenceOf[m] == sentence && mentionAt[m] < 0 && !isPronoun(m) { m -= 1 }
                        if m >= 0 && sentenceOf[m] == sentence {
                            who = mentionAt[m] >= 0 ? speaker(mentionAt[m]).name : (lastSpeaker ?? lastNamed(before: m))
                            how = base
                            // "Para pejabat Turki mengatakan, "…"": the speakers are unnamed.
                            if mentionAt[m] >= 0, case let f = mentions[mentionAt[m]].start, f > 0, t.tokens[f - 1].kind == .word,
                                unnamed.contains(t.lower(f - 1))
                            {
                                who = nil
                            }
                        } else if t.lower(v).hasSuffix("nya") {
                            who = lastSpeaker ?? lastNamed(before: v)
                            how = base
                        }
                    }
                }
            }
            // A quote alone in its paragraph right after another: the same speaker goes on.
            if who == nil, let prev = quotes.last, prev.direct, s.open - lastQuoteClose <= 8, s.open > 0, paragraphBreak(t, s.open - 1) {
                who = prev.speaker
                how = prev.verb
            }
            if let w = who { lastSpeaker = w }
            lastQuoteClose = s.close
            var a = t.tokens[first].start
            var b = t.tokens[last].end
            // Trim spaces, and the comma Indonesian puts before the closing mark ("…penting," kata …).
            while b > a && (t.bytes[b - 1] == 0x20 || t.bytes[b - 1] == 0x0A || t.bytes[b - 1] == 0x2C) { b -= 1 }
            while a < b && (t.bytes[a] == 0x20 || t.bytes[a] == 0x0A) { a += 1 }
            let text = t.text(from: a, to: b)
            // Scare quotes ("dewa catur", "aksi pengecut") are no one's words.
            let words = text.split(separator: " ").count
            guard words >= 2, who != nil || how != nil || words >= 5 else { return }
            quotes.append(
                Quote(text: text, speaker: who, verb: how, start: offsets.scalarOffset(ofByte: a), end: offsets.scalarOffset(ofByte: b), direct: true))
        }
        // In text order, so that "Ia" and "katanya" find the speaker before them: the direct quotes
        // opening in each sentence, else reported speech in a sentence without quotation marks.
        let spans = quoteSpans(t)
        var nextSpan = 0
        var lo = 0
        for r in sentences {
            while lo < n && t.tokens[lo].start < r.lowerBound { lo += 1 }
            var hi = lo
            while hi < n && t.tokens[hi].start < r.upperBound { hi += 1 }
            while nextSpan < spans.count && spans[nextSpan].open < hi {
                direct(spans[nextSpan])
                nextSpan += 1
            }
            guard hi > lo, !(lo..<hi).contains(where: { covered[$0] }) else { continue }
            for v in lo..<hi where t.tokens[v].kind == .word {
                let h = lowerHash[v]
                guard reportingHashes.contains(h) || h == menurutHash else { continue }
                var clauseStart: Int? = nil
                var who: String? = nil
                if reportingHashes.contains(h) {
                    // "… mengatakan (kepada wartawan) bahwa …"
                    var c = v + 1
                    while c < hi && c <= v + 5 && !(t.tokens[c].kind == .word && complementizers.contains(t.lower(c))) { c += 1 }
                    guard c < hi && c <= v + 5 else { continue }
                    clauseStart = c + 1
                    var m = v - 1
                    while m >= lo && mentionAt[m] < 0 && !isPronoun(m) && v - m <= 8 { m -= 1 }
                    guard m >= lo && v - m <= 8 else { continue }
                    who = mentionAt[m] >= 0 ? speaker(mentionAt[m]).name : (lastSpeaker ?? lastNamed(before: m))
                    if mentionAt[m] >= 0 && mentions[mentionAt[m]].type != .person && mentions[mentionAt[m]].type != .organization { continue }
                    if mentionAt[m] >= 0, case let f = mentions[mentionAt[m]].start, f > lo, t.tokens[f - 1].kind == .word, unnamed.contains(t.lower(f - 1)) { continue }
                } else if h == menurutHash, let m = mention(from: v + 1, within: 4) {
                    // "Menurut Lavrov, …"
                    var c = mentions[m].end
                    while c < hi && !t.isPunct(c, 0x2C) && c - mentions[m].end < 8 { c += 1 }
                    guard c < hi && t.isPunct(c, 0x2C) else { continue }
                    clauseStart = c + 1
                    who = speaker(m).name
                }
                guard let cs = clauseStart, let speaker = who else { continue }
                var end = hi
                // Sentence punctuation off the end; a closing bracket stays: "… sanksi Amerika Serikat (AS)".
                while end > cs, t.tokens[end - 1].kind == .punct, t.tokens[end - 1].length == 1,
                    [0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F].contains(t.bytes[t.tokens[end - 1].start])
                {
                    end -= 1
                }
                guard end - cs >= 3 else { continue }
                let a = t.tokens[cs].start
                let b = t.tokens[end - 1].end
                lastSpeaker = speaker
                quotes.append(
                    Quote(
                        text: t.text(from: a, to: b), speaker: speaker, verb: verbsByHash[h], start: offsets.scalarOffset(ofByte: a),
                        end: offsets.scalarOffset(ofByte: b), direct: false))
                break
            }
        }
        while nextSpan < spans.count {
            direct(spans[nextSpan])
            nextSpan += 1
        }
        return quotes.sorted { $0.start < $1.start }
    }
}
