import LinimasaText

/// A tokenized sentence for the tagger: UTF-8 bytes (as written and ASCII lower-cased) and the
/// byte range of each token. Arrays share storage with the text they come from.
public struct NERInput: Sendable {
    public var bytes: [UInt8]
    public var lower: [UInt8]
    public var starts: [Int]
    public var ends: [Int]
    public var count: Int { starts.count }

    public init(bytes: [UInt8], lower: [UInt8], starts: [Int], ends: [Int]) {
        self.bytes = bytes
        self.lower = lower
        self.starts = starts
        self.ends = ends
    }

    /// Tokens given as strings (a CoNLL file): joined by spaces.
    public init<S: Sequence>(words: S) where S.Element: StringProtocol {
        var b: [UInt8] = []
        var s: [Int] = []
        var e: [Int] = []
        for w in words {
            if !b.isEmpty { b.append(0x20) }
            s.append(b.count)
            b.append(contentsOf: w.utf8)
            e.append(b.count)
        }
        self.init(bytes: b, lower: b.map { UTF8Class.isUpper($0) ? $0 | 0x20 : $0 }, starts: s, ends: e)
    }

    /// Tokens `range` of a tokenized text.
    public init(_ t: TokenizedText, tokens range: Range<Int>) {
        self.init(
            bytes: t.bytes, lower: t.lowerBytes, starts: t.tokens[range].map(\.start), ends: t.tokens[range].map(\.end))
    }

    public func word(_ i: Int) -> String { String(decoding: bytes[starts[i]..<ends[i]], as: UTF8.self) }
}

/// Names learned from training data: a lower-cased token sequence (up to `maxLength` tokens) and
/// its most frequent type.
struct Gazetteer: Sendable {
    static let maxLength = 6
    var entries: [UInt64: UInt8] = [:]

    static func key<C: Collection>(_ tokenHashes: C) -> UInt64 where C.Element == UInt64 {
        var h: UInt64 = 0x243f_6a88_85a3_08d3
        for t in tokenHashes { h = mix64(h ^ t) }
        return h
    }

    /// For each token, the label (B or I of a type) of the longest gazetteer name covering it, or 0.
    func labels(_ lowerHashes: [UInt64]) -> [UInt8] {
        let n = lowerHashes.count
        var out = [UInt8](repeating: 0, count: n)
        guard !entries.isEmpty else { return out }
        var i = 0
        while i < n {
            var matched = 0
            var type: UInt8 = 0
            var len = min(Gazetteer.maxLength, n - i)
            while len >= 1 {
                if let t = entries[Gazetteer.key(lowerHashes[i..<(i + len)])] {
                    matched = len
                    type = t
                    break
                }
                len -= 1
            }
            if matched > 0 {
                out[i] = UInt8(NERLabel.begin(EntityType(rawValue: Int(type))!))
                for k in 1..<matched { out[i + k] = UInt8(NERLabel.inside(EntityType(rawValue: Int(type))!)) }
                i += matched
            } else {
                i += 1
            }
        }
        return out
    }
}

/// Feature keys for a sentence. Each static feature is a 64-bit hash of (template, value); the
/// tag-history features are made while decoding, from the previous labels.
struct NERFeatureExtractor {
    static let staticCount = 30
    static let dynamicCount = 4
    /// The templates that read the lower-cased word alone (the word, its prefixes and suffixes, its
    /// classes): a tagger sums them once per known word. The tagger adds them first, then the others.
    static let wordOnly: [Int] = [1, 8, 9, 10, 11, 12, 13, 26, 27]
    static let contextual: [Int] = (0..<staticCount).filter { !wordOnly.contains($0) }

    /// The word-only keys of a lower-cased spelling, in `wordOnly` order (0 where a template does not
    /// apply), hashed as `hashes` hashes a token of that spelling: the word, its first and last two,
    /// three and four bytes when it is longer, its classes. Straight from the bytes, with no arrays a
    /// token: a tagger asks this of every word the clusters know when it is made (start-up).
    static func wordOnlyKeys(_ lower: [UInt8], classes: (fine: UInt64, coarse: UInt64)) -> [UInt64] {
        lower.withUnsafeBufferPointer { b in
            let n = b.count
            var keys = [UInt64](repeating: 0, count: wordOnly.count)
            keys[0] = key(1, hashBytes(b))
            for k in 0..<3 where n > k + 2 {
                let m = k + 2
                let pre = hashBytes(UnsafeBufferPointer(rebasing: b[0..<m]))
                let suf = hashBytes(UnsafeBufferPointer(rebasing: b[(n - m)..<n]))
                keys[1 + k] = pre == 0 ? 0 : key(8 + UInt64(k), pre)
                keys[4 + k] = suf == 0 ? 0 : key(11 + UInt64(k), suf)
            }
            keys[7] = key(26, classes.fine)
            keys[8] = key(27, classes.coarse)
            return keys
        }
    }

