/// Whether bytes are well-formed UTF-8 (what `String(validating:as:)` accepts: no overlong forms,
/// no surrogates, nothing above U+10FFFF), without making the string: ASCII is skipped eight bytes
/// at a time, and only the bytes of other characters are looked at one by one. Deciding a web
/// page's charset this way costs a tenth of copying the page into a string.
public enum UTF8Validation {
    public static func isValid<C: Collection<UInt8>>(_ bytes: C) -> Bool {
        if let r = bytes.withContiguousStorageIfAvailable({ isValid($0) }) { return r }
        return isValid(Array(bytes))
    }

    public static func isValid(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = b.baseAddress else { return true }
        let n = b.count
        var i = 0
        while i < n {
            // Eight ASCII bytes at once.
            while i + 8 <= n, UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
            guard i < n else { break }
            let c = base[i]
            if c < 0x80 {
                i += 1
                continue
            }
            @inline(__always) func cont(_ k: Int) -> Bool { i + k < n && base[i + k] & 0xC0 == 0x80 }
            @inline(__always) func second(_ lo: UInt8, _ hi: UInt8) -> Bool { i + 1 < n && base[i + 1] >= lo && base[i + 1] <= hi }
            switch c {
            case 0xC2...0xDF:
                guard cont(1) else { return false }
                i += 2
            case 0xE0:
                guard second(0xA0, 0xBF), cont(2) else { return false }
                i += 3
            case 0xE1...0xEC, 0xEE...0xEF:
                guard cont(1), cont(2) else { return false }
                i += 3
            case 0xED:
                guard second(0x80, 0x9F), cont(2) else { return false }
                i += 3
            case 0xF0:
                guard second(0x90, 0xBF), cont(2), cont(3) else { return false }
                i += 4
            case 0xF1...0xF3:
                guard cont(1), cont(2), cont(3) else { return false }
                i += 4
            case 0xF4:
                guard second(0x80, 0x8F), cont(2), cont(3) else { return false }
                i += 4
            default:
                return false
            }
        }
        return true
    }
}
