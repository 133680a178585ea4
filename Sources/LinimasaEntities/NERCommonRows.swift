import LinimasaText

/// The rows of the features whose values come from a small set, read by the tagger from a table
/// that stays in cache instead of probing the model's large one: the bias, the gazetteer labels
/// (templates 19–21: sixteen values, pairs of them), and the word shapes (templates 14, 16, 17, 18
/// and the tag-history rows that read the previous label with the shape). The shapes the model
/// knows are few ("Xx" of seven letters and more, "x" of four to six, "d"…), and each of those
/// features was a probe of the large table (NER-UI's: 256 KB of tags, 16 MB of rows), a cache
/// miss, at every token.
///
/// A row here is the one the large table holds (a zero row for a feature it does not know), added
/// at the same point of a token's sum, so the scores are the probes' exactly. A shape the table
/// was not built with (a shape of more than three classes or of other punctuation, one the model
/// does not know by itself) is probed as before. A known word's rows as a neighbour (templates 2–5)
/// were tried beside its word rows too, and cost 45–80 ms of start-up and 10 MB for a gain the
/// benchmark could not tell from noise.
struct NERCommonRows: Sendable {
    /// Templates of `NERFeatureExtractor.staticFeatures` read from this table.
    static let bias = 0
    static let shapeTemplates = (shape: 14, before: 16, after: 17, first: 18)
    static let gazetteerTemplates = (one: 19, withBefore: 20, withAfter: 21)

    /// Rows a shape: templates 14, 16, 17, 18 (first token), 18 (not first), then one for each previous label.
    private static let perShape = 5 + NERLabel.count
    private static let historyOffset = 5
    /// Open-addressing table of shape hashes (0: empty) and their numbers.
    private let slots: [UInt64]
    private let numbers: [Int32]
    private let mask: Int
    private let shapeRows: [SIMD16<Float>]
    /// Template 0's row.
    let biasRow: SIMD16<Float>
    /// Template 19's row for each gazetteer value, then 20's and 21's for each pair of values. A
    /// value is a label (0..<15), or 15 outside the sentence (`NERFeatureExtractor`'s 99).
    private let gazetteerRows: [SIMD16<Float>]
    static let outside = 15
    /// The numbers of the shapes before the first token and after the last.
    let bos: Int32
    let eos: Int32

    /// `row` gives a feature's row in the large table (zero when unknown); `allowed` the scheme's labels.
    init(allowed: [Bool], row: (UInt64) -> SIMD16<Float>) {
        typealias F = NERFeatureExtractor
        let k = NERLabel.count
        var candidates: [UInt64] = [F.bos, F.eos]
        var seen = Set(candidates)
        func offer(_ bytes: [UInt8]) {
            let h = F.shapeHash(bytes[...])
            if seen.insert(h).inserted { candidates.append(h) }
        }
        // Shapes of every run of up to three classes (capitals, small letters, digits, and the
        // punctuation news text uses) at each length bucket; a word of other bytes is probed.
        let symbols = Array("Aa0-.,/'&():\"%".utf8)
        var runs: [[UInt8]] = symbols.map { [$0] }
        for a in symbols {
            for b in symbols where b != a {
                runs.append([a, b])
                for c in symbols where c != b { runs.append([a, b, c]) }
            }
        }
        for run in runs {
            for length in [1, 3, 6, 8] where length >= run.count {
                offer(run + [UInt8](repeating: run[run.count - 1], count: length - run.count))
            }
        }
        // Keep the shapes the model knows something of.
        var kept: [UInt64] = []
        var rows: [SIMD16<Float>] = []
        for h in candidates {
            // A shape the model does not know by itself is probed (its other rows still are the probes').
            let alone = row(F.key(14, h))
            if h != F.bos && h != F.eos && alone == SIMD16<Float>() { continue }
            var block = [
                alone, row(F.key(16, h)), row(F.key(17, h)), row(F.key(18, F.pair(1, h))),
                row(F.key(18, F.pair(0, h))),
            ]
            for p in 0..<k { block.append(allowed[p] ? row(F.key(33, F.pair(UInt64(p), h))) : SIMD16<Float>()) }
            kept.append(h)
            rows.append(contentsOf: block)
        }
        var cap = 16
        while cap < kept.count * 2 { cap <<= 1 }
        var slots = [UInt64](repeating: 0, count: cap)
        var numbers = [Int32](repeating: -1, count: cap)
        for (n, h) in kept.enumerated() where h != 0 {
            var s = Int(truncatingIfNeeded: mix64(h)) & (cap - 1)
            while slots[s] != 0 { s = (s + 1) & (cap - 1) }
            slots[s] = h
            numbers[s] = Int32(n)
        }
        self.slots = slots
        self.numbers = numbers
        self.mask = cap - 1
        self.shapeRows = rows
        self.bos = Int32(kept.firstIndex(of: F.bos)!)
        self.eos = Int32(kept.firstIndex(of: F.eos)!)
        self.biasRow = row(F.key(0, 0))
        let values = (0...Self.outside).map { $0 == Self.outside ? UInt64(99) : UInt64($0) }
        var gaz = values.map { row(F.key(19, $0)) }
        for t in [20, 21] as [UInt64] {
            for a in values { for b in values { gaz.append(row(F.key(t, F.pair(a, b)))) } }
        }
        self.gazetteerRows = gaz
    }

    /// The row of a template the table holds for gazetteer values `before`, `value` and `after`
    /// (`gazetteerTemplates`; each 0..<16, `outside` beyond the sentence).
    @inline(__always) func gazetteerRow(_ template: Int, before: Int, value: Int, after: Int) -> SIMD16<Float> {
        switch template {
        case Self.gazetteerTemplates.one: gazetteerRows[value]
        case Self.gazetteerTemplates.withBefore: gazetteerRows[16 + before * 16 + value]
        default: gazetteerRows[16 + 256 + value * 16 + after]
        }
    }

    /// The row of shape template `template` (`shapeTemplates`) for the shape numbered `number`,
    /// `first` telling template 18 whether the token opens the sentence.
    @inline(__always) func shapeRow(_ template: Int, _ number: Int32, first: Bool) -> SIMD16<Float> {
        let slot =
            switch template {
            case Self.shapeTemplates.shape: 0
            case Self.shapeTemplates.before: 1
            case Self.shapeTemplates.after: 2
            default: first ? 3 : 4
            }
        return shapeRows[Int(number) * Self.perShape + slot]
    }

    /// The shape's tag-history row for previous label `p`.
    @inline(__always) func historyRow(_ number: Int32, previous p: Int) -> SIMD16<Float> {
        shapeRows[Int(number) * Self.perShape + Self.historyOffset + p]
    }

    /// A shape's number, -1 for a shape the table does not hold.
    @inline(__always) func number(_ shape: UInt64) -> Int32 {
        guard shape != 0 else { return -1 }
        var s = Int(truncatingIfNeeded: mix64(shape)) & mask
        while true {
            let h = slots[s]
            if h == shape { return numbers[s] }
            if h == 0 { return -1 }
            s = (s + 1) & mask
        }
    }
}
