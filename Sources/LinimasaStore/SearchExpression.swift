/// A search as a tree, read from `SearchQuery.expression`, for stores that match and rank
/// themselves rather than through SQLite's FTS5. Precedence as FTS5 has it: NOT binds closest,
/// then AND, then OR; `a NOT b` is a without b.
public indirect enum SearchExpression: Sendable, Hashable {
    /// Words in a row (one word is a phrase of one); `prefix`: the last word is a prefix.
    case phrase(String, prefix: Bool)
    case and(SearchExpression, SearchExpression)
    case or(SearchExpression, SearchExpression)
    case not(SearchExpression, SearchExpression)

    /// The phrases in the order written (each counts in BM25, as in FTS5).
    public var phrases: [(text: String, prefix: Bool)] {
        switch self {
        case .phrase(let t, let p): return [(t, p)]
        case .and(let a, let b), .or(let a, let b), .not(let a, let b): return a.phrases + b.phrases
        }
    }

    /// Parses an expression as `SearchQuery` writes it (quoted words, `*`, AND, OR, NOT,
    /// parentheses); nil for an empty one.
    public init?(expression: String) {
        var tokens: [String] = []
        let chars = Array(expression)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == " " {
                i += 1
            } else if c == "\"" {
                var j = i + 1
                var text = ""
                while j < chars.count {
                    if chars[j] == "\"" {
                        if j + 1 < chars.count && chars[j + 1] == "\"" {
                            text.append("\"")
                            j += 2
                            continue
                        }
                        break
                    }
                    text.append(chars[j])
                    j += 1
                }
                i = j + 1
                var token = "\"" + text
                // The prefix mark is kept apart from the words (a phrase may hold a "*" of its own).
                if i < chars.count && chars[i] == "*" {
                    token += "\u{0}"
                    i += 1
                }
                tokens.append(token)
            } else if c == "(" || c == ")" {
                tokens.append(String(c))
                i += 1
            } else {
                var j = i
                while j < chars.count && chars[j] != " " && chars[j] != "(" && chars[j] != ")" { j += 1 }
                tokens.append(String(chars[i..<j]))
                i = j
            }
        }
        var k = 0
        func primary() -> SearchExpression? {
            guard k < tokens.count else { return nil }
            let t = tokens[k]
            k += 1
            if t == "(" {
                let e = or()
                if k < tokens.count && tokens[k] == ")" { k += 1 }
                return e
            }
            guard t.hasPrefix("\"") else { return nil }
            let prefix = t.hasSuffix("\u{0}")
            return .phrase(String(t.dropFirst().dropLast(prefix ? 1 : 0)), prefix: prefix)
        }
        /// One level of binary operators, left to right: `operand (op operand)*`.
        func level(_ op: String, _ operand: () -> SearchExpression?, _ join: (SearchExpression, SearchExpression) -> SearchExpression)
            -> SearchExpression?
        {
            guard var e = operand() else { return nil }
            while k < tokens.count && tokens[k] == op {
                k += 1
                guard let r = operand() else { break }
                e = join(e, r)
            }
            return e
        }
        func not() -> SearchExpression? { level("NOT", primary, SearchExpression.not) }
        func and() -> SearchExpression? { level("AND", not, SearchExpression.and) }
        func or() -> SearchExpression? { level("OR", and, SearchExpression.or) }
        guard let e = or() else { return nil }
        self = e
    }
}
