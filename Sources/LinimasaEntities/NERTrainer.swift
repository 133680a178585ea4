import LinimasaText

extension NERScheme {
    /// A tag as written ("B-PERSON") → label, or nil when the scheme has no such type.
    func label(forTag tag: String) -> Int? {
        if tag == "O" { return 0 }
        guard let t = type(forTag: String(tag.dropFirst(2))) else { return nil }
        return tag.hasPrefix("B-") ? NERLabel.begin(t) : NERLabel.inside(t)
    }

    /// A label → the tag as this scheme writes it.
    func tag(forLabel label: Int) -> String {
        guard let t = NERLabel.type(of: label), let name = tagName(for: t) else { return "O" }
        return (NERLabel.isBegin(label) ? "B-" : "I-") + name
    }
}

extension NERTagger {
    /// Tags of a CoNLL sentence in this scheme's names.
    public func tags(words: [String]) -> [String] {
        labels(NERInput(words: words)).map { scheme.tag(forLabel: $0) }
    }
}

/// Trains an `NERModel`: an averaged perceptron (Collins 2002) with greedy decoding, learning
/// from the decoder's own mistakes, over every training set at once, each feature firing in the
/// shared space and in its set's own space.
///
/// Gazetteer features are learned without seeing the sentence itself: the sentences are split
/// into two halves and each half's gazetteer features come from names in the other half, so the
/// model learns how far a gazetteer match is worth trusting on unseen text.
public struct NERTrainer {
    public struct Example {
        public var words: [String]
        public var labels: [Int]
        public var scheme: NERScheme
        /// The feature spaces its features fire in: the shared one (if its scheme reads it) and its scheme's.
        var spaces: [UInt8] { scheme.readsShared ? [0, scheme.space] : [scheme.space] }
    }
    public private(set) var examples: [Example] = []
    /// The cased sets' sentences in lower case, for the `uncased` scheme (`lowerCasedCopies`).
    public private(set) var lowerCasedExamples: [Example] = []
    public var epochs = 12
    /// Weights whose averaged magnitude is below this are dropped from the saved model.
    public var pruneBelow: Float = 0.5
    /// Static features seen fewer times than this in training are left out.
    public var minCount = 3
    /// Learn and use gazetteer features.
    public var gazetteer = false
    /// Added to the shuffling stream's seed: 0 is the stream the bundled model was trained with;
    /// others show how much a figure owes to the order of the examples.
    public var seed: UInt64 = 0
    /// Train and decode exactly (the default): a structured perceptron (Collins 2002) whose every
    /// sentence is decoded by second-order Viterbi (`NERTagger.viterbi`) and updated where the best
    /// path leaves the gold one. Off: greedy decoding, updated token by token.
    public var exact = true
    /// Word classes learned from unlabelled text (none: the class features are constant).
    public var clusterer: WordClusterer?
    /// The cased sets' sentences are learned a second time, written all in lower case, as the
    /// `uncased` scheme: a tagger of its own for text without capitals, trained after the cased
    /// model and apart from it, so that the cased schemes' weights are what they are without it.
    /// (Learned together, in the shared space, the copies moved the cased figures both ways, NER-UGM
    /// +1.9 and NERGrit -1.2 over two seeds, and the detik stories' F1 0.605 -> 0.577.)
    public var lowerCasedCopies = false

    public init() {}

    /// Adds a training file's sentences; tags the scheme does not know are an error naming them.
    public mutating func add(_ sentences: [CoNLLSentence], scheme: NERScheme, file: String) throws {
        for s in sentences {
            var labels: [Int] = []
            for t in s.tags {
                guard let l = scheme.label(forTag: t) else {
                    throw CoNLLError.badLine(file: file, line: 0, text: "tag \(t) is not in scheme \(scheme.name)")
                }
                labels.append(l)
            }
            examples.append(Example(words: s.words, labels: labels, scheme: scheme))
            if lowerCasedCopies && !scheme.lowercased {
                let kept = Set(NERScheme.uncased.types)
                lowerCasedExamples.append(
                    Example(
                        words: s.words.map { $0.lowercased() },
                        labels: labels.map { NERLabel.type(of: $0).map(kept.contains) == true ? $0 : 0 }, scheme: .uncased))
            }
        }
    }

