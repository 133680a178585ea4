import Foundation
import LinimasaCore
import LinimasaText

/// An entity found by the tagger: token indices `start..<end` and its type.
public struct NERSpan: Sendable, Hashable {
    public var start: Int
    public var end: Int
    public var type: EntityType
    public init(start: Int, end: Int, type: EntityType) {
        self.start = start
        self.end = end
        self.type = type
    }
}

public enum NERModelError: Error, CustomStringConvertible {
    case malformed(String)
    public var description: String {
        switch self {
        case .malformed(let why): "not a Linimasa NER model: \(why)"
        }
    }
}

/// A trained averaged-perceptron model: sparse weights per (feature, space) and the gazetteer.
/// `tagger(for:)` turns it into a fast tagger for one scheme.
public struct NERModel: Sendable {
    /// One feature's weights in one space: (label, weight) pairs.
    struct Row: Sendable {
        /// The feature hash's low 32 bits (0 stands for 1).
        var key: UInt32
        var space: UInt8
        var weights: [(label: UInt8, weight: Float)]
    }
    /// The rows, flat (a model holds a few hundred thousand, and an array apiece made loading it
    /// the slow part of starting up): row `r` is `rowKeys[r]` in `rowSpaces[r]`, its weights
    /// `labels[i]`/`values[i]` for `i` in `rowStarts[r]..<rowStarts[r + 1]`.
    var rowKeys: [UInt32] = []
    var rowSpaces: [UInt8] = []
    var rowStarts: [Int32] = [0]
    var labels: [UInt8] = []
    var values: [Float] = []
    var gazetteer: Gazetteer
    var clusters = WordClusters()
    /// Trained to be decoded exactly (`NERTrainer.exact`): its taggers decode by Viterbi.
    var exact = false
    /// What the model was trained on, for `--help` and the README: "nerui:1530 nerp:6720 …".
    public var trainedOn: String

    static let magic: [UInt8] = Array("LNER".utf8)
    static let version: UInt32 = 4

    /// Features are stored and looked up by 32 bits of their hash: at a few hundred thousand
    /// features, an unknown feature falsely hits one in about fifteen thousand times.
    @inline(__always) static func shortKey(_ key: UInt64) -> UInt32 {
        let k = UInt32(truncatingIfNeeded: key)
        return k == 0 ? 1 : k
    }

    public var featureCount: Int { rowKeys.count }
    public var gazetteerCount: Int { gazetteer.entries.count }

    /// The model as bytes: weights quantized to 16 bits.
    public func serialized() -> [UInt8] {
        var out = NERModel.magic
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        u32(NERModel.version)
        let info = Array(trainedOn.utf8)
        u32(UInt32(info.count))
        out.append(contentsOf: info)
        out.append(exact ? 1 : 0)
        let maxAbs = values.lazy.map { abs($0) }.max() ?? 1
        let scale = max(maxAbs, 1e-6) / 32767
        withUnsafeBytes(of: scale.bitPattern.littleEndian) { out.append(contentsOf: $0) }
        u32(UInt32(gazetteer.entries.count))
        for (k, t) in gazetteer.entries.sorted(by: { $0.key < $1.key }) {
            u64(k)
            out.append(t)
        }
        u32(UInt32(clusters.count))
        for (w, c) in zip(clusters.words, clusters.classes) {
            out.append(UInt8(w.count))
            out.append(contentsOf: w)
            u32(c)
        }
        u32(UInt32(rowKeys.count))
        for r in rowKeys.indices {
            u32(rowKeys[r])
            out.append(rowSpaces[r])
            let range = Int(rowStarts[r])..<Int(rowStarts[r + 1])
            out.append(UInt8(range.count))
            for i in range {
                out.append(labels[i])
                let q = Int16(clamping: Int((values[i] / scale).rounded()))
                withUnsafeBytes(of: q.littleEndian) { out.append(contentsOf: $0) }
            }
        }
        return out
    }

