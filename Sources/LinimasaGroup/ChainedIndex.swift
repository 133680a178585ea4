/// A multimap from 64-bit keys to article numbers, as chains in flat arrays: one dictionary entry
/// per key and eight bytes per posting, so millions of postings stay cheap. Newest first.
struct ChainedIndex {
    private var heads: [UInt64: Int32] = [:]
    /// Postings (article, next) in fixed-size chunks, so growing never copies or doubles them.
    private var chunks: [[Int64]] = []
    private(set) var postings = 0
    private static let chunkSize = 1 << 16

    mutating func insert(_ key: UInt64, _ a: Int32) {
        let e = postings
        if e % Self.chunkSize == 0 {
            chunks.append([])
            chunks[chunks.count - 1].reserveCapacity(Self.chunkSize)
        }
        let next = Int64(heads[key] ?? -1)
        chunks[chunks.count - 1].append(Int64(a) << 32 | (next & 0xFFFF_FFFF))
        heads[key] = Int32(e)
        postings += 1
    }

    /// Calls `body` with each article under `key`, newest first, at most `limit` of them.
    func forEach(_ key: UInt64, limit: Int = .max, _ body: (Int32) -> Void) {
        var e = Int(heads[key] ?? -1)
        var n = 0
        while e >= 0 && n < limit {
            let v = chunks[e / Self.chunkSize][e % Self.chunkSize]
            body(Int32(truncatingIfNeeded: v >> 32))
            e = Int(Int32(truncatingIfNeeded: v))
            n += 1
        }
    }

    var keys: Int { heads.count }
}

/// Union–find with path halving and union by size.
struct DisjointSets {
    private(set) var parent: [Int32] = []
    private var size: [Int32] = []

    mutating func add() -> Int32 {
        parent.append(Int32(parent.count))
        size.append(1)
        return Int32(parent.count - 1)
    }

    mutating func find(_ x: Int32) -> Int32 {
        var x = x
        while parent[Int(x)] != x {
            parent[Int(x)] = parent[Int(parent[Int(x)])]
            x = parent[Int(x)]
        }
        return x
    }

    /// Joins the sets of `a` and `b`; false when they were one already.
    @discardableResult
    mutating func union(_ a: Int32, _ b: Int32) -> Bool {
        var ra = find(a)
        var rb = find(b)
        if ra == rb { return false }
        if size[Int(ra)] < size[Int(rb)] { swap(&ra, &rb) }
        parent[Int(rb)] = ra
        size[Int(ra)] += size[Int(rb)]
        return true
    }
}
