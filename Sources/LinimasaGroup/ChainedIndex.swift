/// A multimap from 64-bit keys to article numbers, as chains in flat arrays: one dictionary entry
/// per key and eight bytes per posting, so millions of postings stay cheap. Newest first.
struct ChainedIndex {
    private var heads: [UInt64: Int32] = [:]
    private var article: [Int32] = []
    private var next: [Int32] = []

    mutating func insert(_ key: UInt64, _ a: Int32) {
        let e = Int32(article.count)
        article.append(a)
        next.append(heads[key] ?? -1)
        heads[key] = e
    }

    /// Calls `body` with each article under `key`, newest first, at most `limit` of them.
    func forEach(_ key: UInt64, limit: Int = .max, _ body: (Int32) -> Void) {
        var e = heads[key] ?? -1
        var n = 0
        while e >= 0 && n < limit {
            body(article[Int(e)])
            e = next[Int(e)]
            n += 1
        }
    }

    var postings: Int { article.count }
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