    static func gazetteer(_ examples: some Sequence<Example>) -> Gazetteer {
        var counts: [UInt64: [Int]] = [:]
        for e in examples {
            let input = NERInput(words: e.words)
            let lower = (0..<input.count).map { hashBytes(input.lower[input.starts[$0]..<input.ends[$0]]) }
            for span in NERTagger.spans(e.labels) where span.end - span.start <= Gazetteer.maxLength {
                let k = Gazetteer.key(lower[span.start..<span.end])
                counts[k, default: [Int](repeating: 0, count: EntityType.allCases.count)][span.type.rawValue] += 1
            }
        }
        var g = Gazetteer()
        for (k, c) in counts {
            let best = c.indices.max { c[$0] < c[$1] }!
            g.entries[k] = UInt8(best)
        }
        return g
    }

    /// Trains and returns the model. `progress` receives a line per epoch.
    public func train(progress: (String) -> Void = { _ in }) -> NERModel {
        let halves = !gazetteer ? [Gazetteer(), Gazetteer()] : [
            NERTrainer.gazetteer(examples.enumerated().lazy.filter { $0.offset % 2 == 1 }.map(\.element)),
            NERTrainer.gazetteer(examples.enumerated().lazy.filter { $0.offset % 2 == 0 }.map(\.element)),
        ]
        let clusters = clusterer?.clusters() ?? WordClusters()
        var rows = trainedRows(examples, halves: halves, clusters: clusters, stream: 0, progress: progress)
        if !lowerCasedExamples.isEmpty {
            progress("the uncased scheme, from \(lowerCasedExamples.count) sentences in lower case:")
            rows += trainedRows(lowerCasedExamples, halves: [Gazetteer(), Gazetteer()], clusters: clusters, stream: 1, progress: progress)
            rows.sort { ($0.space, $0.key) < ($1.space, $1.key) }
        }
        var sets: [String: Int] = [:]
        for e in examples + lowerCasedExamples { sets[e.scheme.name, default: 0] += 1 }
        let info = sets.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: " ")
        return NERModel(rows: rows, gazetteer: gazetteer ? NERTrainer.gazetteer(examples) : Gazetteer(), clusters: clusters, exact: exact, trainedOn: "\(info) sentences, \(epochs) epochs")
    }

    /// The averaged, pruned weights learned from `examples`, in the spaces their schemes read.
    func trainedRows(
        _ examples: [Example], halves: [Gazetteer], clusters: WordClusters, stream: UInt64, progress: (String) -> Void
    ) -> [NERModel.Row] {
        let k = NERLabel.count
        var weights = LearnedWeights()
        // Static features of every token, as row indices in the shared and the scheme's space;
        // rare ones (fewer than `minCount` occurrences) get none.
        var staticRows: [[Int32]] = []
        var hashes: [NERFeatureExtractor.TokenHashes] = []
        var allowed: [UInt8: [Bool]] = [:]
        var extracted: [[UInt64]] = []
        var seen: [UInt64: Int32] = [:]
        for (n, e) in examples.enumerated() {
            let (keys, h) = NERFeatureExtractor.staticFeatures(NERInput(words: e.words), gazetteer: halves[n % 2], clusters: clusters)
            for key in keys where key != 0 {
                for space in e.spaces { seen[LearnedWeights.salted(key, space), default: 0] += 1 }
            }
            extracted.append(keys)
            hashes.append(h)
        }
        for (n, e) in examples.enumerated() {
            let keys = extracted[n]
            var rows = [Int32](repeating: -1, count: keys.count * 2)
            for (f, key) in keys.enumerated() where key != 0 {
                if e.scheme.readsShared, seen[LearnedWeights.salted(key, 0)]! >= minCount { rows[2 * f] = weights.ensure(key, 0) }
                if seen[LearnedWeights.salted(key, e.scheme.space)]! >= minCount { rows[2 * f + 1] = weights.ensure(key, e.scheme.space) }
            }
            staticRows.append(rows)
        }
        extracted = []
        seen = [:]
        for s in NERScheme.all + [.uncased] {
            var a = [Bool](repeating: false, count: k)
            a[0] = true
            for t in s.types {
                a[NERLabel.begin(t)] = true
                a[NERLabel.inside(t)] = true
            }
            allowed[s.space] = a
        }
        var order = Array(examples.indices)
        // The stream the bundled model was trained with (an earlier generator of its own started one
        // step on), so that `train ner` still rebuilds it byte for byte.
        var rng = SplitMix(seed: 7 &+ SplitMix.increment &+ seed &+ stream)
        for epoch in 1...epochs {
            order.shuffle(using: &rng)
            var errors = 0
            var tokens = 0
            for n in order {
                let e = examples[n]
                let sAllowed = allowed[e.scheme.space]!
                let step = exact
                    ? weights.exactStep(e, statics: staticRows[n], hashes: hashes[n], allowed: sAllowed)
                    : weights.greedyStep(e, statics: staticRows[n], hashes: hashes[n], allowed: sAllowed)
                errors += step.errors
                tokens += step.tokens
            }
            progress("epoch \(epoch): \(errors) errors in \(tokens) tokens (\(String(format: "%.2f", 100 * Double(errors) / Double(max(tokens, 1))))%)")
        }
        var rows: [NERModel.Row] = []
        for r in 0..<weights.keys.count {
            var ws: [(UInt8, Float)] = []
            for l in 0..<k {
                let avg = weights.averaged(r, l)
                if abs(avg) >= pruneBelow { ws.append((UInt8(l), avg)) }
            }
            if !ws.isEmpty { rows.append(NERModel.Row(key: NERModel.shortKey(weights.keys[r]), space: weights.spaces[r], weights: ws)) }
        }
        rows.sort { ($0.space, $0.key) < ($1.space, $1.key) }
        return rows
    }
}

