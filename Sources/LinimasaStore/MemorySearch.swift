import Foundation
import Linimasa

/// A full-text index in memory that reads words as the SQLite store's tokenizer does (runs of
/// letters and digits, lower case, diacritics removed, words of more than three bytes stemmed, a
/// prefix's words too), matches `SearchExpression`s, and ranks by BM25 as FTS5's `bm25()`
/// computes it, with a weight per column.
struct MemorySearchIndex {
    struct Token {
        var text: String
        var range: Range<String.Index>
    }

    struct Document {
        /// Each column's words, in order.
        var columns: [[String]]
        var length: Int
    }

    let stemmer: Stemmer?
    let weights: [Double]
    private(set) var documents: [Int64: Document] = [:]
    private var postings: [String: Set<Int64>] = [:]
    private var totalLength = 0

    init(stemmer: Stemmer?, weights: [Double]) {
        self.stemmer = stemmer
        self.weights = weights
    }

    /// Words of `text` as the index keeps them (a query's prefix is stemmed as a word is).
    static func tokens(_ text: String, stemmer: Stemmer?) -> [Token] {
        var out: [Token] = []
        forEachWord(in: text) { range in
            let folded = Self.folded(text[range])
            let word = stemmer != nil && folded.utf8.count > 3 ? stemmer!.stem(folded) : folded
            out.append(Token(text: word, range: range))
            return true
        }
        return out
    }