    public init(serialized b: [UInt8]) throws {
        var p = 0
        func need(_ n: Int) throws {
            if p + n > b.count { throw NERModelError.malformed("truncated at byte \(p)") }
        }
        func u8() throws -> UInt8 {
            try need(1)
            defer { p += 1 }
            return b[p]
        }
        func u32() throws -> UInt32 {
            try need(4)
            var v: UInt32 = 0
            for k in 0..<4 { v |= UInt32(b[p + k]) << (8 * k) }
            p += 4
            return v
        }
        func u64() throws -> UInt64 {
            try need(8)
            var v: UInt64 = 0
            for k in 0..<8 { v |= UInt64(b[p + k]) << (8 * k) }
            p += 8
            return v
        }
        try need(4)
        guard Array(b[0..<4]) == NERModel.magic else { throw NERModelError.malformed("bad magic bytes") }
        p = 4
        let v = try u32()
        guard v == NERModel.version else { throw NERModelError.malformed("version \(v), expected \(NERModel.version)") }
        let infoCount = Int(try u32())
        try need(infoCount)
        trainedOn = String(decoding: b[p..<(p + infoCount)], as: UTF8.self)
        p += infoCount
        exact = try u8() == 1
        let scale = Float(bitPattern: try u32())
        var gaz = Gazetteer()
        let gazCount = Int(try u32())
        gaz.entries.reserveCapacity(gazCount)
        for _ in 0..<gazCount {
            let k = try u64()
            let t = try u8()
            guard Int(t) < EntityType.allCases.count else { throw NERModelError.malformed("bad gazetteer type \(t)") }
            gaz.entries[k] = t
        }
        gazetteer = gaz
        let clusterCount = Int(try u32())
        var words: [[UInt8]] = []
        var classes: [UInt32] = []
        words.reserveCapacity(clusterCount)
        classes.reserveCapacity(clusterCount)
        for _ in 0..<clusterCount {
            let n = Int(try u8())
            try need(n)
            words.append(Array(b[p..<(p + n)]))
            p += n
            classes.append(try u32())
        }
        clusters = WordClusters(words: words, classes: classes)
        let rowCount = Int(try u32())
        var rowKeys: [UInt32] = []
        var rowSpaces: [UInt8] = []
        var rowStarts: [Int32] = [0]
        var labels: [UInt8] = []
        var values: [Float] = []
        rowKeys.reserveCapacity(rowCount)
        rowSpaces.reserveCapacity(rowCount)
        rowStarts.reserveCapacity(rowCount + 1)
        labels.reserveCapacity(rowCount * 2)
        values.reserveCapacity(rowCount * 2)
        // The rows are most of the file: read through a pointer, each row's length checked once.
        try b.withUnsafeBufferPointer { buf in
            for _ in 0..<rowCount {
                guard p + 6 <= buf.count else { throw NERModelError.malformed("truncated at byte \(p)") }
                rowKeys.append(UInt32(buf[p]) | UInt32(buf[p + 1]) << 8 | UInt32(buf[p + 2]) << 16 | UInt32(buf[p + 3]) << 24)
                rowSpaces.append(buf[p + 4])
                let n = Int(buf[p + 5])
                p += 6
                guard p + 3 * n <= buf.count else { throw NERModelError.malformed("truncated at byte \(p)") }
                for _ in 0..<n {
                    let l = buf[p]
                    guard Int(l) < NERLabel.count else { throw NERModelError.malformed("bad label \(l)") }
                    labels.append(l)
                    values.append(Float(Int16(bitPattern: UInt16(buf[p + 1]) | UInt16(buf[p + 2]) << 8)) * scale)
                    p += 3
                }
                rowStarts.append(Int32(labels.count))
            }
        }
        self.rowKeys = rowKeys
        self.rowSpaces = rowSpaces
        self.rowStarts = rowStarts
        self.labels = labels
        self.values = values
        guard p == b.count else { throw NERModelError.malformed("\(b.count - p) trailing bytes") }
    }

    init(rows: [Row], gazetteer: Gazetteer, clusters: WordClusters, exact: Bool = false, trainedOn: String) {
        for r in rows {
            rowKeys.append(r.key)
            rowSpaces.append(r.space)
            for (l, w) in r.weights {
                labels.append(l)
                values.append(w)
            }
            rowStarts.append(Int32(labels.count))
        }
        self.gazetteer = gazetteer
        self.clusters = clusters
        self.exact = exact
        self.trainedOn = trainedOn
    }

    /// A tagger for one scheme: shared weights plus the scheme's own, summed once here (in row
    /// order, shared rows first as the file keeps them).
    public func tagger(for scheme: NERScheme) -> NERTagger {
        NERTagger(model: self, scheme: scheme)
    }
}

