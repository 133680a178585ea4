import LinimasaText

/// ROUGE (Lin 2004) as ROUGE-1.5.5 counts it: n-gram hits clipped by counts, pooled over a
/// summary's sentences; F1 from precision (hits / candidate n-grams) and recall (hits / reference
/// n-grams).
public struct Rouge: Sendable {
    /// Porter-stem words longer than three letters (ROUGE-1.5.5 `-m`).
    public var stem: Bool
    /// Drop English stop words (ROUGE-1.5.5 `-s`; a SMART-like list written for this project).
    public var removeStopwords: Bool

    public init(stem: Bool = false, removeStopwords: Bool = false) {
        self.stem = stem
        self.removeStopwords = removeStopwords
    }

    /// Lower case, every run of characters other than letters and digits is a break.
    public func tokens(_ text: String) -> [String] {
        var out: [String] = []
        var cur = ""
        func flush() {
            guard !cur.isEmpty else { return }
            defer { cur = "" }
            if removeStopwords && RougeStopwords.words.contains(cur) { return }
            out.append(stem && cur.count > 3 ? PorterStemmer.stem(cur) : cur)
        }
        for ch in text.lowercased().unicodeScalars {
            if ch.properties.isAlphabetic || ("0"..."9").contains(ch) {
                cur.unicodeScalars.append(ch)
            } else {
                flush()
            }
        }
        flush()
        return out
    }

    /// Raw counts for ROUGE-N: `hits` (clipped matches), `candidate` and `reference` n-gram totals.
    public struct Counts: Sendable, Equatable {
        public var hits: Double = 0
        public var candidate: Double = 0
        public var reference: Double = 0
        public init(hits: Double = 0, candidate: Double = 0, reference: Double = 0) {
            self.hits = hits
            self.candidate = candidate
            self.reference = reference
        }
        public var precision: Double { candidate > 0 ? hits / candidate : 0 }
        public var recall: Double { reference > 0 ? hits / reference : 0 }
        public var f1: Double { Rouge.f1(precision, recall) }
        public static func + (a: Counts, b: Counts) -> Counts {
            Counts(hits: a.hits + b.hits, candidate: a.candidate + b.candidate, reference: a.reference + b.reference)
        }
    }

    public static func f1(_ p: Double, _ r: Double) -> Double { p + r > 0 ? 2 * p * r / (p + r) : 0 }

    /// n-grams of the sentences read as one text, as ROUGE-1.5.5 reads a summary, counted.
    public func ngrams(_ sentences: [String], n: Int) -> [[String]: Int] {
        var c: [[String]: Int] = [:]
        let t = sentences.flatMap(tokens)
        guard t.count >= n else { return c }
        for i in 0...(t.count - n) { c[Array(t[i..<(i + n)]), default: 0] += 1 }
        return c
    }

    public func counts(candidate: [String], reference: [String], n: Int) -> Counts {
        let c = ngrams(candidate, n: n)
        let r = ngrams(reference, n: n)
        var hits = 0
        for (g, k) in c { hits += min(k, r[g] ?? 0) }
        return Counts(
            hits: Double(hits), candidate: Double(c.values.reduce(0, +)), reference: Double(r.values.reduce(0, +)))
    }

    /// ROUGE-L at summary level: for each reference sentence, the union of its longest common
    /// subsequences with every candidate sentence, hits clipped by the words' counts.
    public func rougeL(candidate: [String], reference: [String]) -> Counts {
        let cand = candidate.map(tokens)
        let ref = reference.map(tokens)
        var candLeft: [String: Int] = [:]
        var refLeft: [String: Int] = [:]
        for s in cand { for w in s { candLeft[w, default: 0] += 1 } }
        for s in ref { for w in s { refLeft[w, default: 0] += 1 } }
        var hits = 0
        for r in ref {
            var union = Set<Int>()
            for c in cand { union.formUnion(Self.lcsPositions(r, c)) }
            for p in union.sorted() {
                let w = r[p]
                if (candLeft[w] ?? 0) > 0 && (refLeft[w] ?? 0) > 0 {
                    hits += 1
                    candLeft[w]! -= 1
                    refLeft[w]! -= 1
                }
            }
        }
        return Counts(
            hits: Double(hits), candidate: Double(cand.reduce(0) { $0 + $1.count }),
            reference: Double(ref.reduce(0) { $0 + $1.count }))
    }

    /// Positions in `a` of one longest common subsequence of `a` and `b`.
    static func lcsPositions(_ a: [String], _ b: [String]) -> [Int] {
        let n = a.count
        let m = b.count
        guard n > 0, m > 0 else { return [] }
        var t = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in 1...n {
            for j in 1...m {
                t[i][j] = a[i - 1] == b[j - 1] ? t[i - 1][j - 1] + 1 : max(t[i - 1][j], t[i][j - 1])
            }
        }
        var out: [Int] = []
        var i = n
        var j = m
        while i > 0 && j > 0 {
            if a[i - 1] == b[j - 1] {
                out.append(i - 1)
                i -= 1
                j -= 1
            } else if t[i - 1][j] >= t[i][j - 1] {
                i -= 1
            } else {
                j -= 1
            }
        }
        return out.reversed()
    }
}