    static func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber }

    /// A word in lower case with its diacritics taken off, as `lowercased()` then Foundation's
    /// `folding(options: .diacriticInsensitive)` make it. A word of ASCII bytes (most words of
    /// Indonesian and English news) has no diacritic to take off and is lower-cased byte by byte:
    /// Foundation's folding goes through an NSString a word, which was two thirds of making a
    /// PostgreSQL article row's words (`foldedIsFoundationsFolding` holds the two to one answer).
    static func folded(_ word: Substring) -> String {
        let ascii = word.utf8.withContiguousStorageIfAvailable { b -> String? in
            guard !b.contains(where: { $0 >= 0x80 }) else { return nil }
            return String(unsafeUninitializedCapacity: b.count) { out in
                for i in b.indices { out[i] = UTF8Class.isUpper(b[i]) ? b[i] | 0x20 : b[i] }
                return b.count
            }
        }
        if let s = ascii.flatMap({ $0 }) { return s }
        return String(word).lowercased().folding(options: .diacriticInsensitive, locale: nil)
    }

    /// Each run of letters and digits of `text` (characters, as `isWordCharacter` reads them), in
    /// order, until `body` says stop. The walk is over the UTF-8 bytes: an ASCII byte followed by
    /// another ASCII byte (or the end) is a character of its own (Unicode's grapheme rules join
    /// nothing to an ASCII character from the left or right but non-ASCII marks, and CR LF, which is
    /// no word character either way), read from a table; anywhere else the next character is found
    /// by the string's own grapheme breaking. The runs are those of a walk over `Character`s.
    static func forEachWord(in text: String, _ body: (Range<String.Index>) -> Bool) {
        let walked: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            let n = bytes.count
            let utf8 = text.utf8
            @inline(__always) func index(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
            /// Whether the character at `p` is a word character, and where the next one starts.
            @inline(__always) func step(_ p: Int) -> (word: Bool, next: Int) {
                let b = bytes[p]
                if b < 0x80 && (p + 1 == n || bytes[p + 1] < 0x80) { return (asciiWord[Int(b)], p + 1) }
                let i = index(p)
                let next = text.index(after: i)
                return (isWordCharacter(text[i]), utf8.distance(from: utf8.startIndex, to: next))
            }
            var p = 0
            while p < n {
                let (word, next) = step(p)
                guard word else {
                    p = next
                    continue
                }
                var q = next
                while q < n {
                    let (w, after) = step(q)
                    if !w { break }
                    q = after
                }
                guard body(index(p)..<index(q)) else { return }
                p = q
            }
        }
        if walked != nil { return }
        // Text not held as contiguous UTF-8 (bridged): character by character.
        var i = text.startIndex
        while i < text.endIndex {
            guard isWordCharacter(text[i]) else {
                i = text.index(after: i)
                continue
            }
            var j = i
            while j < text.endIndex && isWordCharacter(text[j]) { j = text.index(after: j) }
            guard body(i..<j) else { return }
            i = j
        }
    }

    /// What `isWordCharacter` says of each ASCII character, by its byte.
    static let asciiWord: [Bool] = (0..<128).map { b in isWordCharacter(Character(Unicode.Scalar(UInt8(b)))) }

    /// The text's tokens with the words the index made of them (one a token, in order), without
    /// folding or stemming again; nil when the words do not line up with the text.
    static func tokens(_ text: String, words: [String]) -> [Token]? {
        var out: [Token] = []
        out.reserveCapacity(words.count)
        var aligned = true
        forEachWord(in: text) { range in
            guard out.count < words.count else {
                aligned = false
                return false
            }
            out.append(Token(text: words[out.count], range: range))
            return true
        }
        return aligned && out.count == words.count ? out : nil
    }

    mutating func add(_ id: Int64, columns: [String]) {
        remove(id)
        let words = columns.map { Self.tokens($0, stemmer: stemmer).map(\.text) }
        let doc = Document(columns: words, length: words.reduce(0) { $0 + $1.count })
        documents[id] = doc
        totalLength += doc.length
        for w in Set(words.joined()) { postings[w, default: []].insert(id) }
    }

    mutating func remove(_ id: Int64) {
        guard let doc = documents.removeValue(forKey: id) else { return }
        totalLength -= doc.length
        for w in Set(doc.columns.joined()) {
            postings[w]?.remove(id)
            if postings[w]?.isEmpty == true { postings[w] = nil }
        }
    }

    /// A phrase's words as the index holds them.
    func phraseWords(_ text: String) -> [String] { Self.tokens(text, stemmer: stemmer).map(\.text) }

    /// How often the phrase occurs in each column of a document.
    func frequencies(_ words: [String], prefix: Bool, in doc: Document) -> [Int] { Self.frequencies(words, prefix: prefix, in: doc.columns) }

    /// How often a phrase (its words as the index holds them) occurs in each column's words.
    static func frequencies(_ words: [String], prefix: Bool, in columns: [[String]]) -> [Int] {
        columns.map { col in
            guard !words.isEmpty, col.count >= words.count else { return 0 }
            var n = 0
            for start in 0...(col.count - words.count) {
                var ok = true
                for (k, w) in words.enumerated() {
                    let t = col[start + k]
                    if k == words.count - 1 && prefix ? !t.hasPrefix(w) : t != w {
                        ok = false
                        break
                    }
                }
                if ok { n += 1 }
            }
            return n
        }
    }

    /// Documents holding the phrase.
    func matches(_ text: String, prefix: Bool) -> Set<Int64> {
        let words = phraseWords(text)
        guard let last = words.last else { return [] }
        var candidates: Set<Int64>
        if prefix {
            candidates = []
            for (w, ids) in postings where w.hasPrefix(last) { candidates.formUnion(ids) }
        } else {
            candidates = postings[last] ?? []
        }
        for w in words.dropLast() { candidates.formIntersection(postings[w] ?? []) }
        if words.count == 1 { return candidates }
        return candidates.filter { id in frequencies(words, prefix: prefix, in: documents[id]!).contains { $0 > 0 } }
    }

    func matches(_ e: SearchExpression) -> Set<Int64> {
        switch e {
        case .phrase(let t, let p): return matches(t, prefix: p)
        case .and(let a, let b): return matches(a).intersection(matches(b))
        case .or(let a, let b): return matches(a).union(matches(b))
        case .not(let a, let b): return matches(a).subtracting(matches(b))
        }
    }

    /// BM25 of each document for the expression's phrases (k1 1.2, b 0.75; FTS5's idf, never
    /// below 1e-6; a phrase's frequency the columns' counts times their weights); larger is better.
    func scores(_ ids: Set<Int64>, for e: SearchExpression) -> [Int64: Double] {
        let n = Double(documents.count)
        let avg = n > 0 ? Double(totalLength) / n : 1
        let phrases = e.phrases.map { p in (words: phraseWords(p.text), prefix: p.prefix, hits: Double(matches(p.text, prefix: p.prefix).count)) }
        var out: [Int64: Double] = [:]
        for id in ids {
            let doc = documents[id]!
            out[id] = Self.bm25(
                phrases.map { p in (frequencies(p.words, prefix: p.prefix, in: doc), p.hits) }, weights: weights, rows: n, length: doc.length,
                averageLength: avg)
        }
        return out
    }

    /// FTS5's `bm25()` for one row: each phrase's column counts and the rows it occurs in.
    static func bm25(_ phrases: [(counts: [Int], hits: Double)], weights: [Double], rows n: Double, length: Int, averageLength avg: Double) -> Double {
        var score = 0.0
        for p in phrases {
            var idf = log((n - p.hits + 0.5) / (p.hits + 0.5))
            if idf <= 0 { idf = 1e-6 }
            let f = zip(p.counts, weights).reduce(0.0) { $0 + Double($1.0) * $1.1 }
            score += idf * (f * 2.2) / (f + 1.2 * (0.25 + 0.75 * Double(length) / avg))
        }
        return score
    }

    /// Up to 24 words of the column with most matches around the first, matches between the
    /// store's marks, "…" where the text is cut.
    func snippet(
        _ columns: [String], words: [[String]]? = nil, for e: SearchExpression, terms: SnippetTerms? = nil, open: String, close: String
    ) -> String {
        let terms = terms ?? SnippetTerms(e, index: self)
        let exact = terms.exact, prefixes = terms.prefixes
        func hit(_ t: Token) -> Bool { exact.contains(t.text) || prefixes.contains { t.text.hasPrefix($0) } }
        var best: (text: String, tokens: [Token], hits: Int)? = nil
        for (c, text) in columns.enumerated() {
            let tokens = words.flatMap { c < $0.count ? Self.tokens(text, words: $0[c]) : nil } ?? Self.tokens(text, stemmer: stemmer)
            let hits = tokens.filter(hit).count
            if best == nil || hits > best!.hits { best = (text, tokens, hits) }
        }
        guard let (text, tokens, _) = best, !tokens.isEmpty else { return "" }
        let first = tokens.firstIndex(where: hit) ?? 0
        let start = max(0, min(first - 2, tokens.count - 24))
        let end = min(tokens.count, start + 24)
        var out = start > 0 ? "…" : ""
        var cursor = start > 0 ? tokens[start].range.lowerBound : text.startIndex
        for t in tokens[start..<end] {
            out += text[cursor..<t.range.lowerBound]
            out += hit(t) ? open + text[t.range] + close : String(text[t.range])
            cursor = t.range.upperBound
        }
        out += end < tokens.count ? "…" : text[cursor...]
        return out
    }
}

