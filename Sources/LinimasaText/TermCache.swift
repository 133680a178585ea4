import LinimasaCore

/// Turns words into term keys for comparing texts: a stop word gives 0, an Indonesian word the
/// hash of its stem (hunspell-id stemmer, or the word itself without a lexicon), an English word
/// the hash of its Porter stem. Memoised; not thread-safe, so one per thread.
public final class TermCache {
    public let stemmer: Stemmer?
    private var table: [UInt64: UInt64] = [:]

    public init(stemmer: Stemmer?) { self.stemmer = stemmer }

    public func term(_ lower: ArraySlice<UInt8>, language: Language) -> UInt64 {
        let h = hashBytes(lower) ^ (language == .en ? 0x5555 : 0)
        if let k = table[h] { return k }
        let word = String(decoding: lower, as: UTF8.self)
        var key: UInt64 = 0
        if !Stopwords.contains(word) {
            let stem: String
            switch language {
            case .en: stem = PorterStemmer.stem(word)
            case .id: stem = stemmer?.stem(word) ?? word
            }
            key = Stopwords.contains(stem) ? 0 : hashBytes(stem.utf8)
        }
        if table.count > 400_000 { table.removeAll(keepingCapacity: true) }
        table[h] = key
        return key
    }

    /// Adds the weighted term keys of `text`'s content words to `raw`. A capitalised word inside a
    /// sentence is taken as (part of) a name and counts double.
    public func addTerms(of text: TokenizedText, language: Language, weight: Float, into raw: inout [UInt64: Float]) {
        var sentenceStart = true
        for (i, t) in text.tokens.enumerated() {
            switch t.kind {
            case .punct:
                let c = text.bytes[t.start]
                if c == 0x2E || c == 0x21 || c == 0x3F || c == 0x0A { sentenceStart = true }
                continue
            case .word:
                break
            default:
                sentenceStart = false
                continue
            }
            defer { sentenceStart = false }
            guard t.length >= 3 || (t.length >= 2 && text.isCapitalized(i)) else { continue }
            let key = term(text.lowerBytes[t.start..<t.end], language: language)
            guard key != 0 else { continue }
            let name = !sentenceStart && text.isCapitalized(i)
            raw[key, default: 0] += name ? 2 * weight : weight
        }
    }
}

/// A sparse vector of hashed terms with unit length, sorted by term.
public struct TermVector: Sendable, Codable {
    /// Term keys cut to 32 bits: a million profiles stay small, and two terms of one text rarely collide.
    public var keys: [UInt32]
    public var weights: [Float]
    public init(keys: [UInt32] = [], weights: [Float] = []) {
        self.keys = keys
        self.weights = weights
    }

    /// Builds a unit vector from raw weights, keeping the `limit` heaviest terms.
    public init(_ raw: [UInt64: Float], limit: Int) {
        var merged: [UInt32: Float] = [:]
        for (k, v) in raw where v > 0 { merged[UInt32(truncatingIfNeeded: k), default: 0] += v }
        var pairs = merged.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        if pairs.count > limit { pairs.removeLast(pairs.count - limit) }
        pairs.sort { $0.key < $1.key }
        var norm: Float = 0
        for p in pairs { norm += p.value * p.value }
        norm = norm.squareRoot()
        keys = pairs.map(\.key)
        weights = pairs.map { norm > 0 ? $0.value / norm : 0 }
    }

    public var isEmpty: Bool { keys.isEmpty }

    /// The same vector without the terms of `other` (what an article says besides the words of the
    /// names it gives), unit length again.
    public func removing(termsOf other: TermVector) -> TermVector {
        let drop = Set(other.keys)
        var raw: [UInt64: Float] = [:]
        for k in keys.indices where !drop.contains(keys[k]) { raw[UInt64(keys[k])] = weights[k] }
        return TermVector(raw, limit: Int.max)
    }

    /// The `count` heaviest terms (ties: smaller key), heaviest first.
    public func heaviest(_ count: Int) -> [UInt64] {
        var order = Array(0..<keys.count)
        order.sort { weights[$0] != weights[$1] ? weights[$0] > weights[$1] : keys[$0] < keys[$1] }
        return order.prefix(count).map { UInt64(keys[$0]) }
    }

    /// Cosine similarity of two unit vectors (a merge of the two sorted key lists, over the arrays'
    /// storage: story clustering computes it millions of times).
    public func cosine(_ o: TermVector) -> Float {
        weights.withUnsafeBufferPointer { aw in
            o.weights.withUnsafeBufferPointer { bw in
                var s: Float = 0
                Self.forEachShared(keys, o.keys) { i, j in s += aw[i] * bw[j] }
                return s
            }
        }
    }

    /// Calls `body(i, j)` for each key the two ascending lists share (`a[i] == b[j]`), in ascending
    /// order: the merge every cosine of sparse vectors walks, so that sums over it are added in one order.
    @inlinable
    public static func forEachShared(_ a: [UInt32], _ b: [UInt32], _ body: (Int, Int) -> Void) {
        a.withUnsafeBufferPointer { ak in
            b.withUnsafeBufferPointer { bk in
                var i = 0
                var j = 0
                while i < ak.count && j < bk.count {
                    let x = ak[i], y = bk[j]
                    if x == y {
                        body(i, j)
                        i += 1
                        j += 1
                    } else if x < y {
                        i += 1
                    } else {
                        j += 1
                    }
                }
            }
        }
    }

    /// Adds `other` scaled by `scale` to a dictionary of raw weights.
    public func add(into acc: inout [UInt64: Float], scale: Float = 1) {
        for k in 0..<keys.count { acc[UInt64(keys[k]), default: 0] += weights[k] * scale }
    }
}