/// Tags sentences for one scheme with the BIO constraint (I-X only after B-X or I-X): by
/// second-order Viterbi for a model trained to be decoded exactly, else greedily left to right.
/// Immutable and `Sendable`: one tagger serves every thread.
public struct NERTagger: Sendable {
    /// The features the model knows, in an open-addressing table of two arrays with one slot
    /// numbering (as Swiss tables keep control bytes apart from their slots). `tags[s]` is a byte of
    /// the hash of slot `s`'s key (0: empty), small enough to stay in cache (a quarter of a megabyte
    /// for NER-UI's scheme); `rows[s]` is the feature's weights, one lane a label (there are
    /// fifteen), so that they are added to a token's scores as one vector, and in lane 15 a check of
    /// the key (`check`). A probe reads tags until its own or an empty one, and a row's cache line
    /// only where the tag matches: a feature the model knows costs one line of the large array
    /// (it cost two: a table word, then its row), one it does not know almost never any.
    let tags: [UInt8]
    let rows: [SIMD16<Float>]
    let mask: Int
    let gazetteer: Gazetteer
    let clusters: WordClusters
    /// For each word `clusters` knows, its word-only features' weights summed
    /// (`NERFeatureExtractor.wordOnly`): one row read instead of nine probes for most tokens.
    let wordRows: [SIMD16<Float>]
    public let scheme: NERScheme
    /// Labels the scheme can produce.
    let allowed: [Bool]
    /// Decode exactly (second-order Viterbi with the BIO constraint), as the model was trained.
    let exact: Bool
    /// The tag-history rows that read labels alone, summed for each previous label and pair of
    /// previous labels (`pairRows[p * count + p2]`), for exact decoding.
    let labelRows: [SIMD16<Float>]
    /// For exact decoding, each known word's rows that read the previous label with the word
    /// (`NERFeatureExtractor.wordKey`), side by side: word `w`'s are `historyRows[historyStarts[w]..<
    /// historyStarts[w + 1]]`, for the previous labels `historyLabels` of the same range. Decoding
    /// asks for every previous label at every token; probing the large table for each was what
    /// exact decoding's time went on, one cache miss a label.
    let historyStarts: [Int32]
    let historyLabels: [UInt8]
    let historyRows: [SIMD16<Float>]
    /// The bias's, the gazetteer's and the shapes' rows in a table that stays in cache (nil when not
    /// `summingWords`: every feature probed).
    let common: NERCommonRows?

