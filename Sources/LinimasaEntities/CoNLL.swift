/// A sentence of a CoNLL-style NER file: words and their IOB tags as written.
public struct CoNLLSentence: Sendable {
    public var words: [String]
    public var tags: [String]
}

public enum CoNLLError: Error, CustomStringConvertible {
    case badLine(file: String, line: Int, text: String)
    case noSentences(file: String)
    public var description: String {
        switch self {
        case .badLine(let f, let l, let t): "\(f):\(l): expected a word and an IOB tag (B-X, I-X or O), got \"\(t)\""
        case .noSentences(let f): "\(f): no sentences (expected lines of a word and an IOB tag, blank lines between sentences)"
        }
    }
}

/// Reads the formats of ../shared/data/ner: one token a line, the word first and the IOB tag last,
/// separated by tabs or spaces (idner has a POS column between), blank lines between sentences.
public enum CoNLLReader {
    public static func read(_ text: String, file: String) throws -> [CoNLLSentence] {
        var out: [CoNLLSentence] = []
        var words: [String] = []
        var tags: [String] = []
        var lineNumber = 0
        // "\r\n" is one Character in Swift: split on both.
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            let fields = line.split(whereSeparator: { $0 == "\t" || $0 == " " })
            if fields.isEmpty || line.hasPrefix("-DOCSTART-") {
                if !words.isEmpty { out.append(CoNLLSentence(words: words, tags: tags)) }
                words = []
                tags = []
                continue
            }
            let tag = String(fields[fields.count - 1])
            guard fields.count >= 2, tag == "O" || tag.hasPrefix("B-") || tag.hasPrefix("I-") else {
                throw CoNLLError.badLine(file: file, line: lineNumber, text: String(line.prefix(80)))
            }
            words.append(String(fields[0]))
            tags.append(tag)
        }
        if !words.isEmpty { out.append(CoNLLSentence(words: words, tags: tags)) }
        if out.isEmpty { throw CoNLLError.noSentences(file: file) }
        return out
    }

    /// The tag names (without B-/I-) a file uses.
    public static func tagNames(_ sentences: [CoNLLSentence]) -> Set<String> {
        var s = Set<String>()
        for x in sentences { for t in x.tags where t != "O" { s.insert(String(t.dropFirst(2))) } }
        return s
    }
}

/// Exact-span precision, recall and F1 per type and overall, counted as conlleval counts them
/// (a chunk starts at B-X, or at I-X after O or another type).
public struct SpanScores: Sendable {
    public struct Counts: Sendable {
        public var correct = 0
        public var predicted = 0
        public var gold = 0
        public var precision: Double { predicted == 0 ? 0 : Double(correct) / Double(predicted) }
        public var recall: Double { gold == 0 ? 0 : Double(correct) / Double(gold) }
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    }
    public var byType: [String: Counts] = [:]
    public var overall = Counts()
    public var tokens = 0
    public var correctTokens = 0

    public init() {}

    /// Chunks of an IOB tag sequence: (start, end, type name).
    public static func chunks(_ tags: [String]) -> [(Int, Int, String)] {
        var out: [(Int, Int, String)] = []
        var i = 0
        while i < tags.count {
            let t = tags[i]
            guard t != "O" else {
                i += 1
                continue
            }
            let type = String(t.dropFirst(2))
            var j = i + 1
            while j < tags.count, tags[j] == "I-" + type { j += 1 }
            out.append((i, j, type))
            i = j
        }
        return out
    }

    public mutating func add(gold: [String], predicted: [String]) {
        tokens += gold.count
        for (g, p) in zip(gold, predicted) where g == p { correctTokens += 1 }
        let g = SpanScores.chunks(gold)
        let p = SpanScores.chunks(predicted)
        let goldSet = Set(g.map { "\($0.0):\($0.1):\($0.2)" })
        for c in g {
            byType[c.2, default: Counts()].gold += 1
            overall.gold += 1
        }
        for c in p {
            byType[c.2, default: Counts()].predicted += 1
            overall.predicted += 1
            if goldSet.contains("\(c.0):\(c.1):\(c.2)") {
                byType[c.2, default: Counts()].correct += 1
                overall.correct += 1
            }
        }
    }
}