    /// Per-token hashes reused by several templates.
    struct TokenHashes {
        var lower: [UInt64]
        var cased: [UInt64]
        var shape: [UInt64]
        var pre: [[UInt64]]  // 2, 3, 4 bytes
        var suf: [[UInt64]]
        var gaz: [UInt8]
        /// Word classes (`WordClusters`), 0 for a word with none.
        var fine: [UInt64]
        var coarse: [UInt64]
        /// The word's number in `WordClusters`, -1 for a word it does not know.
        var known: [Int32]
    }

    static let bos: UInt64 = 0x1111_2222_3333_4444
    static let eos: UInt64 = 0x5555_6666_7777_8888

    @inline(__always) static func key(_ template: UInt64, _ value: UInt64) -> UInt64 {
        let k = mix64(value &+ template &* 0x9e37_79b9_7f4a_7c15)
        return k == 0 ? 1 : k
    }
    @inline(__always) static func pair(_ a: UInt64, _ b: UInt64) -> UInt64 { mix64(a ^ (b << 17 | b >> 47)) }

    /// Word shape with runs collapsed: "Jakarta" → "Xx", "S-400" → "X-d", "COVID-19" → "X-d", "dan" → "x".
    static func shapeHash(_ b: ArraySlice<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var last: UInt8 = 0
        var n = 0
        for c in b {
            let s: UInt8 =
                UTF8Class.isUpper(c) ? 88 : (c >= 97 && c <= 122) ? 120 : (c >= 48 && c <= 57) ? 100 : c >= 0x80 ? 120 : c
            if s != last {
                h = (h ^ UInt64(s)) &* 0x0000_0100_0000_01b3
                last = s
                n += 1
            }
        }
        // Long all-caps words (acronyms) and single capitals differ from names.
        let len = b.count
        let bucket: UInt64 = len == 1 ? 1 : len <= 3 ? 2 : len <= 6 ? 3 : 4
        return mix64(h ^ bucket)
    }

    /// `sparing`: a word `clusters` knows gets no prefix or suffix hashes (a tagger reads its
    /// word-only features from a row summed once).
    static func hashes(_ input: NERInput, gazetteer: Gazetteer, clusters: WordClusters, sparing: Bool = false) -> TokenHashes {
        let n = input.count
        var lower = [UInt64](repeating: 0, count: n)
        var cased = [UInt64](repeating: 0, count: n)
        var shape = [UInt64](repeating: 0, count: n)
        var pre = [[UInt64]](repeating: [UInt64](repeating: 0, count: n), count: 3)
        var suf = pre
        var known = [Int32](repeating: -1, count: n)
        let lookUp = !clusters.isEmpty
        input.lower.withUnsafeBufferPointer { lb in
            for i in 0..<n {
                let s = input.starts[i]
                let e = input.ends[i]
                lower[i] = hashBytes(UnsafeBufferPointer(rebasing: lb[s..<e]))
                cased[i] = input.bytes[s] == input.lower[s] ? lower[i] : hashBytes(input.bytes[s..<e])
                shape[i] = shapeHash(input.bytes[s..<e])
                if lookUp {
                    known[i] = clusters.index(lower[i])
                    if sparing && known[i] >= 0 { continue }
                }
                let len = e - s
                for k in 0..<3 {
                    let m = k + 2
                    if len > m {
                        pre[k][i] = hashBytes(UnsafeBufferPointer(rebasing: lb[s..<(s + m)]))
                        suf[k][i] = hashBytes(UnsafeBufferPointer(rebasing: lb[(e - m)..<e]))
                    }
                }
            }
        }
        var fine = [UInt64](repeating: 0, count: n)
        var coarse = [UInt64](repeating: 0, count: n)
        for i in 0..<n where known[i] >= 0 { (fine[i], coarse[i]) = clusters.classes(of: Int(known[i])) }
        return TokenHashes(
            lower: lower, cased: cased, shape: shape, pre: pre, suf: suf, gaz: gazetteer.labels(lower), fine: fine,
            coarse: coarse, known: known)
    }

