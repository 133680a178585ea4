import LinimasaCore

/// A timeline: days, each with a few sentences.
public struct DatedSummaries: Sendable, Equatable {
    public var entries: [(day: CivilDate, sentences: [String])]
    public init(_ entries: [(day: CivilDate, sentences: [String])]) {
        self.entries = entries.sorted { $0.day < $1.day }
    }
    public var days: [CivilDate] { entries.map(\.day) }
    public static func == (a: DatedSummaries, b: DatedSummaries) -> Bool {
        a.entries.count == b.entries.count && zip(a.entries, b.entries).allSatisfy { $0.day == $1.day && $0.sentences == $1.sentences }
    }
}

/// The measures timeline summarization is judged by, against one reference timeline:
///
/// - concat ROUGE: all sentences of each timeline as one summary;
/// - alignment ROUGE, many-to-one with date and content costs (Martschat & Markert 2017, "align+ m:1",
///   as used by Ghalandari & Ifrim 2020): each day of one timeline is matched to the day of the other
///   with the lowest cost `(1 − 1/(|Δdays| + 1)) · (1 − ROUGE-1 approximation)`, and the hits of each
///   match count `1/(|Δdays| + 1)`; precision matches system days to reference days, recall the reverse;
/// - date F1: the system's days against the reference's, exact matches.
public struct TimelineMetrics: Sendable {
    public var rouge: Rouge
    public init(rouge: Rouge = Rouge(stem: true, removeStopwords: true)) { self.rouge = rouge }

    public struct Scores: Sendable, Equatable {
        public var concat1: Rouge.Counts
        public var concat2: Rouge.Counts
        public var align1P: Double, align1R: Double
        public var align2P: Double, align2R: Double
        public var dateP: Double, dateR: Double
        public var align1: Double { Rouge.f1(align1P, align1R) }
        public var align2: Double { Rouge.f1(align2P, align2R) }
        public var dateF1: Double { Rouge.f1(dateP, dateR) }
    }

    public func score(system: DatedSummaries, reference: DatedSummaries) -> Scores {
        let sysAll = system.entries.flatMap(\.sentences)
        let refAll = reference.entries.flatMap(\.sentences)
        let (p1, p2) = alignedSide(from: system, to: reference, precision: true)
        let (r1, r2) = alignedSide(from: reference, to: system, precision: false)
        let sd = Set(system.days)
        let rd = Set(reference.days)
        let common = Double(sd.intersection(rd).count)
        return Scores(
            concat1: rouge.counts(candidate: sysAll, reference: refAll, n: 1),
            concat2: rouge.counts(candidate: sysAll, reference: refAll, n: 2),
            align1P: p1, align1R: r1, align2P: p2, align2R: r2,
            dateP: sd.isEmpty ? 0 : common / Double(sd.count), dateR: rd.isEmpty ? 0 : common / Double(rd.count))
    }

    /// Precision (from = system) or recall (from = reference) of aligned ROUGE-1 and ROUGE-2.
    func alignedSide(from: DatedSummaries, to: DatedSummaries, precision: Bool) -> (Double, Double) {
        var num1 = 0.0, den1 = 0.0, num2 = 0.0, den2 = 0.0
        let toTokens = to.entries.map { $0.sentences.flatMap(rouge.tokens) }
        for e in from.entries {
            let fromTokens = e.sentences.flatMap(rouge.tokens)
            var best = -1
            var bestCost = Double.infinity
            for (k, t) in to.entries.enumerated() {
                let dateFactor = 1 - 1 / (Double(abs(e.day.daysSinceEpoch - t.day.daysSinceEpoch)) + 1)
                let content = precision
                    ? Self.rouge1Approximation(candidate: fromTokens, reference: toTokens[k])
                    : Self.rouge1Approximation(candidate: toTokens[k], reference: fromTokens)
                let cost = dateFactor * (1 - content)
                if cost < bestCost {
                    bestCost = cost
                    best = k
                }
            }
            let (sys, ref) = best < 0 ? (precision ? (e.sentences, []) : ([], e.sentences))
                : (precision ? (e.sentences, to.entries[best].sentences) : (to.entries[best].sentences, e.sentences))
            let weight = best < 0 ? 1 : 1 / (Double(abs(e.day.daysSinceEpoch - to.entries[best].day.daysSinceEpoch)) + 1)
            let c1 = rouge.counts(candidate: sys, reference: ref, n: 1)
            let c2 = rouge.counts(candidate: sys, reference: ref, n: 2)
            num1 += weight * c1.hits
            num2 += weight * c2.hits
            den1 += precision ? c1.candidate : c1.reference
            den2 += precision ? c2.candidate : c2.reference
        }
        return (den1 > 0 ? num1 / den1 : 0, den2 > 0 ? num2 / den2 : 0)
    }

    /// ROUGE-1 F1 from token counts, the cheap estimate the alignment costs use.
    static func rouge1Approximation(candidate: [String], reference: [String]) -> Double {
        var r: [String: Int] = [:]
        for w in reference { r[w, default: 0] += 1 }
        var c: [String: Int] = [:]
        for w in candidate { c[w, default: 0] += 1 }
        var match = 0
        for (w, k) in c { match += min(k, r[w] ?? 0) }
        let p = candidate.isEmpty ? 0 : Double(match) / Double(candidate.count)
        let rc = reference.isEmpty ? 0 : Double(match) / Double(reference.count)
        return Rouge.f1(p, rc)
    }
}
