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
/// is the cosine of their TF-IDF centroids × max(1/(1 + days apart / halfLife), decayFloor), and 0 when their names
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

    /// Similarity of two events for stories, 0 when their names or case terms disagree; `a`'s vectors
    /// are the ones scattered in `v` (`FlatVectors.View.scatter`).
    func similarity(_ a: Int, _ b: Int, _ v: FlatVectors.Views, days: [Int?]) -> Float {
        let gap = Double(abs((days[a] ?? 0) - (days[b] ?? days[a] ?? 0)))
        let s = v.content.cosine(scattered: a, b) * max(Float(1 / (1 + gap / halfLife)), decayFloor)
        // A pair this far apart adds nothing a reader would call a link; it is not kept at all.
        if s < minimumPair { return 0 }
        if let n = v.names, !n.isEmpty(a), !n.isEmpty(b), n.cosine(scattered: a, b) < nameThreshold { return 0 }
        if let x = v.actions, !x.isEmpty(a), !x.isEmpty(b), x.cosine(scattered: a, b) < actionThreshold { return 0 }
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

        // Candidate pairs: events under one of each other's heaviest terms or names. The vectors are
        // laid end to end for the cosines (`FlatVectors`), and candidates are marked in an array.
        var index = ChainedIndex()
        // Each event's linked events and the sums of their pair similarities, by event number.
        var sums = [[Int: Float]](repeating: [:], count: n)
        var terms = TermNumbers()
        let content = FlatVectors(v.content, numbers: &terms)
        let names = v.names.map { FlatVectors($0, numbers: &terms) }
        let actions = v.actions.map { FlatVectors($0, numbers: &terms) }
        var mark = [Int32](repeating: -1, count: n)
        var seen: [Int32] = []
        FlatVectors.views(content, names, actions, terms: terms.count) { views in
            for e in 0..<n {
                var keys = v.content[e].heaviest(keyTerms)
                if let names = v.names { for k in names[e].heaviest(keyNames) where !keys.contains(k) { keys.append(k) } }
                seen.removeAll(keepingCapacity: true)
                for k in keys {
                    index.forEach(k, limit: recentPerTerm) { f in
                        if mark[Int(f)] != Int32(e) {
                            mark[Int(f)] = Int32(e)
                            seen.append(f)
                        }
                    }
                }
                seen.sort()
                views.scatter(e)
                for f in seen {
                    let s = similarity(e, Int(f), views, days: days)
                    if s > 0 {
                        sums[e][Int(f)] = s
                        sums[Int(f)][e] = s
                    }
                }
                views.clear(e)
                for k in keys { index.insert(k, Int32(e)) }
            }
        }

        // Best-first merging with a heap of (mean, a, b). A merge changes the sums of the smaller
        // cluster's neighbours only, and those are pushed anew; every other mean of the merged cluster
        // can only fall (its size grew), so an entry found out of date when popped is pushed again
        // with its current mean. Each merge costs the smaller side's neighbours: no quadratic hub.
        var size = [Int](repeating: 1, count: n)
        var alive = [Bool](repeating: true, count: n)
        var members = (0..<n).map { [$0] }
        var heap = PairHeap()
        for (a, row) in sums.enumerated() { for (b, s) in row where a < b && s >= threshold { heap.push(PairHeap.Entry(score: s, a: Int32(a), b: Int32(b))) } }
        func entry(_ x: Int, _ y: Int, _ mean: Float) -> PairHeap.Entry { PairHeap.Entry(score: mean, a: Int32(min(x, y)), b: Int32(max(x, y))) }
        while let top = heap.pop() {
            let a = Int(top.a), b = Int(top.b)
            guard alive[a], alive[b], let s = sums[a][b] else { continue }
            let mean = s / Float(size[a] * size[b])
            if mean < top.score {
                if mean >= threshold { heap.push(entry(a, b, mean)) }
                continue
            }
            // The cluster with more neighbours survives (ties: the smaller number); the other's are moved.
            let countA = sums[a].count, countB = sums[b].count
            let (keep, gone) = countA > countB || (countA == countB && a < b) ? (a, b) : (b, a)
            alive[gone] = false
            members[keep] += members[gone]
            members[gone] = []
            size[keep] += size[gone]
            let moved = sums[gone]
            sums[gone] = [:]
            sums[keep][gone] = nil
            for (c, sc) in moved where c != keep {
                sums[c][gone] = nil
                let merged = (sums[keep][c] ?? 0) + sc
                sums[keep][c] = merged
                sums[c][keep] = merged
                let m = merged / Float(size[keep] * size[c])
                if m >= threshold { heap.push(entry(keep, c, m)) }
            }
        }
        return (0..<n).filter { alive[$0] }.map { s in members[s].map { order[$0] }.sorted() }.sorted { $0[0] < $1[0] }
    }
}

