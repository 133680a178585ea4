/// Splits UTF-8 text into words, numbers, URLs, e-mail addresses and punctuation, in one pass over bytes.
///
/// Kept whole: "langkah-langkah", "S-400", "COVID-19", "pro-Rusia" (inner hyphens between letters or
/// digits), "2,5" and "6.000" (separators between digits), "Jum'at" (apostrophes between letters),
/// "Liputan6.com" (a dot followed by a lower-case letter), URLs and e-mail addresses. Curly and
/// straight quotes, dashes and other punctuation are one token each. O(n) in the byte count.
public enum Tokenizer {
    public static func tokenize(_ text: String) -> [Token] {
        var t = text
        return t.withUTF8 { tokenize($0) }
    }

    public static func tokenize(_ p: UnsafeBufferPointer<UInt8>) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(p.count / 5)
        let n = p.count
        var i = 0
        while i < n {
            let b = p[i]
            if b < 0x80 {
                if UTF8Class.isASCIISpace(b) { i += 1; continue }
                if UTF8Class.isASCIILetter(b) || UTF8Class.isDigit(b) {
                    if let end = urlEnd(p, i) { tokens.append(Token(start: i, end: end, kind: .url)); i = end; continue }
                    if let end = emailEnd(p, i) { tokens.append(Token(start: i, end: end, kind: .email)); i = end; continue }
                    let (end, kind) = wordEnd(p, i)
                    tokens.append(Token(start: i, end: end, kind: kind))
                    i = end
                    continue
                }
                tokens.append(Token(start: i, end: i + 1, kind: .punct))
                i += 1
                continue
            }
            let (v, len) = UTF8Class.scalar(p, i)
            if UTF8Class.isSpaceScalar(v) { i += len; continue }
            if UTF8Class.isPunctScalar(v) {
                tokens.append(Token(start: i, end: i + len, kind: .punct))
                i += len
                continue
            }
            let (end, kind) = wordEnd(p, i)
            tokens.append(Token(start: i, end: end, kind: kind))
            i = end
        }
        return tokens
    }

    /// Is the scalar at `i` a letter or digit (any script)?
    @inline(__always) static func isWordScalar(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        guard i < p.count else { return false }
        let b = p[i]
        if b < 0x80 { return UTF8Class.isASCIILetter(b) || UTF8Class.isDigit(b) }
        let v = UTF8Class.scalar(p, i).value
        return !UTF8Class.isSpaceScalar(v) && !UTF8Class.isPunctScalar(v)
    }

    static func wordEnd(_ p: UnsafeBufferPointer<UInt8>, _ start: Int) -> (Int, TokenKind) {
        let n = p.count
        var i = start
        var allDigits = true
        while i < n {
            let b = p[i]
            if b < 0x80 {
                if UTF8Class.isASCIILetter(b) { allDigits = false; i += 1; continue }
                if UTF8Class.isDigit(b) { i += 1; continue }
                guard i > start, i + 1 < n else { break }
                let prev = p[i - 1]
                let next = p[i + 1]
                switch b {
                case UInt8(ascii: "-"):
                    // Inner hyphen: "langkah-langkah", "S-400", "COVID-19".
                    if isWordScalar(p, i + 1) && (UTF8Class.isASCIILetter(prev) || UTF8Class.isDigit(prev) || prev >= 0x80) {
                        i += 1; continue
                    }
                case UInt8(ascii: "."), UInt8(ascii: ","):
                    if UTF8Class.isDigit(prev) && UTF8Class.isDigit(next) { i += 1; continue }
                    // Domain names: "Liputan6.com", "rmol.id".
                    if b == UInt8(ascii: ".") && !allDigits && UTF8Class.isLower(next) && (UTF8Class.isASCIILetter(prev) || UTF8Class.isDigit(prev))
                        && domainTailFollows(p, i + 1) {
                        allDigits = false; i += 1; continue
                    }
                case UInt8(ascii: "'"):
                    if UTF8Class.isASCIILetter(prev) && UTF8Class.isASCIILetter(next) { allDigits = false; i += 1; continue }
                default: break
                }
                break
            }
            let (v, len) = UTF8Class.scalar(p, i)
            if v == 0x2019, i > start, i + len < n, UTF8Class.isASCIILetter(p[i - 1]), UTF8Class.isASCIILetter(p[i + len]) {
                allDigits = false; i += len; continue  // Jum’at
            }
            if UTF8Class.isSpaceScalar(v) || UTF8Class.isPunctScalar(v) { break }
            allDigits = false
            i += len
        }
        return (i, allDigits ? .number : .word)
    }

    /// A dot joins a domain only when a short lower-case label follows ("com", "id", "co").
    static func domainTailFollows(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        var j = i
        while j < p.count, UTF8Class.isLower(p[j]) { j += 1 }
        let len = j - i
        guard len >= 2, len <= 6 else { return false }
        // The label must end the word (or lead to another label).
        return j == p.count || !UTF8Class.isASCIILetter(p[j])
    }

    static func urlEnd(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        func has(_ s: StaticString) -> Bool {
            let len = s.utf8CodeUnitCount
            guard i + len <= p.count else { return false }
            let sp = s.utf8Start
            for k in 0..<len where (p[i + k] | 0x20) != sp[k] { return false }
            return true
        }
        guard has("http://") || has("https://") || has("www.") else { return nil }
        var j = i
        while j < p.count, p[j] > 0x20, p[j] != UInt8(ascii: "<"), p[j] != UInt8(ascii: ">"), p[j] != UInt8(ascii: "\"") { j += 1 }
        while j > i, let last = Optional(p[j - 1]),
            last == UInt8(ascii: ".") || last == UInt8(ascii: ",") || last == UInt8(ascii: ")") || last == UInt8(ascii: ";")
                || last == UInt8(ascii: ":") || last == UInt8(ascii: "!") || last == UInt8(ascii: "?") || last == UInt8(ascii: "'")
        {
            j -= 1
        }
        return j > i + 4 ? j : nil
    }

    @inline(__always) static func isEmailLocal(_ b: UInt8) -> Bool {
        UTF8Class.isASCIILetter(b) || UTF8Class.isDigit(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "_")
            || b == UInt8(ascii: "%") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-")
    }

    static func emailEnd(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        var j = i
        while j < p.count, isEmailLocal(p[j]) { j += 1 }
        guard j < p.count, p[j] == UInt8(ascii: "@"), j > i else { return nil }
        var k = j + 1
        var dots = 0
        while k < p.count, UTF8Class.isASCIILetter(p[k]) || UTF8Class.isDigit(p[k]) || p[k] == UInt8(ascii: "-") || p[k] == UInt8(ascii: ".") {
            if p[k] == UInt8(ascii: ".") { dots += 1 }
            k += 1
        }
        while k > j + 1, p[k - 1] == UInt8(ascii: ".") { k -= 1; dots -= 1 }
        return dots >= 1 ? k : nil
    }
}