    /// `summingWords: false` reads every feature from the table (what the word rows must equal; for tests).
    init(model: NERModel, scheme: NERScheme, summingWords: Bool = true) {
        precondition(NERLabel.count < 16, "a tagger row holds fifteen labels and its key's check")
        let used = model.rowSpaces.indices.filter { (scheme.readsShared && model.rowSpaces[$0] == 0) || model.rowSpaces[$0] == scheme.space }
        // Sized by the distinct features (a feature may have a shared row and a scheme row), a slot
        // for every three in four at most: the tags stay small enough for the cache.
        let distinct = Set(used.lazy.map { model.rowKeys[$0] }).count
        var cap = 16
        while cap * 3 < distinct * 4 { cap <<= 1 }
        var tags = [UInt8](repeating: 0, count: cap)
        var rows = [SIMD16<Float>](repeating: SIMD16<Float>(), count: cap)
        // The full keys, while the table is made: two features are one only when their keys are.
        var keys = [UInt32](repeating: 0, count: cap)
        for r in used {
            let key = model.rowKeys[r]
            let h = mix64(UInt64(key))
            var s = Int(truncatingIfNeeded: h) & (cap - 1)
            while tags[s] != 0 && keys[s] != key { s = (s + 1) & (cap - 1) }
            if tags[s] == 0 {
                tags[s] = NERTagger.tag(h)
                keys[s] = key
                rows[s][15] = NERTagger.check(key)
            }
            for i in Int(model.rowStarts[r])..<Int(model.rowStarts[r + 1]) { rows[s][Int(model.labels[i])] += model.values[i] }
        }
        self.tags = tags
        self.rows = rows
        self.mask = cap - 1
        self.gazetteer = model.gazetteer
        self.clusters = model.clusters
        self.scheme = scheme
        var allowed = [Bool](repeating: false, count: NERLabel.count)
        allowed[0] = true
        for t in scheme.types {
            allowed[NERLabel.begin(t)] = true
            allowed[NERLabel.inside(t)] = true
        }
        self.allowed = allowed
        self.exact = model.exact
        // A feature's weights (the check's lane zeroed), nil when the model does not know it.
        let table = (tags: tags, rows: rows)
        func known(_ full: UInt64) -> SIMD16<Float>? {
            NERTagger.withTable(table.tags, table.rows) { tags, rows in
                let s = NERTagger.find(NERModel.shortKey(full), tags: tags, rows: rows, mask: cap - 1)
                guard s >= 0 else { return nil }
                var w = rows[s]
                w[15] = 0
                return w
            }
        }
        func row(_ full: UInt64) -> SIMD16<Float> { known(full) ?? SIMD16<Float>() }
        // For each known word, in one pass: its word-only features summed in the order `labels` adds
        // them, and (exact decoding) its rows for each previous label. Words are independent, so
        // blocks of them are made on every core (what start-up waits for: a probe of the large
        // table, a cache miss, for each of a word's features) and laid end to end in word order.
        var wordRows: [SIMD16<Float>] = []
        var historyStarts: [Int32] = [0]
        var historyLabels: [UInt8] = []
        var historyRows: [SIMD16<Float>] = []
        if summingWords {
            let clusters = model.clusters
            let exact = model.exact
            let block = 4096
            let blocks = parallelMap(
                Array(stride(from: 0, to: clusters.count, by: block)), jobs: ProcessInfo.processInfo.activeProcessorCount, context: {}
            ) { _, first in
                var sums: [SIMD16<Float>] = []
                var ends: [Int32] = []
                var labels: [UInt8] = []
                var rows: [SIMD16<Float>] = []
                for i in first..<min(first + block, clusters.count) {
                    var sum = SIMD16<Float>()
                    for full in NERFeatureExtractor.wordOnlyKeys(clusters.words[i], classes: clusters.classes(of: i)) where full != 0 {
                        sum += row(full)
                    }
                    sums.append(sum)
                    guard exact else { continue }
                    for p in 0..<NERLabel.count where allowed[p] {
                        if let r = known(NERFeatureExtractor.wordKey(p, lower: clusters.hashes[i])) {
                            labels.append(UInt8(p))
                            rows.append(r)
                        }
                    }
                    ends.append(Int32(rows.count))
                }
                return (sums, ends, labels, rows)
            }
            wordRows.reserveCapacity(clusters.count)
            if exact { historyStarts.reserveCapacity(clusters.count + 1) }
            for (sums, ends, labels, rows) in blocks {
                let base = Int32(historyRows.count)
                wordRows.append(contentsOf: sums)
                historyStarts.append(contentsOf: ends.map { base + $0 })
                historyLabels.append(contentsOf: labels)
                historyRows.append(contentsOf: rows)
            }
        }
        // The tag-history rows that read labels alone, for each previous label and the one before.
        let k = NERLabel.count
        labelRows = model.exact ? (0..<(k * k)).map { x in
            var v = row(NERFeatureExtractor.previousKey(x / k))
            v += row(NERFeatureExtractor.pairKey(x / k, x % k))
            return v
        } : []
        self.common = summingWords ? NERCommonRows(allowed: allowed) { known($0) ?? SIMD16<Float>() } : nil
        self.wordRows = wordRows
        self.historyStarts = historyStarts
        self.historyLabels = historyLabels
        self.historyRows = historyRows
    }

    /// A key's tag, from its hash (`mix64` of the key): the hash's top byte, never 0 (an empty slot).
    @inline(__always) static func tag(_ hash: UInt64) -> UInt8 {
        let t = UInt8(truncatingIfNeeded: hash >> 56)
        return t == 0 ? 1 : t
    }

    /// What lane 15 of a key's row holds: the key's low 23 bits as the fraction of a number in
    /// [1, 2), which added to a token's unused lane 15 is never a denormal to slow the sum. With
    /// the slot (the hash's low bits) and the tag (its top byte), a probe compares 40 and more bits
    /// of the key, as the table word's 32 were compared before.
    @inline(__always) static func check(_ key: UInt32) -> Float { Float(bitPattern: 0x3F80_0000 | (key & 0x7F_FFFF)) }

