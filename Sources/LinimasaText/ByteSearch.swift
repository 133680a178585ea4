#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Substring search over UTF-8 bytes: many times faster on this toolchain than
/// `String.contains(_:)`/`firstRange(of:)`, which go through the generic string-processing searcher.
extension StringProtocol {
    /// True when `needle`'s bytes occur in this string's bytes.
    @inlinable public func containsBytes(_ needle: String) -> Bool { firstByteOffset(of: needle) != nil }

    /// The byte offset of the first occurrence of `needle`, or nil.
    public func firstByteOffset(of needle: String) -> Int? {
        var needle = needle
        let search: (UnsafeBufferPointer<UInt8>) -> Int? = { h in
            needle.withUTF8 { n -> Int? in
                guard let first = n.first else { return 0 }
                guard h.count >= n.count, let hb = h.baseAddress else { return nil }
                var i = 0
                let last = h.count - n.count
                while i <= last {
                    // memchr finds the next candidate first byte with SIMD.
                    guard let at = UnsafeRawBufferPointer(h).firstOffset(of: first, from: i), at <= last else { return nil }
                    i = at
                    if n.count == 1 || memcmp(hb + i + 1, n.baseAddress! + 1, n.count - 1) == 0 { return i }
                    i += 1
                }
                return nil
            }
        }
        if let r = self.utf8.withContiguousStorageIfAvailable(search) { return r }
        return Array(self.utf8).withUnsafeBufferPointer(search)
    }

    /// The range of the first occurrence of `needle`, as string indices.
    public func byteRange(of needle: String) -> Range<Index>? {
        guard let off = firstByteOffset(of: needle) else { return nil }
        let lo = utf8.index(startIndex, offsetBy: off)
        let hi = utf8.index(lo, offsetBy: needle.utf8.count)
        return lo..<hi
    }
}

extension UnsafeRawBufferPointer {
    /// The offset of the first `byte` at or after `from`, found by `memchr` (with SIMD); nil when
    /// there is none. The one byte scan of the substring searches over bytes.
    @inlinable public func firstOffset(of byte: UInt8, from: Int) -> Int? {
        guard from >= 0, from < count, let base = baseAddress, let p = memchr(base + from, Int32(byte), count - from) else { return nil }
        return base.distance(to: UnsafeRawPointer(p))
    }
}

/// Several phrases looked for in one pass over a text's bytes: each position is checked against
/// the phrases that begin with its two bytes (a table of 65,536 entries), where testing the
/// phrases one by one walks the text once a phrase (a line against thirty-four call-to-action
/// phrases). Every phrase must be at least two bytes long.
public struct ByteCues: Sendable {
    private let phrases: [[UInt8]]
    /// Bucket number (0: none) of each two-byte start, read as `first << 8 | second`.
    private let bucketOf: [UInt16]
    private let buckets: [[Int]]

    public init(_ phrases: [String]) {
        self.phrases = phrases.map { Array($0.utf8) }
        precondition(self.phrases.allSatisfy { $0.count >= 2 }, "ByteCues: a phrase must be at least two bytes long")
        var bucketOf = [UInt16](repeating: 0, count: 1 << 16)
        var buckets: [[Int]] = [[]]
        for (k, p) in self.phrases.enumerated() {
            let key = Int(p[0]) << 8 | Int(p[1])
            if bucketOf[key] == 0 {
                bucketOf[key] = UInt16(buckets.count)
                buckets.append([])
            }
            buckets[Int(bucketOf[key])].append(k)
        }
        self.bucketOf = bucketOf
        self.buckets = buckets
    }

    /// Whether any of the phrases occurs in `text` (byte for byte).
    public func occurs<S: StringProtocol>(in text: S) -> Bool {
        if let r = text.utf8.withContiguousStorageIfAvailable(occurs(inBytes:)) { return r }
        return Array(text.utf8).withUnsafeBufferPointer(occurs(inBytes:))
    }

    public func occurs(inBytes h: UnsafeBufferPointer<UInt8>) -> Bool {
        guard h.count >= 2 else { return false }
        return bucketOf.withUnsafeBufferPointer { table in
            for i in 0..<(h.count - 1) {
                let b = Int(table[Int(h[i]) << 8 | Int(h[i + 1])])
                guard b != 0 else { continue }
                for k in buckets[b] {
                    let p = phrases[k]
                    if p.count <= h.count - i, p.withUnsafeBufferPointer({ p in memcmp(h.baseAddress! + i, p.baseAddress!, p.count) == 0 }) {
                        return true
                    }
                }
            }
            return false
        }
    }
}
