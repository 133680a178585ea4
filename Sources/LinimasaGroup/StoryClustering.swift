import Foundation
import LinimasaCore
import LinimasaText

/// Stories by average-linkage agglomerative clustering of events (UPGMA) on a sparse graph: two
/// stories merge while the mean similarity over all pairs of their events (pairs never compared
/// count 0) is the highest of any two and at least `threshold`. The mean over all pairs is what
/// keeps a chain out: a story cannot grow by drift, since every new event must be like the story's
/// events as a whole, not like its last one.
///
/// Two events are compared when they share one of their heaviest terms or names; their similarity
/// is the cosine of their TF-IDF centroids × 1/(1 + days apart / halfLife), and 0 when their names
/// (the people, organisations and places they name) or their case terms (terms that are not names)
/// are not alike: a thread is held together by specific names and case terms, never by a topic's
/// words alone.
///
/// A function of the set of events: merges are taken best first, ties by the smaller event numbers,
/// and event numbers follow date order, so the stories do not depend on the order articles arrived in.
extension StoryLinker {
    struct Vectors {
        var content: [TermVector]
        var names: [TermVector]?
        var actions: [TermVector]?
    }

    func eventVectors(_ events: [GroupedEvent], vectors: [TermVector], names: [TermVector]?) -> Vectors {
        let content = events.map { centroid($0, vectors) }
        let n = names.map { names in events.map { centroid($0, names) } }
        let actions: [TermVector]? = n.map { n in content.indices.map { content[$0].removing(termsOf: n[$0]) } }
        return Vectors(content: content, names: n, actions: actions)
    }

    /// Similarity of two events for stories, 0 when their names or case terms disagree.
    func similarity(_ a: Int, _ b: Int, _ v: Vectors, days: [Int?]) -> Float {
        let gap = Double(abs((days[a] ?? 0) - (days[b] ?? days[a] ?? 0)))
        let s = v.content[a].cosine(v.content[b]) * Float(1 / (1 + gap / halfLife))
        // A pair this far apart adds nothing a reader would call a link; it is not kept at all.
        if s < minimumPair { return 0 }
        if let n = v.names, !n[a].isEmpty, !n[b].isEmpty, n[a].cosine(n[b]) < nameThreshold { return 0 }
        if let x = v.actions, !x[a].isEmpty, !x[b].isEmpty, x[a].cosine(x[b]) < actionThreshold { return 0 }
        return s
    }

    func averageLinkStories(_ events: [GroupedEvent], vectors: [TermVector], names: [TermVector]?, profiles: [ArticleProfile]) -> [[Int]] {
        // Events in date order (ties: smallest article id) are numbered 0..<n.
        let order = events.indices.sorted { a, b in
            let da = events[a].day?.day ?? Int.max
            let db = events[b].day?.day ?? Int.max
            return da != db ? da < db : profiles[events[a].members[0]].id < profiles[events[b].members[0]].id
        }
        let ordered = order.map { events[$0] }
        let v = eventVectors(ordered, vectors: vectors, names: names)
        let days = ordered.map { $0.day?.day }
        let n = ordered.count

        // Candidate pairs: events under one of each other's heaviest terms or names.
        var index = ChainedIndex()
        var sums: [Int: [Int: Float]] = [:]
        for e in 0..<n {
            var keys = v.content[e].heaviest(keyTerms)
            if let names = v.names { for k in names[e].heaviest(keyTerms) where !keys.contains(k) { keys.append(k) } }
            var seen = Set<Int32>()
            for k in keys { index.forEach(k, limit: recentPerTerm) { seen.insert($0) } }
            for f in seen.sorted() {
                let s = similarity(e, Int(f), v, days: days)
                if s > 0 {
                    sums[e, default: [:]][Int(f)] = s
                    sums[Int(f), default: [:]][e] = s
                }
            }
            for k in keys { index.insert(k, Int32(e)) }
        }

        // Best-first merging with a heap of (mean, a, b). A merge changes the sums of the smaller
        // cluster's neighbours only, and those are pushed anew; every other mean of the merged cluster
        // can only fall (its size grew), so an entry found out of date when popped is pushed again
        // with its current mean. Each merge costs the smaller side's neighbours: no quadratic hub.
        var size = [Int](repeating: 1, count: n)
        var alive = [Bool](repeating: true, count: n)
        var members = (0..<n).map { [$0] }
        var heap = PairHeap()
        for (a, row) in sums { for (b, s) in row where a < b && s >= threshold { heap.push(PairHeap.Entry(score: s, a: Int32(a), b: Int32(b))) } }
        func entry(_ x: Int, _ y: Int, _ mean: Float) -> PairHeap.Entry { PairHeap.Entry(score: mean, a: Int32(min(x, y)), b: Int32(max(x, y))) }
        while let top = heap.pop() {
            let a = Int(top.a), b = Int(top.b)
            guard alive[a], alive[b], let s = sums[a]?[b] else { continue }
            let mean = s / Float(size[a] * size[b])
            if mean < top.score {
                if mean >= threshold { heap.push(entry(a, b, mean)) }
                continue
            }
            // The cluster with more neighbours survives (ties: the smaller number); the other's are moved.
            let countA = sums[a]?.count ?? 0, countB = sums[b]?.count ?? 0
            let (keep, gone) = countA > countB || (countA == countB && a < b) ? (a, b) : (b, a)
            alive[gone] = false
            members[keep] += members[gone]
            members[gone] = []
            size[keep] += size[gone]
            let moved = sums.removeValue(forKey: gone) ?? [:]
            sums[keep]?[gone] = nil
            for (c, sc) in moved where c != keep {
                sums[c]?[gone] = nil
                let merged = (sums[keep]?[c] ?? 0) + sc
                sums[keep, default: [:]][c] = merged
                sums[c, default: [:]][keep] = merged
                let m = merged / Float(size[keep] * size[c])
                if m >= threshold { heap.push(entry(keep, c, m)) }
            }
        }
        return (0..<n).filter { alive[$0] }.map { s in members[s].map { order[$0] }.sorted() }.sorted { $0[0] < $1[0] }
    }
}

/// A max-heap of scored pairs; ties go to the smaller pair, so merging is deterministic.
struct PairHeap {
    struct Entry {
        var score: Float
        var a: Int32
        var b: Int32
        func before(_ o: Entry) -> Bool { score != o.score ? score > o.score : (a != o.a ? a < o.a : b < o.b) }
    }
    private var items: [Entry] = []

    mutating func push(_ e: Entry) {
        items.append(e)
        var i = items.count - 1
        while i > 0 {
            let p = (i - 1) / 2
            guard items[i].before(items[p]) else { break }
            items.swapAt(i, p)
            i = p
        }
    }

    mutating func pop() -> Entry? {
        guard let first = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < items.count && items[l].before(items[m]) { m = l }
                if r < items.count && items[r].before(items[m]) { m = r }
                if m == i { break }
                items.swapAt(i, m)
                i = m
            }
        }
        return first
    }
}