    static func withTable<T>(
        _ tags: [UInt8], _ rows: [SIMD16<Float>], _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<SIMD16<Float>>) -> T
    ) -> T {
        tags.withUnsafeBufferPointer { t in rows.withUnsafeBufferPointer { r in body(t, r) } }
    }

    /// The slot of a feature's short key, -1 when the model does not know it (linear probing over
    /// the tags; a row is read only where the tag matches).
    @inline(__always) static func find(
        _ key: UInt32, tags: UnsafeBufferPointer<UInt8>, rows: UnsafeBufferPointer<SIMD16<Float>>, mask: Int
    ) -> Int {
        let h = mix64(UInt64(key))
        let t = tag(h)
        let c = check(key)
        var s = Int(truncatingIfNeeded: h) & mask
        while true {
            let g = tags[s]
            if g == t && rows[s][15] == c { return s }
            if g == 0 { return -1 }
            s = (s + 1) & mask
        }
    }

    /// One label per token (0 = O; see `NERLabel`).
    public func labels(_ input: NERInput) -> [Int] {
        let n = input.count
        guard n > 0 else { return [] }
        let (feats, hashes) = NERFeatureExtractor.staticFeatures(input, gazetteer: gazetteer, clusters: clusters, sparing: !wordRows.isEmpty)
        let sc = NERFeatureExtractor.staticCount
        var out = [Int](repeating: 0, count: n)
        var dyn: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        let mask = self.mask
        NERTagger.withTable(tags, rows) { tags, rows in
            feats.withUnsafeBufferPointer { feats in
                // Lane by lane the sums are the scalar ones, in the same order (lane 15, the
                // rows' checks, is no label and never read).
                @inline(__always) func add(_ full: UInt64, to scores: inout SIMD16<Float>) {
                    guard full != 0 else { return }
                    let s = NERTagger.find(NERModel.shortKey(full), tags: tags, rows: rows, mask: mask)
                    if s >= 0 { scores += rows[s] }
                }
                let wordOnly = NERFeatureExtractor.wordOnly
                let contextual = NERFeatureExtractor.contextual
                // Each token's shape's number in the common rows (-1: probed).
                let shapes = common.map { c in hashes.shape.map { c.number($0) } } ?? []
                @inline(__always) func shape(_ i: Int, _ c: NERCommonRows) -> Int32 { i < 0 ? c.bos : i >= n ? c.eos : shapes[i] }
                @inline(__always) func gz(_ i: Int) -> Int { i < 0 || i >= n ? NERCommonRows.outside : Int(hashes.gaz[i]) }
                // A token's static features: a known word's word-only ones from its summed row,
                // the common ones from their table, each added where its probe would be.
                @inline(__always) func statics(_ i: Int) -> SIMD16<Float> {
                    let base = i * sc
                    let known = wordRows.isEmpty ? -1 : Int(hashes.known[i])
                    var scores = SIMD16<Float>()
                    if known >= 0 {
                        scores = wordRows[known]
                    } else {
                        for f in wordOnly { add(feats[base + f], to: &scores) }
                    }
                    guard let c = common else {
                        for f in contextual { add(feats[base + f], to: &scores) }
                        return scores
                    }
                    let g = NERCommonRows.gazetteerTemplates
                    let t = NERCommonRows.shapeTemplates
                    for f in contextual {
                        switch f {
                        case NERCommonRows.bias:
                            scores += c.biasRow
                        case g.one, g.withBefore, g.withAfter:
                            scores += c.gazetteerRow(f, before: gz(i - 1), value: gz(i), after: gz(i + 1))
                        case t.shape, t.before, t.after, t.first:
                            let s = shape(f == t.before ? i - 1 : f == t.after ? i + 1 : i, c)
                            if s >= 0 {
                                scores += c.shapeRow(f, s, first: i == 0)
                            } else {
                                add(feats[base + f], to: &scores)
                            }
                        default:
                            add(feats[base + f], to: &scores)
                        }
                    }
                    return scores
                }
                if exact {
                    let statics = (0..<n).map(statics)
                    let k = NERLabel.count
                    let labs = (0..<k).filter { allowed[$0] }
                    // Each token's rows for each previous label: the word's (a known word's from
                    // its block), then the shape's, added in that order as the trainer adds them.
                    var history = [SIMD16<Float>](repeating: SIMD16<Float>(), count: n * k)
                    for i in 0..<n {
                        let known = historyStarts.count > 1 ? Int(hashes.known[i]) : -1
                        if known >= 0 {
                            for j in Int(historyStarts[known])..<Int(historyStarts[known + 1]) {
                                history[i * k + Int(historyLabels[j])] = historyRows[j]
                            }
                        } else {
                            for p in labs { add(NERFeatureExtractor.wordKey(p, i, hashes), to: &history[i * k + p]) }
                        }
                        if let c = common, shapes[i] >= 0 {
                            for p in labs { history[i * k + p] += c.historyRow(shapes[i], previous: p) }
                        } else {
                            for p in labs { add(NERFeatureExtractor.shapeKey(p, i, hashes), to: &history[i * k + p]) }
                        }
                    }
                    out = NERTagger.viterbi(length: n, labels: labs, statics: statics, history: history, pairs: labelRows)
                    return
                }
                for i in 0..<n {
                    var scores = statics(i)
                    let prev = i > 0 ? out[i - 1] : 0
                    let prev2 = i > 1 ? out[i - 2] : 0
                    NERFeatureExtractor.dynamicFeatures(i, prev: prev, prev2: prev2, hashes: hashes, into: &dyn)
                    add(dyn.0, to: &scores)
                    add(dyn.1, to: &scores)
                    add(dyn.2, to: &scores)
                    add(dyn.3, to: &scores)
                    out[i] = NERTagger.best(allowed: allowed, prev: prev) { scores[$0] }
                }
            }
        }
        return out
    }

    /// The best label path of a sentence of `length` tokens over `labels` (those of the scheme,
    /// ascending), with the BIO constraint. Token i's scores for each label, when the tokens before
    /// it have labels p and p2 (O before the sentence), are `statics[i] + history[i * k + p] +
    /// pairs[p * k + p2]` (k = `NERLabel.count`). Second-order Viterbi, each step a vector over the
    /// token's labels: eight lanes when the scheme's labels are all below 8 (NER-UI's, idner's and
    /// NERGrit's, the one `analyze` uses), half the work of sixteen and the same sums lane by lane
    /// (`wide` forces sixteen, for tests).
    static func viterbi(
        length n: Int, labels: [Int], statics: [SIMD16<Float>], history: [SIMD16<Float>], pairs: [SIMD16<Float>],
        wide: Bool = false
    ) -> [Int] {
        guard n > 0 else { return [] }
        let k = NERLabel.count
        precondition(statics.count >= n && history.count >= n * k && pairs.count >= k * k)
        return statics.withUnsafeBufferPointer { s in
            history.withUnsafeBufferPointer { h in
                pairs.withUnsafeBufferPointer { q in
                    if !wide && labels.allSatisfy({ $0 < 8 }) {
                        return decode(SIMD8<Float>.self, length: n, labels: labels, statics: s, history: h, pairs: q)
                    }
                    return decode(SIMD16<Float>.self, length: n, labels: labels, statics: s, history: h, pairs: q)
                }
            }
        }
    }

    /// `viterbi` over vectors of `V` lanes.
    @inline(__always)
    private static func decode<V: ViterbiLanes>(
        _: V.Type, length n: Int, labels: [Int], statics: UnsafeBufferPointer<SIMD16<Float>>,
        history: UnsafeBufferPointer<SIMD16<Float>>, pairs: UnsafeBufferPointer<SIMD16<Float>>
    ) -> [Int] {
        let k = NERLabel.count
        let lanes = V.scalarCount
        let none = V(repeating: -.infinity)
        // The labels that may follow each label (I-X only after B-X or I-X): 0 in their lanes,
        // -infinity in the others, added to a step's scores.
        var follows = [V](repeating: none, count: k)
        for p in labels {
            for y in labels where !NERLabel.isInside(y) || p == y || p == y - 1 { follows[p][y] = 0 }
        }
        // best[q][y]: the best path's score ending with labels q, y (the last two tokens).
        var best = [V](repeating: none, count: k)
        best[0][0] = 0
        var next = best
        var back = [V.Indices](repeating: V.Indices(), count: n * k)  // back[i * k + p][y] = p2
        for i in 0..<n {
            let s = V.narrow(statics[i])
            best.withUnsafeBufferPointer { bv in
                // best[p2][p] read as a scalar from the vectors' memory, not lane by lane.
                bv.withMemoryRebound(to: Float.self) { b in
                    for p in labels {
                        var top = none
                        var arg = V.Indices()
                        var live = false
                        let v = V.plus(s, V.narrow(history[i * k + p]))
                        for p2 in labels {
                            let from = b[p2 * lanes + p]
                            guard from > -.infinity else { continue }
                            live = true
                            V.relax(&top, &arg, from: from, v, V.narrow(pairs[p * k + p2]), p2: Int32(p2))
                        }
                        guard live else {
                            next[p] = none
                            continue
                        }
                        next[p] = V.plus(top, follows[p])
                        back[i * k + p] = arg
                    }
                }
            }
            swap(&best, &next)
        }
        var endP = 0
        var endY = 0
        var top = -Float.infinity
        for q in labels {
            for y in labels where best[q][y] > top {
                top = best[q][y]
                endP = q
                endY = y
            }
        }
        var out = [Int](repeating: 0, count: n)
        var p = endP
        var y = endY
        for i in stride(from: n - 1, through: 0, by: -1) {
            out[i] = y
            let p2 = Int(back[i * k + p][y])
            y = p
            p = p2
        }
        return out
    }

    /// The highest-scoring allowed label; an I-X that may not follow `prev` is not allowed.
    @inline(__always) static func best(allowed: [Bool], prev: Int, score: (Int) -> Float) -> Int {
        var best = 0
        var bestScore = score(0)
        for l in 1..<NERLabel.count where allowed[l] {
            if NERLabel.isInside(l) && !(prev == l || prev == l - 1) { continue }
            let s = score(l)
            if s > bestScore {
                best = l
                bestScore = s
            }
        }
        return best
    }

    /// Entity spans in token indices.
    public func spans(_ input: NERInput) -> [NERSpan] { NERTagger.spans(labels(input)) }

    static func spans(_ labels: [Int]) -> [NERSpan] {
        var out: [NERSpan] = []
        var i = 0
        while i < labels.count {
            guard let t = NERLabel.type(of: labels[i]) else {
                i += 1
                continue
            }
            var j = i + 1
            while j < labels.count && labels[j] == NERLabel.inside(t) { j += 1 }
            out.append(NERSpan(start: i, end: j, type: t))
            i = j
        }
        return out
    }
}

