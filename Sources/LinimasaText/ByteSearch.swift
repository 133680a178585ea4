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