/// The words a snippet marks: every word of every phrase as the index holds it, a prefix phrase's
/// last word read as a prefix. Worked out once a search, not once a snippet.
struct SnippetTerms {
    var exact = Set<String>()
    var prefixes: [String] = []
    init(_ e: SearchExpression, index: MemorySearchIndex) {
        for p in e.phrases {
            let words = index.phraseWords(p.text)
            for (k, w) in words.enumerated() {
                if p.prefix && k == words.count - 1 { prefixes.append(w) } else { exact.insert(w) }
            }
        }
    }
}

/// The full-text search the stores that rank themselves share (memory, PostgreSQL): words as the
/// index reads them, phrase counts, FTS5's BM25, and snippets.
enum SearchWords {
    /// Columns' weights in BM25: a title counts five times a body.
    static let weights: [Double] = [5, 1]

    static func tokens(_ text: String, stemmer: Stemmer?) -> [String] {
        MemorySearchIndex.tokens(text, stemmer: stemmer).map(\.text)
    }

    /// The expression's phrases as the index holds their words (worked out once a query).
    static func phrases(_ expression: SearchExpression, stemmer: Stemmer?) -> [(words: [String], prefix: Bool)] {
        expression.phrases.map { (tokens($0.text, stemmer: stemmer), $0.prefix) }
    }

    /// Counts a query's phrases in columns kept as words with one space between (as the PostgreSQL
    /// store keeps them), over the UTF-8 bytes, with no string made per word: what
    /// `MemorySearchIndex.frequencies` counts over arrays of words.
    struct Counter {
        let phrases: [(words: [[UInt8]], prefix: Bool)]
        /// Each phrase's words joined by one space, the bytes a column holds where the phrase occurs.
        let joined: [[UInt8]]
        /// Whether every word is a plain word (not empty, no space): then a phrase is found by
        /// searching the column's bytes for `joined`.
        let plain: Bool
        /// Whether every phrase is one word.
        let singleWords: Bool
        init(_ phrases: [(words: [String], prefix: Bool)]) {
            self.phrases = phrases.map { ($0.words.map { Array($0.utf8) }, $0.prefix) }
            joined = phrases.map { Array($0.words.joined(separator: " ").utf8) }
            plain = self.phrases.allSatisfy { p in p.words.allSatisfy { !$0.isEmpty && !$0.contains(0x20) } }
            singleWords = self.phrases.allSatisfy { $0.words.count == 1 }
        }

        /// Whether two spaces stand together (or one at either end): words not one space apart.
        static func hasDoubleSpace(_ bytes: UnsafeRawBufferPointer) -> Bool {
            if bytes.first == 0x20 || bytes.last == 0x20 { return true }
            var i = 1
            while i < bytes.count {
                if bytes[i] == 0x20 && bytes[i - 1] == 0x20 { return true }
                i += 1
            }
            return false
        }

