/// What a token is.
public enum TokenKind: UInt8, Sendable, Hashable {
    /// Letters, possibly with digits and inner hyphens or apostrophes: "langkah-langkah", "S-400", "COVID-19".
    case word
    /// Digits, possibly with inner `.` or `,`: "2019", "2,5", "6.000".
    case number
    case url
    case email
    /// One punctuation or symbol scalar.
    case punct
}

/// A token: a byte range into the scanned UTF-8 text.
public struct Token: Sendable, Hashable {
    public var start: Int
    public var end: Int
    public var kind: TokenKind
    public init(start: Int, end: Int, kind: TokenKind) {
        self.start = start
        self.end = end
        self.kind = kind
    }
    public var length: Int { end - start }
}

/// UTF-8 text with its tokens, the unit the scanners of later stages work on.
public struct TokenizedText: Sendable {
    public let bytes: [UInt8]
    /// `bytes` with ASCII letters in lower case.
    public let lowerBytes: [UInt8]
    public let tokens: [Token]

    public init(_ text: String) {
        var t = text
        self.bytes = t.withUTF8 { Array($0) }
        self.lowerBytes = bytes.map { UTF8Class.isUpper($0) ? $0 | 0x20 : $0 }
        self.tokens = bytes.withUnsafeBufferPointer { Tokenizer.tokenize($0) }
    }

    /// The token's text.
    public func text(_ i: Int) -> String { text(tokens[i]) }
    public func text(_ t: Token) -> String { String(decoding: bytes[t.start..<t.end], as: UTF8.self) }
    public func text(from start: Int, to end: Int) -> String { String(decoding: bytes[start..<end], as: UTF8.self) }

    /// The token's text in ASCII lower case (non-ASCII bytes kept).
    public func lower(_ i: Int) -> String {
        let t = tokens[i]
        return String(decoding: lowerBytes[t.start..<t.end], as: UTF8.self)
    }

    /// True when the token's first byte is an ASCII capital letter.
    public func isCapitalized(_ i: Int) -> Bool { UTF8Class.isUpper(bytes[tokens[i].start]) }

    /// True when only spaces (no line break) separate tokens `i` and `i + 1`.
    public func sameLine(_ i: Int, _ j: Int) -> Bool {
        guard i >= 0, j < tokens.count else { return false }
        for k in tokens[i].end..<tokens[j].start where bytes[k] == 0x0A { return false }
        return true
    }

    /// True when the token is exactly the single ASCII byte `c`.
    @inline(__always) public func isPunct(_ i: Int, _ c: UInt8) -> Bool {
        i >= 0 && i < tokens.count && tokens[i].length == 1 && bytes[tokens[i].start] == c
    }
}
