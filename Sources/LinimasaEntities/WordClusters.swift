import Foundation
import LinimasaText

/// Word classes learned from unlabelled text, for the tagger: each known word (its lower-cased
/// spelling) has a fine and a coarse class. A word the tagger has never seen in a name shares its
/// class with the words that stand where it stands ("Surabaya" with "Medan", "Bandung"), so what
/// the model learned of those carries over. The spellings let a tagger sum once, for every known
/// word, the features that depend on the word alone.
struct WordClusters: Sendable, Equatable {
    /// Lower-cased spellings, by their hash.
    let words: [[UInt8]]
    /// Each word's hash (`hashBytes` of its spelling), in the same order, ascending.
    let hashes: [UInt64]
    /// Each word's fine class in the low 16 bits, coarse class in the high 16 (both from 1).
    let classes: [UInt32]
    /// For look-ups: open addressing, a word's hash and its number side by side (hash 0: empty).
    private let slots: [(key: UInt64, index: Int32)]
    private let mask: Int

    init(words: [[UInt8]] = [], classes: [UInt32] = []) {
        precondition(words.count == classes.count)
        let hashes = words.map { hashBytes($0) }
        let order = words.indices.sorted { hashes[$0] < hashes[$1] }
        self.words = order.map { words[$0] }
        self.hashes = order.map { hashes[$0] }
        self.classes = order.map { classes[$0] }
        var cap = 16
        while cap < words.count * 2 { cap <<= 1 }
        var slots = [(key: UInt64, index: Int32)](repeating: (0, -1), count: cap)
        for (i, j) in order.enumerated() {
            let k = hashes[j]
            var s = Int(truncatingIfNeeded: mix64(k)) & (cap - 1)
            while slots[s].key != 0 { s = (s + 1) & (cap - 1) }
            slots[s] = (k, Int32(i))
        }
        self.slots = slots
        self.mask = cap - 1
    }

    static func == (a: WordClusters, b: WordClusters) -> Bool { a.words == b.words && a.classes == b.classes }

    var isEmpty: Bool { words.isEmpty }
    /// Spellings longer than this (in bytes) are not kept.
    static let longest = 255
    var count: Int { words.count }

    /// The number of a word (by the hash of its lower-cased bytes), -1 when it is not known.
    @inline(__always) func index(_ lowerHash: UInt64) -> Int32 {
        var s = Int(truncatingIfNeeded: mix64(lowerHash)) & mask
        while true {
            let e = slots[s]
            if e.key == lowerHash && e.key != 0 { return e.index }
            if e.key == 0 { return -1 }
            s = (s + 1) & mask
        }
    }

    /// The classes of a word, 0 and 0 when it is not known.
    @inline(__always) func classes(_ lowerHash: UInt64) -> (fine: UInt64, coarse: UInt64) {
        let i = index(lowerHash)
        return i < 0 ? (0, 0) : classes(of: Int(i))
    }

    @inline(__always) func classes(of i: Int) -> (fine: UInt64, coarse: UInt64) {
        (UInt64(classes[i] & 0xFFFF), UInt64(classes[i] >> 16))
    }
}

/// Learns word classes with the exchange algorithm (Kneser & Ney 1993; Martin, Liermann & Ney
/// 1998): the classes that maximise the likelihood of a class bigram model of the text, the
/// objective of Brown clustering, reached by moving one word at a time to the class that raises it
/// most. Deterministic: words are visited by frequency (ties by hash) and ties between classes go
/// to the lower class, so the same text gives the same classes on every machine.
public struct WordClusterer {
    /// Words seen fewer times than this get no class.
    public var minCount = 3
    public var fineClasses = 1000
    public var coarseClasses = 32
    public var iterations = 8

    private var vocabulary: [UInt64: Int32] = [:]
    private var words: [[UInt8]] = []
    private var counts: [Int] = []
    /// Each sentence as word ids, `boundary` (0) around it; rare words are id 1.
    private var text: [Int32] = [0]

    public init() {}

    /// Adds a sentence (its words as written; they are lower-cased here as the tagger does).
    public mutating func add<S: Sequence>(sentence: S) where S.Element: StringProtocol {
        for w in sentence {
            let lower = w.utf8.map { UTF8Class.isUpper($0) ? $0 | 0x20 : $0 }
            let h = hashBytes(lower)
            if let id = vocabulary[h] {
                counts[Int(id) - 2] += 1
                text.append(id)
            } else {
                let id = Int32(words.count + 2)
                vocabulary[h] = id
                words.append(lower)
                counts.append(1)
                text.append(id)
            }
        }
        text.append(0)
    }

    public var tokenCount: Int { counts.reduce(0, +) }

