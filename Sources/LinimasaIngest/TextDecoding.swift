/// Turns input bytes into text: UTF-8 when valid, Windows-1252 otherwise; refuses binary data.
public enum TextDecoding {
    public enum Outcome: Sendable, Equatable {
        case utf8(String)
        /// Not valid UTF-8; decoded as Windows-1252 (the usual encoding of older Indonesian pages).
        case windows1252(String)
        /// Looks like binary data (NUL bytes or many control characters).
        case binary
    }

    public static func decode(_ bytes: [UInt8]) -> Outcome {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }  // UTF-8 byte order mark
        if looksBinary(body) { return .binary }
        if let s = String(validating: body, as: UTF8.self) { return .utf8(s) }
        return .windows1252(decodeWindows1252(body))
    }

    /// NUL bytes, or more than 1 in 10 of the first 4 KB being control characters other than whitespace.
    static func looksBinary(_ b: ArraySlice<UInt8>) -> Bool {
        var controls = 0
        let sample = b.prefix(4096)
        for c in sample {
            if c == 0 { return true }
            if c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D && c != 0x0C { controls += 1 }
        }
        return !sample.isEmpty && controls * 10 > sample.count
    }

    /// The 0x80–0x9F block of Windows-1252; the rest maps to the same code points as Latin-1.
    static let cp1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    public static func decodeWindows1252(_ b: ArraySlice<UInt8>) -> String {
        var s = String.UnicodeScalarView()
        for c in b {
            let v: UInt32 = (c >= 0x80 && c <= 0x9F) ? cp1252High[Int(c) - 0x80] : UInt32(c)
            s.append(Unicode.Scalar(v)!)
        }
        return String(s)
    }
}
