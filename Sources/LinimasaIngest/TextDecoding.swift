import LinimasaCore

/// Turns input bytes into text: UTF-8 when valid; UTF-8 with its few broken sequences replaced
/// when it is UTF-8 with damage; Windows-1252 when it is not UTF-8 at all; UTF-16 with a byte
/// order mark; refuses binary data. Line endings become `\n` whatever they were (CRLF, CR).
public enum TextDecoding {
    public enum Outcome: Sendable, Equatable {
        case utf8(String)
        /// UTF-8 with `replaced` broken sequences, each now U+FFFD; every correct character kept.
        case repairedUTF8(String, replaced: Int)
        /// UTF-16 (with a byte order mark).
        case utf16(String)
        /// Not valid UTF-8; decoded as Windows-1252 (the usual encoding of older Indonesian pages).
        case windows1252(String)
        /// Looks like binary data (NUL bytes or many control characters).
        case binary
    }

    public static func decode(_ bytes: [UInt8]) -> Outcome {
        var body = bytes[...]
        if body.starts(with: [0xFF, 0xFE]) || body.starts(with: [0xFE, 0xFF]) {
            return decodeUTF16(body.dropFirst(2), littleEndian: body.first == 0xFF).map { .utf16(normalizingNewlines($0)) } ?? .binary
        }
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }  // UTF-8 byte order mark
        if looksBinary(body) { return .binary }
        if let s = String(validating: body, as: UTF8.self) { return .utf8(normalizingNewlines(s)) }
        let (valid, broken) = utf8Sequences(body)
        // Windows-1252 text almost never forms a valid UTF-8 sequence of two or more bytes; text that
        // has more of them than broken ones is UTF-8 with damage, repaired sequence by sequence.
        if valid > 0 && broken <= valid {
            return .repairedUTF8(normalizingNewlines(String(decoding: body, as: UTF8.self)), replaced: broken)
        }
        return .windows1252(normalizingNewlines(decodeWindows1252(body)))
    }

    /// Valid multi-byte UTF-8 sequences and broken ones (a byte that starts no valid sequence).
    static func utf8Sequences(_ b: ArraySlice<UInt8>) -> (valid: Int, broken: Int) {
        var valid = 0, broken = 0
        var i = b.startIndex
        while i < b.endIndex {
            let c = b[i]
            if c < 0x80 {
                i += 1
                continue
            }
            let n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0
            if n > 0, i + n <= b.endIndex, String(validating: b[i..<(i + n)], as: UTF8.self) != nil {
                valid += 1
                i += n
            } else {
                broken += 1
                i += 1
            }
        }
        return (valid, broken)
    }

    static func decodeUTF16(_ b: ArraySlice<UInt8>, littleEndian: Bool) -> String? {
        guard b.count % 2 == 0 else { return nil }
        var units: [UInt16] = []
        units.reserveCapacity(b.count / 2)
        var i = b.startIndex
        while i < b.endIndex {
            let (x, y) = (UInt16(b[i]), UInt16(b[i + 1]))
            units.append(littleEndian ? x | y << 8 : x << 8 | y)
            i += 2
        }
        if units.contains(0) { return nil }
        return String(decoding: units, as: UTF16.self)
    }

    /// Text as the stages read it: CRLF and lone CR as `\n` (articles saved on Windows or old Macs keep
    /// their paragraphs); invisible format characters (zero-width space and joiners, word joiner, a
    /// byte order mark inside the text, soft hyphen) removed, since they split words and names
    /// ("detik\u{200B}News"); private-use characters (icon-font glyphs of scraped pages) removed, since
    /// they mean nothing outside the font that drew them.
    public static func normalizingNewlines(_ s: String) -> String {
        // Only a CR or a character removed calls for a pass over the scalars.
        guard needsNormalizing(s) else { return s }
        var out = String.UnicodeScalarView()
        var previousCR = false
        for u in s.unicodeScalars {
            let v = u.value
            if v == 0x0D {
                out.append("\n")
                previousCR = true
                continue
            }
            defer { previousCR = false }
            if v == 0x0A && previousCR { continue }
            // After "Ã" a soft hyphen is the second half of "í" read as Windows-1252 (C3 AD), no
            // hyphenation point: it stays for `repairingMojibake`.
            if v == 0xAD, out.last == "\u{C3}" {
                out.append(u)
                continue
            }
            if v == 0xAD || (0x200B...0x200D).contains(v) || v == 0x2060 || v == 0xFEFF || (0xE000...0xF8FF).contains(v) { continue }
            out.append(u)
        }
        return String(out)
    }

    /// Whether the text holds a CR or a character `normalizingNewlines` removes, found over the bytes
    /// (most articles hold neither, but nearly all hold E2, the lead byte of curly quotes and dashes).
    static func needsNormalizing(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { b in
            var i = 0
            while i < b.count {
                let c = b[i]
                switch c {
                case 0x0D, 0xEE: return true  // CR; U+E000–U+EFFF
                case 0xC2: if i + 1 < b.count && b[i + 1] == 0xAD { return true }  // U+00AD
                case 0xE2:  // U+200B–U+200D, U+2060
                    if i + 2 < b.count && ((b[i + 1] == 0x80 && (0x8B...0x8D).contains(b[i + 2])) || (b[i + 1] == 0x81 && b[i + 2] == 0xA0)) { return true }
                case 0xEF:  // U+F000–U+F8FF, U+FEFF
                    if i + 2 < b.count && ((0x80...0xA3).contains(b[i + 1]) || (b[i + 1] == 0xBB && b[i + 2] == 0xBF)) { return true }
                default: break
                }
                i += 1
            }
            return false
        }
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

extension TextDecoding {
    /// Undoes UTF-8 that was read as Windows-1252 (or Latin-1) somewhere before the text reached us,
    /// "mojibake": "BjÃ¶rn" for "Björn", "FranÃ§ois" for "François", "â€œ" for "“". A run of
    /// characters that Windows-1252 has in its upper half is turned back into its bytes, and each
    /// well-formed UTF-8 sequence of two to four bytes in the run becomes the character it encodes;
    /// bytes that form no sequence stay the characters they were. Text written in Windows-1252 or
    /// Latin-1 on purpose almost never holds such a sequence ("é" followed by two characters of
    /// U+0080–U+00BF), so it is left as it is. Returns the text and how many characters were repaired.
    public static func repairingMojibake(_ s: String) -> (text: String, repaired: Int) {
        // Every such sequence starts with one of Â–ô (U+00C2–U+00F4), which UTF-8 writes as C3 xx.
        guard s.utf8.contains(0xC3) else { return (s, 0) }
        var out = String.UnicodeScalarView()
        var run: [UInt8] = []
        var runScalars: [Unicode.Scalar] = []
        var repaired = 0
        func flush() {
            var i = 0
            while i < run.count {
                let c = run[i]
                let n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0
                // A sequence decoding to a C1 control character (U+0080–U+009F) is no text anyone wrote.
                if n > 0, i + n <= run.count, let decoded = String(validating: run[i..<(i + n)], as: UTF8.self),
                    decoded.unicodeScalars.allSatisfy({ $0.value > 0x9F })
                {
                    out.append(contentsOf: decoded.unicodeScalars)
                    repaired += 1
                    i += n
                } else {
                    out.append(runScalars[i])
                    i += 1
                }
            }
            run.removeAll(keepingCapacity: true)
            runScalars.removeAll(keepingCapacity: true)
        }
        for u in s.unicodeScalars {
            if let b = windows1252Byte(u.value) {
                run.append(b)
                runScalars.append(u)
            } else {
                if !run.isEmpty { flush() }
                out.append(u)
            }
        }
        if !run.isEmpty { flush() }
        return repaired == 0 ? (s, 0) : (String(out), repaired)
    }

    /// The byte Windows-1252 (or, for its five unassigned bytes, Latin-1) gives a character of its
    /// upper half; nil for ASCII and for characters it does not have.
    static func windows1252Byte(_ v: UInt32) -> UInt8? {
        if v >= 0xA0 && v <= 0xFF { return UInt8(v) }
        guard v >= 0x80 else { return nil }
        return cp1252Bytes[v]
    }

    /// `cp1252High` turned round: the character each byte 0x80–0x9F decodes to, and its byte.
    static let cp1252Bytes: [UInt32: UInt8] = {
        var m: [UInt32: UInt8] = [:]
        for (k, v) in cp1252High.enumerated() { m[v] = UInt8(0x80 + k) }
        return m
    }()

    /// A document with the mojibake of its text, title and author repaired, and a note saying so.
    public static func repairingMojibake(_ doc: RawDocument) -> RawDocument {
        var doc = doc
        var total = 0
        func fix(_ s: inout String) {
            let (t, n) = repairingMojibake(s)
            if n > 0 {
                s = t
                total += n
            }
        }
        fix(&doc.text)
        if var t = doc.given.title { fix(&t); doc.given.title = t }
        if var a = doc.given.author { fix(&a); doc.given.author = a }
        if total > 0 {
            doc.notes.append("\(total) character\(total == 1 ? "" : "s") of UTF-8 read as Windows-1252 before (\"Ã©\" for \"é\") repaired")
        }
        return doc
    }
}