/// The weights being learned: one row of `NERLabel.count` weights a feature in a feature space
/// (shared, or one set's), with what averaging needs (`u` holds each update times the step it was
/// made at, `c` counts steps: the average is w − u / c, Daumé's way of averaging a perceptron).
struct LearnedWeights {
    static let k = NERLabel.count
    private var index: [UInt64: Int32] = [:]
    private(set) var keys: [UInt64] = []
    private(set) var spaces: [UInt8] = []
    private var w: [Float] = []
    private var u: [Float] = []
    private var c: Float = 1

    /// A feature's key in a space: the shared space keeps the key as it is.
    static func salted(_ key: UInt64, _ space: UInt8) -> UInt64 { space == 0 ? key : mix64(key ^ (UInt64(space) << 40)) }

    /// A feature's row, -1 when it has none.
    func row(_ key: UInt64, _ space: UInt8) -> Int32 { index[Self.salted(key, space)] ?? -1 }

    /// A feature's row, made with zero weights when it has none.
    mutating func ensure(_ key: UInt64, _ space: UInt8) -> Int32 {
        let s = Self.salted(key, space)
        if let r = index[s] { return r }
        let r = Int32(keys.count)
        index[s] = r
        keys.append(key)
        spaces.append(space)
        w.append(contentsOf: repeatElement(0, count: Self.k))
        u.append(contentsOf: repeatElement(0, count: Self.k))
        return r
    }

    func averaged(_ row: Int, _ label: Int) -> Float { w[row * Self.k + label] - u[row * Self.k + label] / c }

    mutating func update(_ row: Int32, _ label: Int, by sign: Float) {
        w[Int(row) * Self.k + label] += sign
        u[Int(row) * Self.k + label] += sign * c
    }

