/// Splits text into sentences, knowing Indonesian and English abbreviations and quotations.
///
/// A sentence ends at `.`, `!`, `?` or `…` (with any closing quotes or brackets after it) when the
/// next token starts a sentence: a capital letter, a digit or an opening quote. Not at a title or
/// address abbreviation ("Dr.", "Prof.", "H.", "Jl.", "No."), an initial ("S.H.", "a.n."), or inside
/// a quotation: a quote of several sentences followed by its attribution (`"A. B," kata X.`) stays
/// one sentence. A line break always ends a sentence. When a paragraph's quotes do not balance,
/// that paragraph is split as if it had none.
public enum SentenceSplitter {
    /// Abbreviations after which a full stop never ends a sentence (lower case, without the dot).
    public static let abbreviations: Set<String> = [
        "dr", "drs", "dra", "prof", "h", "hj", "jl", "jln", "no", "nomor", "tn", "ny", "nn", "sdr", "sdri", "bpk", "kol",
        "jend", "letjen", "mayjen", "brigjen", "kombes", "kompol", "akbp", "ipda", "iptu", "aiptu", "bripka", "ir",
        "drg", "st", "mr", "mrs", "ms", "jr", "sr", "vs", "hlm", "tel", "telp", "kab", "kec", "kel", "prov",
        "a.n", "u.p", "s.h", "s.e", "s.t", "s.pd", "s.sos", "m.si", "m.m", "m.a", "ph.d", "sept", "jan", "feb", "mar",
        "apr", "jun", "jul", "agu", "agt", "ags", "sep", "okt", "oct", "nov", "des", "dec", "gen", "lt", "capt", "gov",
        "rep", "sen", "pt", "cv", "tbk", "yth", "sdn", "bhd", "inc", "ltd", "co", "corp", "dkk", "etc", "e.g", "i.e",
    ]
    /// Abbreviations that often close a sentence too: a full stop after them ends one when a capital follows.
    public static let closingAbbreviations: Set<String> = ["dll", "dsb", "dst", "dkk", "etc"]

    /// Byte ranges of the sentences in `text`, trimmed of surrounding space.
    public static func split(_ text: TokenizedText) -> [Range<Int>] {
        var result: [Range<Int>] = []
        let toks = text.tokens
        guard !toks.isEmpty else { return [] }
        var lo = 0
        for i in 1...toks.count {
            if i == toks.count || gapHasNewline(text, i - 1, i) {
                let part = splitParagraph(text, lo, i, useQuotes: true)
                result.append(contentsOf: part)
                lo = i
            }
        }
        return result
    }

    static func gapHasNewline(_ t: TokenizedText, _ a: Int, _ b: Int) -> Bool {
        for k in t.tokens[a].end..<t.tokens[b].start where t.bytes[k] == 0x0A { return true }
        return false
    }

    static func splitParagraph(_ t: TokenizedText, _ lo: Int, _ hi: Int, useQuotes: Bool) -> [Range<Int>] {
        var out: [Range<Int>] = []
        let toks = t.tokens
        let bytes = t.bytes
        var depth = 0
        var straightOpen = false
        var start = lo
        var i = lo
        var suppressed = false
        func scalarAt(_ k: Int) -> UInt32 {
            bytes.withUnsafeBufferPointer { UTF8Class.scalar($0, toks[k].start).value }
        }
        func trackQuote(_ k: Int) {
            guard toks[k].kind == .punct else { return }
            let v = scalarAt(k)
            if UTF8Class.isOpenQuote(v) { depth += 1 } else if UTF8Class.isCloseQuote(v) { depth = max(0, depth - 1) } else if v == 0x22 {
                // A straight quote also closes a curly one left open (“…." is common in scraped text).
                if straightOpen || depth > 0 { depth = max(0, depth - 1); straightOpen = false } else { depth += 1; straightOpen = true }
            }
        }
        while i < hi {
            trackQuote(i)
            if isTerminal(t, i) {
                var j = i
                // Absorb repeated terminals and closing quotes/brackets glued to the stop.
                while j + 1 < hi, toks[j + 1].start == toks[j].end, isCloser(t, j + 1, depth: depth, straightOpen: straightOpen) || isTerminal(t, j + 1) {
                    j += 1
                    trackQuote(j)
                }
                if j + 1 >= hi { i = j + 1; break }
                let k = j + 1
                var boundary = toks[k].start > toks[j].end && startsSentence(t, k)
                if boundary, t.isPunct(i, UInt8(ascii: ".")), i > lo, isAbbreviation(t, i - 1) { boundary = false }
                if boundary, useQuotes, depth > 0 { boundary = false; suppressed = true }
                if boundary {
                    out.append(toks[start].start..<toks[j].end)
                    start = k
                }
                i = k
                continue
            }
            i += 1
        }
        if useQuotes && depth > 0 && suppressed {
            return splitParagraph(t, lo, hi, useQuotes: false)
        }
        if start < hi { out.append(toks[start].start..<toks[hi - 1].end) }
        return out
    }

    static func isTerminal(_ t: TokenizedText, _ k: Int) -> Bool {
        let tok = t.tokens[k]
        guard tok.kind == .punct else { return false }
        let b = t.bytes[tok.start]
        if tok.length == 1 { return b == UInt8(ascii: ".") || b == UInt8(ascii: "!") || b == UInt8(ascii: "?") }
        return tok.length == 3 && b == 0xE2 && t.bytes[tok.start + 1] == 0x80 && t.bytes[tok.start + 2] == 0xA6  // …
    }

    static func isCloser(_ t: TokenizedText, _ k: Int, depth: Int, straightOpen: Bool) -> Bool {
        let tok = t.tokens[k]
        guard tok.kind == .punct else { return false }
        let v = t.bytes.withUnsafeBufferPointer { UTF8Class.scalar($0, tok.start).value }
        return UTF8Class.isCloseQuote(v) || v == 0x2019 || v == 0x27 || v == 0x29 || v == 0x5D || (v == 0x22 && (straightOpen || depth > 0))
    }

    static func startsSentence(_ t: TokenizedText, _ k: Int) -> Bool {
        let tok = t.tokens[k]
        let b = t.bytes[tok.start]
        if UTF8Class.isUpper(b) || UTF8Class.isDigit(b) { return true }
        if tok.kind == .punct {
            let v = t.bytes.withUnsafeBufferPointer { UTF8Class.scalar($0, tok.start).value }
            return UTF8Class.isOpenQuote(v) || v == 0x22 || v == 0x28 || v == 0x2018 || v == 0x27 || v == 0x2D || v == 0x2022
        }
        // Non-ASCII capitals (É, Ö, …) count as sentence starts.
        if b >= 0x80 {
            let s = t.text(tok)
            return s.first.map { $0.isUppercase } ?? false
        }
        return false
    }

    /// Is token `k` (the word before a full stop) an abbreviation or an initial?
    static func isAbbreviation(_ t: TokenizedText, _ k: Int) -> Bool {
        let tok = t.tokens[k]
        guard tok.kind == .word else { return false }
        if tok.length == 1 { return true }  // an initial: "H.", "S."
        let w = t.lower(k)
        if abbreviations.contains(w) && !closingAbbreviations.contains(w) { return true }
        // Dotted abbreviations: "a.n.", "S.H.", "M.Si." — a dot right before this token.
        if k > 0, t.isPunct(k - 1, UInt8(ascii: ".")), t.tokens[k - 1].end == tok.start, tok.length <= 3 { return true }
        return false
    }
}
