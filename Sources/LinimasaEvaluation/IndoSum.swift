import Foundation

/// IndoSum stores articles as paragraphs of sentences of tokens; this puts the text back together.
public enum IndoSum {
    struct Line: Decodable { var paragraphs: [[[String]]] }

    public static func articleText(_ json: String) -> String? {
        guard let line = try? JSONDecoder().decode(Line.self, from: Data(json.utf8)) else { return nil }
        return line.paragraphs.map { p in p.map(detokenize).joined(separator: " ") }.joined(separator: "\n\n")
    }

    /// Joins tokens with spaces, except before closing punctuation and after opening brackets.
    public static func detokenize(_ tokens: [String]) -> String {
        var s = ""
        var quoteOpen = false
        var glueNext = false
        for t in tokens {
            let closing = [".", ",", ":", ";", "?", "!", ")", "%"].contains(t) || (t == "\"" && quoteOpen)
            if !s.isEmpty && !closing && !glueNext { s += " " }
            s += t
            glueNext = t == "(" || (t == "\"" && !quoteOpen)
            if t == "\"" { quoteOpen.toggle() }
        }
        return s
    }
}

/// One line of IndoSum: paragraphs of sentences of tokens, and the reference summary.
public struct IndoSumArticle: Decodable, Sendable {
    public var paragraphs: [[[String]]]
    public var summary: [[String]]
}