        /// `counts[k][c]`: occurrences of phrase `k` in column `c`.
        func counts(in columns: [String]) -> [[Int]] {
            var out = [[Int]](repeating: [Int](repeating: 0, count: columns.count), count: phrases.count)
            for (c, column) in columns.enumerated() {
                var column = column
                column.withUTF8 { count(UnsafeRawBufferPointer($0), column: c, into: &out) }
            }
            return out
        }

        /// Counts phrases in one column's bytes into `out[k][column]`. A phrase occurs where its words'
        /// bytes, joined by one space, stand between the column's ends or spaces (a prefix's last word
        /// may go on), found by `memchr` and `memcmp`; occurrences may overlap ("a a" twice in
        /// "a a a"). A phrase of several words is found so only where the column's words are one space
        /// apart (how the store writes them); otherwise the words are split first.
        func count(_ bytes: UnsafeRawBufferPointer, column c: Int, into out: inout [[Int]]) {
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
            let n = bytes.count
            // One word is found by its bytes between spaces however the words are spaced; a phrase
            // of several, only where they are one space apart.
            if plain && (singleWords || !Self.hasDoubleSpace(bytes)) {
                for (k, p) in phrases.enumerated() where !p.words.isEmpty {
                    var found = 0
                    joined[k].withUnsafeBytes { needle in
                        var from = 0
                        // Candidates by their first byte (memchr), then the rest compared (memcmp).
                        while let at = bytes.firstOffset(of: needle[0], from: from) {
                            let end = at + needle.count
                            if end <= n && (at == 0 || bytes[at - 1] == 0x20) && (p.prefix || end == n || bytes[end] == 0x20)
                                && memcmp(base + at, needle.baseAddress!, needle.count) == 0
                            {
                                found += 1
                            }
                            from = at + 1
                        }
                    }
                    out[k][c] = found
                }
                return
            }
            // Word boundaries, once a column.
            var starts: [Int] = []
            var ends: [Int] = []
            var i = 0
            while i < bytes.count {
                while i < bytes.count && bytes[i] == 0x20 { i += 1 }
                guard i < bytes.count else { break }
                let start = i
                while i < bytes.count && bytes[i] != 0x20 { i += 1 }
                starts.append(start)
                ends.append(i)
            }
            for (k, p) in phrases.enumerated() where !p.words.isEmpty && starts.count >= p.words.count {
                var n = 0
                for first in 0...(starts.count - p.words.count) {
                    var ok = true
                    for (j, w) in p.words.enumerated() {
                        let s = starts[first + j], e = ends[first + j]
                        let prefix = p.prefix && j == p.words.count - 1
                        if prefix ? e - s < w.count : e - s != w.count {
                            ok = false
                            break
                        }
                        for m in 0..<w.count where bytes[s + m] != w[m] {
                            ok = false
                            break
                        }
                        if !ok { break }
                    }
                    if ok { n += 1 }
                }
                out[k][c] = n
            }
        }
    }

    /// BM25 of one row from each phrase's occurrences by column (`counts[k]`: title, body) and the
    /// row's length in words.
    static func score(_ counts: [[Int]], hits: [Int], rows: Int, length: Int, averageLength: Double) -> Double {
        MemorySearchIndex.bm25(
            counts.enumerated().map { k, c in (c, Double(hits[k])) }, weights: weights, rows: Double(rows), length: length,
            averageLength: averageLength)
    }

    /// A snippet of the column with most matches, HTML-escaped, matches in `<mark>`; `words`, the
    /// columns' words as the index keeps them (a space between), spares stemming the text again.
    static func snippet(
        _ columns: [String], words: [String]? = nil, for expression: SearchExpression, terms: SnippetTerms? = nil, stemmer: Stemmer?
    ) -> String {
        Store.markup(
            MemorySearchIndex(stemmer: stemmer, weights: weights).snippet(
                columns, words: words?.map { $0.split(separator: " ").map(String.init) }, for: expression, terms: terms, open: Store.markOpen,
                close: Store.markClose))
    }

    /// A search's snippet terms (`SnippetTerms`), for `snippet(_:words:for:terms:stemmer:)`.
    static func terms(_ expression: SearchExpression, stemmer: Stemmer?) -> SnippetTerms {
        SnippetTerms(expression, index: MemorySearchIndex(stemmer: stemmer, weights: weights))
    }

    /// Ranks rows by score, best first (ties: the smaller row), one page.
    static func ranked(_ scores: [Int64: Double], offset: Int, limit: Int) -> [(Int64, Double)] {
        MemoryStore.ranked(scores, offset: offset, limit: limit)
    }
}