    /// `staticCount` keys per token, token after token (0 where a template does not apply).
    /// `sparing`: as `hashes`, and a known word's word-only keys are left 0.
    static func staticFeatures(
        _ input: NERInput, gazetteer: Gazetteer, clusters: WordClusters, sparing: Bool = false
    ) -> (keys: [UInt64], hashes: TokenHashes) {
        let h = hashes(input, gazetteer: gazetteer, clusters: clusters, sparing: sparing)
        let n = input.count
        var out = [UInt64](repeating: 0, count: n * staticCount)
        @inline(__always) func lw(_ i: Int) -> UInt64 { i < 0 ? bos : i >= n ? eos : h.lower[i] }
        @inline(__always) func sh(_ i: Int) -> UInt64 { i < 0 ? bos : i >= n ? eos : h.shape[i] }
        @inline(__always) func gz(_ i: Int) -> UInt64 { i < 0 || i >= n ? 99 : UInt64(h.gaz[i]) }
        @inline(__always) func fc(_ i: Int) -> UInt64 { i < 0 ? bos : i >= n ? eos : h.fine[i] }
        for i in 0..<n {
            let b = i * staticCount
            out[b + 0] = key(0, 0)
            let spared = sparing && h.known[i] >= 0
            if !spared { out[b + 1] = key(1, lw(i)) }
            out[b + 2] = key(2, lw(i - 1))
            out[b + 3] = key(3, lw(i + 1))
            out[b + 4] = key(4, lw(i - 2))
            out[b + 5] = key(5, lw(i + 2))
            out[b + 6] = key(6, pair(lw(i - 1), lw(i)))
            out[b + 7] = key(7, pair(lw(i), lw(i + 1)))
            for k in 0..<3 where !spared {
                out[b + 8 + k] = h.pre[k][i] == 0 ? 0 : key(8 + UInt64(k), h.pre[k][i])
                out[b + 11 + k] = h.suf[k][i] == 0 ? 0 : key(11 + UInt64(k), h.suf[k][i])
            }
            out[b + 14] = key(14, sh(i))
            out[b + 15] = key(15, pair(pair(sh(i - 1), sh(i)), sh(i + 1)))
            out[b + 16] = key(16, sh(i - 1))
            out[b + 17] = key(17, sh(i + 1))
            out[b + 18] = key(18, pair(i == 0 ? 1 : 0, sh(i)))
            out[b + 19] = key(19, gz(i))
            out[b + 20] = key(20, pair(gz(i - 1), gz(i)))
            out[b + 21] = key(21, pair(gz(i), gz(i + 1)))
            out[b + 22] = key(22, pair(lw(i - 1), sh(i)))
            out[b + 23] = key(23, pair(sh(i), lw(i + 1)))
            out[b + 24] = key(24, h.cased[i])
            out[b + 25] = key(25, pair(lw(i - 1), i + 1 < n ? h.cased[i + 1] : eos))
            // Word classes: the word's two, its neighbours' fine ones.
            if !spared {
                out[b + 26] = key(26, fc(i))
                out[b + 27] = key(27, h.coarse[i])
            }
            out[b + 28] = key(28, pair(fc(i - 1), sh(i)))
            out[b + 29] = key(29, pair(sh(i), fc(i + 1)))

        }
        return (out, h)
    }

    /// The tag-history keys that read labels alone: the previous label, and the previous two.
    @inline(__always) static func previousKey(_ prev: Int) -> UInt64 { key(30, UInt64(prev)) }
    @inline(__always) static func pairKey(_ prev: Int, _ prev2: Int) -> UInt64 { key(31, UInt64(prev) &* 64 &+ UInt64(prev2)) }
    /// The tag-history keys that read the previous label with the word, and with its shape.
    @inline(__always) static func wordKey(_ prev: Int, _ i: Int, _ h: TokenHashes) -> UInt64 { wordKey(prev, lower: h.lower[i]) }
    @inline(__always) static func wordKey(_ prev: Int, lower: UInt64) -> UInt64 { key(32, pair(UInt64(prev), lower)) }
    @inline(__always) static func shapeKey(_ prev: Int, _ i: Int, _ h: TokenHashes) -> UInt64 { key(33, pair(UInt64(prev), h.shape[i])) }

    /// Tag-history features of token `i` given the two previous labels.
    @inline(__always) static func dynamicFeatures(
        _ i: Int, prev: Int, prev2: Int, hashes h: TokenHashes, into out: inout (UInt64, UInt64, UInt64, UInt64)
    ) {
        out = (previousKey(prev), pairKey(prev, prev2), wordKey(prev, i, h), shapeKey(prev, i, h))
    }
}

