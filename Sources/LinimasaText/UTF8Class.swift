/// Byte-level character classes for scanning UTF-8 text without `Character` or Regex.
///
/// Multi-byte sequences are classified by their code point: the typographic punctuation that
/// news pages use (curly quotes, dashes, bullets, ellipsis, NBSP) is punctuation or space; every
/// other non-ASCII scalar counts as a letter.
public enum UTF8Class {
    @inline(__always) public static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    @inline(__always) public static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    @inline(__always) public static func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
    @inline(__always) public static func isLower(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }
    @inline(__always) public static func isASCIISpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C || b == 0x0B }

    /// Length of the UTF-8 sequence starting with `b` (1 for invalid lead bytes, so scanning always advances).
    @inline(__always) public static func sequenceLength(_ b: UInt8) -> Int {
        if b < 0x80 { return 1 }
        if b >= 0xF0 { return 4 }
        if b >= 0xE0 { return 3 }
        if b >= 0xC0 { return 2 }
        return 1
    }

    /// Decodes the scalar at `i` (any byte sequence; invalid ones yield the lead byte's value).
    @inline(__always) public static func scalar(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> (value: UInt32, length: Int) {
        let b = p[i]
        let n = min(sequenceLength(b), p.count - i)
        switch n {
        case 2: return ((UInt32(b & 0x1F) << 6) | UInt32(p[i + 1] & 0x3F), 2)
        case 3: return ((UInt32(b & 0x0F) << 12) | (UInt32(p[i + 1] & 0x3F) << 6) | UInt32(p[i + 2] & 0x3F), 3)
        case 4:
            return ((UInt32(b & 0x07) << 18) | (UInt32(p[i + 1] & 0x3F) << 12) | (UInt32(p[i + 2] & 0x3F) << 6)
                | UInt32(p[i + 3] & 0x3F), 4)
        default: return (UInt32(b), 1)
        }
    }

    /// Space, including NBSP and the Unicode spaces pages leave behind.
    @inline(__always) public static func isSpaceScalar(_ v: UInt32) -> Bool {
        v == 0x20 || v == 0x09 || v == 0x0A || v == 0x0D || v == 0x0B || v == 0x0C || v == 0xA0 || (v >= 0x2000 && v <= 0x200B)
            || v == 0x202F || v == 0x3000 || v == 0xFEFF
    }

    /// Punctuation and symbols among non-ASCII scalars (quotes, dashes, bullets, …).
    @inline(__always) public static func isPunctScalar(_ v: UInt32) -> Bool {
        if v < 0x80 { return !(isASCIILetter(UInt8(v)) || isDigit(UInt8(v))) }
        return (v >= 0x2010 && v <= 0x205E) || v == 0xAB || v == 0xBB || v == 0xB7 || v == 0xA9 || v == 0xAE
            || v == 0xB0 || v == 0xA7 || v == 0xB6 || (v >= 0x2190 && v <= 0x2BFF) || (v >= 0x3000 && v <= 0x303F)
            || v == 0xFFFD || (v >= 0x1F000)
    }

    /// Opening quotation marks (straight `"` is handled by callers, since it both opens and closes).
    @inline(__always) public static func isOpenQuote(_ v: UInt32) -> Bool { v == 0x201C || v == 0xAB || v == 0x201E }
    @inline(__always) public static func isCloseQuote(_ v: UInt32) -> Bool { v == 0x201D || v == 0xBB }
    @inline(__always) public static func isDash(_ v: UInt32) -> Bool { v == 0x2D || v == 0x2013 || v == 0x2014 || v == 0x2212 }
}