/// The vector steps of `NERTagger.viterbi`, written on each concrete vector type: the standard
/// library's generic SIMD operators work lane by lane, its operators on a concrete type as vector
/// instructions. A decoder generic over these is specialized with the concrete ones. The two
/// conformances' bodies are the same text on purpose: written once, generically, they would be
/// the lane-by-lane operators again (a decoder so written ran at a third of the speed).
protocol ViterbiLanes: SIMD where Scalar == Float {
    associatedtype Indices: SIMD where Indices.Scalar == Int32
    /// A sixteen-lane row's first `scalarCount` lanes.
    static func narrow(_ row: SIMD16<Float>) -> Self
    static func plus(_ a: Self, _ b: Self) -> Self
    /// One candidate previous label `p2`: its scores `from + v + pair`, kept (with `p2`) in the
    /// lanes where they beat `top`.
    static func relax(_ top: inout Self, _ arg: inout Indices, from: Float, _ v: Self, _ pair: Self, p2: Int32)
}

extension SIMD8: ViterbiLanes where Scalar == Float {
    typealias Indices = SIMD8<Int32>
    @inline(__always) static func narrow(_ row: SIMD16<Float>) -> Self { row.lowHalf }
    @inline(__always) static func plus(_ a: Self, _ b: Self) -> Self { a + b }
    @inline(__always) static func relax(_ top: inout Self, _ arg: inout Indices, from: Float, _ v: Self, _ pair: Self, p2: Int32) {
        let cand = Self(repeating: from) + v + pair
        let better = cand .> top
        top.replace(with: cand, where: better)
        arg.replace(with: p2, where: better)
    }
}

extension SIMD16: ViterbiLanes where Scalar == Float {
    typealias Indices = SIMD16<Int32>
    @inline(__always) static func narrow(_ row: SIMD16<Float>) -> Self { row }
    @inline(__always) static func plus(_ a: Self, _ b: Self) -> Self { a + b }
    @inline(__always) static func relax(_ top: inout Self, _ arg: inout Indices, from: Float, _ v: Self, _ pair: Self, p2: Int32) {
        let cand = Self(repeating: from) + v + pair
        let better = cand .> top
        top.replace(with: cand, where: better)
        arg.replace(with: p2, where: better)
    }
}