/// Term keys numbered from 0, so that a vector can be spread over a plain array.
struct TermNumbers {
    private var numbers: [UInt32: Int32] = [:]
    var count: Int { numbers.count }
    mutating func number(_ key: UInt32) -> Int32 {
        if let n = numbers[key] { return n }
        let n = Int32(numbers.count)
        numbers[key] = n
        return n
    }
}

/// Term vectors laid end to end, each term also by its number: one event's vector is spread over a
/// plain array (`scatter`), and its cosine with another is a walk over the other's terms, with no
/// merging of keys and no vector's own arrays touched (no reference counting in the candidates'
/// loop). The products are the merge's, added in the same order (the other's terms ascend, and a
/// term the two do not share adds 0), so the floats are `TermVector.cosine`'s.
struct FlatVectors {
    var numbers: [Int32] = []
    var weights: [Float] = []
    var starts: [Int] = [0]

    init(_ vectors: [TermVector], numbers terms: inout TermNumbers) {
        let total = vectors.reduce(0) { $0 + $1.keys.count }
        numbers.reserveCapacity(total)
        weights.reserveCapacity(total)
        for v in vectors {
            for k in v.keys { numbers.append(terms.number(k)) }
            weights += v.weights
            starts.append(numbers.count)
        }
    }

    /// The arrays' storage and a spread-out vector, for as long as `views` runs its body.
    struct View {
        let numbers: UnsafeBufferPointer<Int32>
        let weights: UnsafeBufferPointer<Float>
        let starts: UnsafeBufferPointer<Int>
        let dense: UnsafeMutableBufferPointer<Float>

        @inline(__always) func isEmpty(_ i: Int) -> Bool { starts[i] == starts[i + 1] }

        func scatter(_ a: Int) { for i in starts[a]..<starts[a + 1] { dense[Int(numbers[i])] = weights[i] } }
        func clear(_ a: Int) { for i in starts[a]..<starts[a + 1] { dense[Int(numbers[i])] = 0 } }

        /// The cosine of the scattered vector `a` with `b`.
        @inline(__always) func cosine(scattered a: Int, _ b: Int) -> Float {
            var s: Float = 0
            for j in starts[b]..<starts[b + 1] { s += dense[Int(numbers[j])] * weights[j] }
            return s
        }
    }

    struct Views {
        let content: View
        let names: View?
        let actions: View?
        func scatter(_ a: Int) {
            content.scatter(a)
            names?.scatter(a)
            actions?.scatter(a)
        }
        func clear(_ a: Int) {
            content.clear(a)
            names?.clear(a)
            actions?.clear(a)
        }
    }

    func withView<T>(terms: Int, _ body: (View) throws -> T) rethrows -> T {
        let dense = UnsafeMutableBufferPointer<Float>.allocate(capacity: max(1, terms))
        dense.initialize(repeating: 0)
        defer { dense.deallocate() }
        return try numbers.withUnsafeBufferPointer { k in
            try weights.withUnsafeBufferPointer { w in
                try starts.withUnsafeBufferPointer { s in try body(View(numbers: k, weights: w, starts: s, dense: dense)) }
            }
        }
    }

    static func views(_ content: FlatVectors, _ names: FlatVectors?, _ actions: FlatVectors?, terms: Int, _ body: (Views) -> Void) {
        content.withView(terms: terms) { c in
            func withOptional(_ f: FlatVectors?, _ next: (View?) -> Void) {
                if let f { f.withView(terms: terms) { next($0) } } else { next(nil) }
            }
            withOptional(names) { n in withOptional(actions) { a in body(Views(content: c, names: n, actions: a)) } }
        }
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