    /// One sentence of structured training: decoded by the tagger's Viterbi over the scheme's
    /// labels; where the best path leaves the gold one, the gold path's features gain and the
    /// predicted path's lose, at the tokens whose label or history differ. One step a sentence.
    mutating func exactStep(
        _ e: NERTrainer.Example, statics staticRows: [Int32], hashes h: NERFeatureExtractor.TokenHashes, allowed: [Bool]
    ) -> (errors: Int, tokens: Int) {
        let k = Self.k
        let sc = NERFeatureExtractor.staticCount
        let m = e.labels.count
        let labs = (0..<k).filter { allowed[$0] }
        // Scores are summed in plain arrays (a SIMD vector's lane written by index is slow) and
        // handed to the decoder as vectors.
        func add(_ key: UInt64, _ v: inout [Float]) {
            for space in e.spaces {
                let r = row(key, space)
                if r >= 0 { for l in labs { v[l] += w[Int(r) * k + l] } }
            }
        }
        func vector(_ v: [Float]) -> SIMD16<Float> {
            var out = SIMD16<Float>()
            for l in labs { out[l] = v[l] }
            return out
        }
        // Label-only rows for this sentence, and each token's static rows and scores.
        var labelOnly = [SIMD16<Float>](repeating: SIMD16<Float>(), count: k * k)
        for p in labs {
            for p2 in labs {
                var v = [Float](repeating: 0, count: k)
                add(NERFeatureExtractor.previousKey(p), &v)
                add(NERFeatureExtractor.pairKey(p, p2), &v)
                labelOnly[p * k + p2] = vector(v)
            }
        }
        let tokenRows = (0..<m).map { i in staticRows[(i * 2 * sc)..<((i + 1) * 2 * sc)].filter { $0 >= 0 } }
        let statics = tokenRows.map { rows in
            var v = [Float](repeating: 0, count: k)
            for r in rows { for l in labs { v[l] += w[Int(r) * k + l] } }
            return vector(v)
        }
        // Each token's rows for each previous label: the word's, then the shape's.
        var history = [SIMD16<Float>](repeating: SIMD16<Float>(), count: m * k)
        for i in 0..<m {
            for p in labs {
                var v = [Float](repeating: 0, count: k)
                add(NERFeatureExtractor.wordKey(p, i, h), &v)
                add(NERFeatureExtractor.shapeKey(p, i, h), &v)
                history[i * k + p] = vector(v)
            }
        }
        let predicted = NERTagger.viterbi(length: m, labels: labs, statics: statics, history: history, pairs: labelOnly)
        var errors = 0
        if predicted != e.labels {
            for i in 0..<m where predicted[i] != e.labels[i] { errors += 1 }
            for i in 0..<m {
                let gold = (e.labels[i], i > 0 ? e.labels[i - 1] : 0, i > 1 ? e.labels[i - 2] : 0)
                let pred = (predicted[i], i > 0 ? predicted[i - 1] : 0, i > 1 ? predicted[i - 2] : 0)
                if gold == pred { continue }
                for (label, prev, prev2, sign) in [(gold.0, gold.1, gold.2, Float(1)), (pred.0, pred.1, pred.2, Float(-1))] {
                    var rows = tokenRows[i]
                    for key in [
                        NERFeatureExtractor.previousKey(prev), NERFeatureExtractor.pairKey(prev, prev2),
                        NERFeatureExtractor.wordKey(prev, i, h), NERFeatureExtractor.shapeKey(prev, i, h),
                    ] {
                        for space in e.spaces { rows.append(ensure(key, space)) }
                    }
                    for r in rows { update(r, label, by: sign) }
                }
            }
        }
        c += 1
        return (errors, m)
    }

    /// One sentence of greedy training: each token labelled left to right on its own predicted
    /// history, and updated at once when wrong. One step a token.
    mutating func greedyStep(
        _ e: NERTrainer.Example, statics staticRows: [Int32], hashes h: NERFeatureExtractor.TokenHashes, allowed: [Bool]
    ) -> (errors: Int, tokens: Int) {
        let k = Self.k
        let sc = NERFeatureExtractor.staticCount
        var scores = [Float](repeating: 0, count: k)
        var dyn: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var errors = 0
        var predicted = [Int](repeating: 0, count: e.labels.count)
        for i in 0..<e.labels.count {
            for l in 0..<k { scores[l] = 0 }
            var active: [Int32] = []
            active.reserveCapacity(2 * sc + 8)
            for f in 0..<(2 * sc) {
                let r = staticRows[i * 2 * sc + f]
                if r >= 0 { active.append(r) }
            }
            let prev = i > 0 ? predicted[i - 1] : 0
            let prev2 = i > 1 ? predicted[i - 2] : 0
            NERFeatureExtractor.dynamicFeatures(i, prev: prev, prev2: prev2, hashes: h, into: &dyn)
            let dynKeys = [dyn.0, dyn.1, dyn.2, dyn.3]
            var missing = false
            for key in dynKeys {
                for space in e.spaces {
                    let r = row(key, space)
                    if r >= 0 { active.append(r) } else { missing = true }
                }
            }
            for r in active {
                let b = Int(r) * k
                for l in 0..<k { scores[l] += w[b + l] }
            }
            let p = NERTagger.best(allowed: allowed, prev: prev) { scores[$0] }
            let g = e.labels[i]
            predicted[i] = p
            if p != g {
                errors += 1
                if missing {
                    for key in dynKeys {
                        for space in e.spaces where row(key, space) < 0 { active.append(ensure(key, space)) }
                    }
                }
                for r in active {
                    update(r, g, by: 1)
                    update(r, p, by: -1)
                }
            }
            c += 1
        }
        return (errors, e.labels.count)
    }
}
