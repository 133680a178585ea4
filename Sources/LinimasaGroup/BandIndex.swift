import LinimasaText

/// The articles under each MinHash band key, for finding near-copies as articles are added, kept
/// without the keys: an article's band keys are worked out again from its signature when needed.
///
/// Posting `article * bands + band` is the article's key of that band; `slots` holds, for each
/// slot a key falls in, the newest posting there, and `next` the posting before it in that slot.
/// A slot mixes postings of different keys, so a lookup works out each posting's key and keeps the
/// articles whose key is the one asked for: the articles are exactly those a map from keys would
/// give. A posting takes 4 bytes in `next` and 4 to 8 in `slots` (a map from 64-bit keys to
/// chains, `ChainedIndex`, about 21 a key and 8 a posting).
struct BandIndex {
    let bands: Int
    /// Newest posting in each slot, -1 when none; a power of two of them, at least one a posting.
    private var slots = [Int32](repeating: -1, count: 1024)
    /// For each posting, the one before it in its slot (-1: none); -2 for an article without text,
    /// which is not indexed.
    private var next: [Int32] = []
    private var postings = 0
    private var shift = 64 - 10

    init(bands: Int) { self.bands = bands }

    @inline(__always) private func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: key >> UInt64(shift)) }

    /// Adds article `article` (the next one: articles come in order) under `keys`, one a band, or
    /// under none when `keys` is empty. `signature` gives an earlier article's signature.
    mutating func add(_ article: Int32, keys: [UInt64], signature: (Int32) -> [UInt16]) {
        let first = Int(article) * bands
        precondition(next.count == first, "articles are added in order")
        guard !keys.isEmpty else {
            next.append(contentsOf: repeatElement(-2, count: bands))
            return
        }
        if postings + bands > slots.count { grow(signature: signature) }
        for (b, key) in keys.enumerated() {
            let s = slot(key)
            next.append(slots[s])
            slots[s] = Int32(first + b)
        }
        postings += bands
    }

    /// Calls `body` with each article under `key`, newest first.
    func forEach(_ key: UInt64, signature: (Int32) -> [UInt16], _ body: (Int32) -> Void) {
        var e = slots[slot(key)]
        while e >= 0 {
            let article = e / Int32(bands)
            if MinHasher.bandKey(signature(article), band: Int(e) % bands, bands: bands) == key { body(article) }
            e = next[Int(e)]
        }
    }

    /// Twice the slots, every posting put in its new slot (oldest first, so each slot stays newest first).
    private mutating func grow(signature: (Int32) -> [UInt16]) {
        var size = slots.count
        while size < postings + bands { size *= 2 }
        shift = 64 - size.trailingZeroBitCount
        slots = [Int32](repeating: -1, count: size)
        for e in next.indices where next[e] != -2 {
            let s = slot(MinHasher.bandKey(signature(Int32(e / bands)), band: e % bands, bands: bands))
            next[e] = slots[s]
            slots[s] = Int32(e)
        }
    }
}
