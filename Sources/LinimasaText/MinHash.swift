/// 64-bit FNV-1a over bytes, then a final avalanche (splitmix64), so nearby inputs spread well.
/// Inlinable, so other modules get a version specialised to their collection type (a generic
/// call costs a witness call a byte).
@inlinable @inline(__always)
public func hashBytes<C: Collection>(_ bytes: C, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 where C.Element == UInt8 {
    // Bytes that sit in one buffer (arrays, a native string's UTF-8) are read from it directly.
    mix64(bytes.withContiguousStorageIfAvailable { fnv1a($0, seed: seed) } ?? fnv1a(bytes, seed: seed))
}

/// 64-bit FNV-1a over bytes, before `hashBytes`'s avalanche.
@inlinable @inline(__always)
func fnv1a<S: Sequence>(_ bytes: S, seed: UInt64) -> UInt64 where S.Element == UInt8 {
    var h = seed
    for b in bytes {
        h ^= UInt64(b)
        h &*= 0x0000_0100_0000_01b3
    }
    return h
}

/// A 64-bit value as 16 lower-case hex digits.
public func hex16(_ v: UInt64) -> String {
    let s = String(v, radix: 16)
    return String(repeating: "0", count: 16 - s.count) + s
}

/// 128 bits of hash (two seeds of `hashBytes`) as 32 hex digits: a content hash for change detection.
/// Inlinable for the reason `hashBytes` is: compiled here, generic, it read an entity's JSON (when
/// the store compares a collection's entities) through a witness call a byte.
@inlinable
public func hexDigest128<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
    hex16(hashBytes(bytes)) + hex16(hashBytes(bytes, seed: 0x9E37_79B9_7F4A_7C15))
}

/// splitmix64's finaliser: a bijection that scrambles every bit.
@inlinable @inline(__always)
public func mix64(_ x: UInt64) -> UInt64 {
    var z = x &+ 0x9e37_79b9_7f4a_7c15
    z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
    z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
    return z ^ (z >> 31)
}

/// splitmix64 (Steele, Lea and Flood 2014): a small seeded generator, so that shuffles, synthetic
/// corpora and training repeat exactly. The one generator of the project and its tests.
public struct SplitMix: RandomNumberGenerator, Sendable {
    public static let increment: UInt64 = 0x9e37_79b9_7f4a_7c15
    public var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        defer { state &+= Self.increment }
        return mix64(state)
    }
}

/// MinHash signatures over word shingles (Broder 1997), for finding near-duplicate texts.
///
/// A text's words (letters and digits, ASCII lower case) are cut into overlapping shingles of
/// `shingleSize` words; each of `count` hash functions keeps its minimum over the shingles. The
/// share of equal positions in two signatures estimates the Jaccard similarity of their shingle sets.
public struct MinHasher: Sendable {
    public let count: Int
    public let shingleSize: Int
    private let multipliers: [UInt64]
    private let addends: [UInt64]

    public init(count: Int = 60, shingleSize: Int = 3, seed: UInt64 = 0x6c69_6e69_6d61_7361) {
        self.count = count
        self.shingleSize = shingleSize
        var s = seed
        var m: [UInt64] = []
        var a: [UInt64] = []
        for _ in 0..<count {
            s = mix64(s)
            m.append(s | 1)
            s = mix64(s)
            a.append(s)
        }
        multipliers = m
        addends = a
    }

    /// The hashes of a text's word shingles; empty when the text has fewer words than a shingle.
    public func shingles(_ text: TokenizedText) -> [UInt64] {
        var words: [UInt64] = []
        words.reserveCapacity(text.tokens.count)
        for t in text.tokens where t.kind == .word || t.kind == .number {
            words.append(hashBytes(text.lowerBytes[t.start..<t.end]))
        }
        guard words.count >= shingleSize else { return words.isEmpty ? [] : [combine(words[...])] }
        var out: [UInt64] = []
        out.reserveCapacity(words.count - shingleSize + 1)
        for i in 0...(words.count - shingleSize) { out.append(combine(words[i..<(i + shingleSize)])) }
        return out
    }

    @inline(__always) private func combine(_ ws: ArraySlice<UInt64>) -> UInt64 {
        var h: UInt64 = 0x8422_2325
        for w in ws { h = mix64(h ^ w) }
        return h
    }

    /// The signature of a set of shingle hashes: the 32-bit minimum of each hash function, kept as
    /// its top 16 bits (two unequal minima agree by chance once in 65,536, and a million signatures
    /// take half the memory); all positions are `UInt16.max` for an empty set.
    public func signature(_ shingles: [UInt64]) -> [UInt16] {
        var sig = [UInt32](repeating: .max, count: count)
        sig.withUnsafeMutableBufferPointer { out in
            for x in shingles {
                for i in 0..<count {
                    let v = UInt32(truncatingIfNeeded: (multipliers[i] &* x &+ addends[i]) >> 32)
                    if v < out[i] { out[i] = v }
                }
            }
        }
        return sig.map { UInt16(truncatingIfNeeded: $0 >> 16) }
    }

    public func signature(_ text: TokenizedText) -> [UInt16] { signature(shingles(text)) }

    /// Estimated Jaccard similarity: the share of positions where two signatures agree.
    public static func similarity(_ a: [UInt16], _ b: [UInt16]) -> Double {
        guard a.count == b.count, !a.isEmpty else { return 0 }
        var same = 0
        for i in 0..<a.count where a[i] == b[i] && a[i] != .max { same += 1 }
        return Double(same) / Double(a.count)
    }

    /// The band keys for locality-sensitive hashing: `bands` keys of `count / bands` rows each.
    /// Two texts with Jaccard similarity s share at least one key with probability 1 − (1 − s^r)^b.
    public static func bandKeys(_ sig: [UInt16], bands: Int) -> [UInt64] {
        (0..<bands).map { bandKey(sig, band: $0, bands: bands) }
    }

    /// The key of band `band` alone.
    @inline(__always) public static func bandKey(_ sig: [UInt16], band b: Int, bands: Int) -> UInt64 {
        let rows = sig.count / bands
        var h = UInt64(b) &* 0x9e37_79b9_7f4a_7c15
        for r in 0..<rows { h = mix64(h ^ UInt64(sig[b * rows + r])) }
        return h
    }
}