    func clusters() -> WordClusters {
        // Ids: 0 boundary, 1 rare words (and spellings too long to keep), then the kept words by frequency.
        let hashes = words.map { hashBytes($0) }
        let kept = words.indices.filter { counts[$0] >= minCount && words[$0].count <= WordClusters.longest }
            .sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : hashes[$0] < hashes[$1] }
        var remap = [Int32](repeating: 1, count: words.count + 2)
        remap[0] = 0
        for (k, i) in kept.enumerated() { remap[i + 2] = Int32(k + 2) }
        let ids = text.map { remap[Int($0)] }
        let bigrams = Bigrams(ids, vocabulary: kept.count + 2)
        let fine = Self.exchange(bigrams, classes: fineClasses, iterations: iterations)
        let coarse = Self.exchange(bigrams, classes: coarseClasses, iterations: iterations)
        return WordClusters(
            words: kept.map { words[$0] }, classes: kept.indices.map { UInt32(fine[$0 + 2]) | UInt32(coarse[$0 + 2]) << 16 })
    }

    /// What the exchange algorithm reads of a text, counted once for every number of classes.
    struct Bigrams {
        let ids: [Int32]
        let vocabulary: Int
        /// Each word's successors and predecessors with their counts, self-pairs apart.
        private(set) var succ: [[(Int32, Int)]]
        private(set) var pred: [[(Int32, Int)]]
        private(set) var selfPairs: [Int]
        /// Times the word is the first of a pair, and the second.
        private(set) var leftCount: [Int]
        private(set) var rightCount: [Int]
        /// x log x for every count up to the text's length.
        private(set) var xlogx: [Double]

        init(_ ids: [Int32], vocabulary v: Int) {
            self.ids = ids
            vocabulary = v
            var next = [[Int32: Int]](repeating: [:], count: v)
            selfPairs = [Int](repeating: 0, count: v)
            leftCount = [Int](repeating: 0, count: v)
            rightCount = [Int](repeating: 0, count: v)
            for i in 1..<ids.count {
                let a = Int(ids[i - 1])
                let b = Int(ids[i])
                leftCount[a] += 1
                rightCount[b] += 1
                if a == b { selfPairs[a] += 1 } else { next[a][Int32(b), default: 0] += 1 }
            }
            succ = [[(Int32, Int)]](repeating: [], count: v)
            pred = [[(Int32, Int)]](repeating: [], count: v)
            for a in 0..<v {
                for (b, n) in next[a].sorted(by: { $0.key < $1.key }) {
                    succ[a].append((b, n))
                    pred[Int(b)].append((Int32(a), n))
                }
            }
            let total = ids.count
            xlogx = [Double](repeating: 0, count: total + 1)
            for x in 1...max(total, 1) { xlogx[x] = Double(x) * log(Double(x)) }
        }
    }

    /// Class of each word id (the boundary keeps class 0 of its own; the others get 1...classes).
    static func exchange(_ bigrams: Bigrams, classes k: Int, iterations: Int) -> [Int] {
        let ids = bigrams.ids
        let v = bigrams.vocabulary
        let (succ, pred, selfPairs) = (bigrams.succ, bigrams.pred, bigrams.selfPairs)
        let (leftCount, rightCount, xlogx) = (bigrams.leftCount, bigrams.rightCount, bigrams.xlogx)
        let c = k + 1
        var cls = [Int](repeating: 0, count: v)
        for w in 1..<v { cls[w] = 1 + (w - 1) % k }
        var pair = [Int](repeating: 0, count: c * c)  // pair[a * c + b]: class a followed by class b
        var left = [Int](repeating: 0, count: c)
        var right = [Int](repeating: 0, count: c)
        for i in 1..<ids.count { pair[cls[Int(ids[i - 1])] * c + cls[Int(ids[i])]] += 1 }
        for w in 0..<v {
            left[cls[w]] += leftCount[w]
            right[cls[w]] += rightCount[w]
        }
        var toClass = [Int](repeating: 0, count: c)  // the word's successors by class
        var fromClass = [Int](repeating: 0, count: c)  // its predecessors by class
        var touched: [Int] = []
        for _ in 0..<iterations {
            var moved = 0
            for w in 1..<v {
                // Its pairs by class, and the word taken out of its class.
                touched.removeAll(keepingCapacity: true)
                for (b, n) in succ[w] {
                    let cb = cls[Int(b)]
                    if toClass[cb] == 0 && fromClass[cb] == 0 { touched.append(cb) }
                    toClass[cb] += n
                }
                for (a, n) in pred[w] {
                    let ca = cls[Int(a)]
                    if toClass[ca] == 0 && fromClass[ca] == 0 { touched.append(ca) }
                    fromClass[ca] += n
                }
                let old = cls[w]
                let s = selfPairs[w]
                for t in touched {
                    pair[old * c + t] -= toClass[t]
                    pair[t * c + old] -= fromClass[t]
                }
                pair[old * c + old] -= s
                left[old] -= leftCount[w]
                right[old] -= rightCount[w]
                // The gain of putting it in each class.
                var best = old
                var bestGain = -Double.infinity
                for b in 1...k {
                    var gain = 0.0
                    for t in touched where t != b {
                        let r = toClass[t]
                        if r > 0 { gain += xlogx[pair[b * c + t] + r] - xlogx[pair[b * c + t]] }
                        let l = fromClass[t]
                        if l > 0 { gain += xlogx[pair[t * c + b] + l] - xlogx[pair[t * c + b]] }
                    }
                    let bb = pair[b * c + b]
                    gain += xlogx[bb + toClass[b] + fromClass[b] + s] - xlogx[bb]
                    gain -= xlogx[left[b] + leftCount[w]] - xlogx[left[b]]
                    gain -= xlogx[right[b] + rightCount[w]] - xlogx[right[b]]
                    if gain > bestGain + 1e-9 {
                        bestGain = gain
                        best = b
                    }
                }
                for t in touched {
                    pair[best * c + t] += toClass[t]
                    pair[t * c + best] += fromClass[t]
                }
                pair[best * c + best] += s
                left[best] += leftCount[w]
                right[best] += rightCount[w]
                if best != old { moved += 1 }
                cls[w] = best
                for t in touched {
                    toClass[t] = 0
                    fromClass[t] = 0
                }
            }
            if moved == 0 { break }
        }
        return cls
    }
}
