import LinimasaCore
import LinimasaText

/// A sentence offered to the summarizer.
public struct CandidateSentence: Sendable {
    public var text: String
    /// Term vector of the sentence (unit length).
    public var terms: TermVector
    /// Index of the sentence in its article (0 is the lede).
    public var position: Int
    /// Which article it comes from.
    public var document: Int
    public var words: Int
    /// A bonus the caller gives (e.g. for naming the day being summarised).
    public var prior: Float = 0

    public init(text: String, terms: TermVector, position: Int, document: Int, words: Int) {
        self.text = text
        self.terms = terms
        self.position = position
        self.document = document
        self.words = words
    }

    /// Builds a candidate from a sentence's text.
    public init(text: String, position: Int, document: Int, language: Language, cache: TermCache) {
        let t = TokenizedText(text)
        var raw: [UInt64: Float] = [:]
        cache.addTerms(of: t, language: language, weight: 1, into: &raw)
        self.init(
            text: text, terms: TermVector(raw, limit: 64), position: position, document: document,
            words: t.tokens.reduce(0) { $0 + ($1.kind == .word || $1.kind == .number ? 1 : 0) })
    }
}

/// Extractive summaries: picks the sentences that are most central to the set (cosine to the
/// centroid of all candidates) and early in their articles (news puts the news first), one at a
/// time, each time discounting what the chosen ones already say (maximal marginal relevance,
/// Carbonell & Goldstein 1998). Whole sentences only, returned in reading order.
public struct Summarizer: Sendable {
    /// Weight of the centroid similarity.
    public var centrality: Float = 1
    /// Weight of the position prior 1 / (1 + position).
    public var lead: Float = 3
    /// Weight of the largest similarity to an already chosen sentence.
    public var redundancy: Float = 0.7
    /// Subtracted from sentences that quote someone: a summary reports, it rarely quotes.
    public var quotePenalty: Float = 0.3
    /// Sentences shorter or longer than this (in words) are not chosen.
    public var minWords = 5
    public var maxWords = 80

    public init() {}

    /// True when the sentence holds a quotation mark (straight, curly or the treebank's ``).
    static func quotes(_ s: String) -> Bool {
        s.utf8.contains(0x22) || s.contains("\u{201C}") || s.contains("\u{201D}")
    }

    /// Indices into `candidates` of up to `count` chosen sentences, in (document, position) order.
    public func select(_ candidates: [CandidateSentence], count: Int, centroid given: TermVector? = nil) -> [Int] {
        guard count > 0, !candidates.isEmpty else { return [] }
        let centroid: TermVector
        if let given {
            centroid = given
        } else {
            var acc: [UInt64: Float] = [:]
            for c in candidates { c.terms.add(into: &acc) }
            centroid = TermVector(acc, limit: 200)
        }
        var usable = candidates.indices.filter { candidates[$0].words >= minWords && candidates[$0].words <= maxWords }
        if usable.isEmpty { usable = Array(candidates.indices) }
        let base = usable.map { i -> Float in
            centrality * candidates[i].terms.cosine(centroid) + lead / Float(1 + candidates[i].position) + candidates[i].prior
                - (Self.quotes(candidates[i].text) ? quotePenalty : 0)
        }
        var chosen: [Int] = []
        var maxSim = [Float](repeating: 0, count: usable.count)
        var taken = [Bool](repeating: false, count: usable.count)
        while chosen.count < min(count, usable.count) {
            var best = -1
            var bestScore = -Float.infinity
            for k in usable.indices where !taken[k] {
                let s = base[k] - redundancy * maxSim[k]
                if s > bestScore {
                    bestScore = s
                    best = k
                }
            }
            guard best >= 0 else { break }
            taken[best] = true
            let i = usable[best]
            chosen.append(i)
            for k in usable.indices where !taken[k] {
                let sim = candidates[usable[k]].terms.cosine(candidates[i].terms)
                // The same sentence from a copy says nothing new.
                if candidates[usable[k]].text == candidates[i].text { taken[k] = true }
                maxSim[k] = max(maxSim[k], sim)
            }
        }
        return chosen.sorted { (candidates[$0].document, candidates[$0].position) < (candidates[$1].document, candidates[$1].position) }
    }
}
