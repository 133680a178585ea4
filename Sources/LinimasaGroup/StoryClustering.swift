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

    /// The events' centroids (of terms, of names, of case terms: terms without the names) laid end to
    /// end in date order, with each event's candidate keys; made one event at a time, so that no
    /// event's vectors are held twice. `vector(article)` is an article's weighted terms, `name(article)`
    /// its names' vector (nil: no names known); each is asked once for each article of an event.
    public func storyEvents(
        _ events: [GroupedEvent], vector: (Int) -> TermVector, name: ((Int) -> TermVector)?, profiles: [ArticleProfile]
    ) -> StoryEvents {
        // Events in date order (ties: smallest article id) are numbered 0..<n.
        let order = events.indices.sorted { a, b in
            let da = events[a].day?.day ?? Int.max
            let db = events[b].day?.day ?? Int.max
            return da != db ? da < db : profiles[events[a].members[0]].id < profiles[events[b].members[0]].id
        }
        var t = StoryEvents(order: order, days: order.map { events[$0].day?.day }, withNames: name != nil)
        for e in order {
            let content = centroid(events[e], vector)
            var keys = content.heaviest(keyTerms)
            t.content.append(content, numbers: &t.terms)
            if let name {
                let n = centroid(events[e], name)
                for k in n.heaviest(keyNames) where !keys.contains(k) { keys.append(k) }
                t.names?.append(n, numbers: &t.terms)
                t.actions?.append(content.removing(termsOf: n), numbers: &t.terms)
            }
            t.keys += keys.map { UInt32(truncatingIfNeeded: $0) }
            t.keyStarts.append(Int32(t.keys.count))
        }
        return t
    }

    /// Stories of the events in `t`, which is let go once the pairs are scored: merging needs only
    /// the pairs' sums, and at a million articles the centroids take most of a gigabyte.
    func averageLinkStories(_ t: consuming StoryEvents) -> [[Int]] {
        let order = t.order
        let sums = pairSums(t)
        _ = consume t
        return merge(sums, order: order)
    }

    /// Each event's linked events (by number, in date order) and their pair similarities.
    func pairSums(_ t: borrowing StoryEvents) -> [[Int32: Float]] {
        let n = t.order.count
        let days = t.days
        // Candidate pairs: events under one of each other's heaviest terms or names, marked in an array.
        var index = ChainedIndex()
        // Each event's linked events and the sums of their pair similarities, by event number (32-bit
        // numbers: at a million articles these tables hold some tens of millions of entries).
        var sums = [[Int32: Float]](repeating: [:], count: n)
        var mark = [Int32](repeating: -1, count: n)
        var seen: [Int32] = []
        FlatVectors.views(t.content, t.names, t.actions, terms: t.terms.count) { views in
            for e in 0..<n {
                let keys = t.keys[Int(t.keyStarts[e])..<Int(t.keyStarts[e + 1])]
                seen.removeAll(keepingCapacity: true)
                for k in keys {
                    index.forEach(UInt64(k), limit: recentPerTerm) { f in
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
                        sums[e][f] = s
                        sums[Int(f)][Int32(e)] = s
                    }
                }
                views.clear(e)
                for k in keys { index.insert(UInt64(k), Int32(e)) }
            }
        }
        return sums
    }

    /// Average-linkage merging of the scored pairs; `order[i]` is the event number of the `i`th event.
    func merge(_ sums: consuming [[Int32: Float]], order: [Int]) -> [[Int]] {
        var sums = sums
        let n = sums.count
        // Best-first merging with a heap of (mean, a, b). A merge changes the sums of the smaller
        // cluster's neighbours only, and those are pushed anew; every other mean of the merged cluster
        // can only fall (its size grew), so an entry found out of date when popped is pushed again
        // with its current mean. Each merge costs the smaller side's neighbours: no quadratic hub.
        var size = [Int](repeating: 1, count: n)
        var alive = [Bool](repeating: true, count: n)
        var members = (0..<n).map { [$0] }
        var heap = PairHeap()
        for (a, row) in sums.enumerated() { for (b, s) in row where a < Int(b) && s >= threshold { heap.push(PairHeap.Entry(score: s, a: Int32(a), b: b)) } }
        func entry(_ x: Int, _ y: Int, _ mean: Float) -> PairHeap.Entry { PairHeap.Entry(score: mean, a: Int32(min(x, y)), b: Int32(max(x, y))) }
        while let top = heap.pop() {
            let a = Int(top.a), b = Int(top.b)
            guard alive[a], alive[b], let s = sums[a][top.b] else { continue }
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
            sums[keep][Int32(gone)] = nil
            for (c, sc) in moved where Int(c) != keep {
                sums[Int(c)][Int32(gone)] = nil
                let merged = (sums[keep][c] ?? 0) + sc
                sums[keep][c] = merged
                sums[Int(c)][Int32(keep)] = merged
                let m = merged / Float(size[keep] * size[Int(c)])
                if m >= threshold { heap.push(entry(keep, Int(c), m)) }
            }
        }
        return (0..<n).filter { alive[$0] }.map { s in members[s].map { order[$0] }.sorted() }.sorted { $0[0] < $1[0] }
    }
}

/// Events as the story linker reads them (`StoryLinker.storyEvents`): in date order, each with its
/// day, its centroids laid end to end and its candidate keys (its heaviest terms and names). Once
/// made it needs none of the articles' vectors, which the caller can let go before linking.
public struct StoryEvents: Sendable {
    /// Event numbers in date order: the `i`th event here is `events[order[i]]`.
    let order: [Int]
    let days: [Int?]
    var terms = TermNumbers()
    var content = FlatVectors()
    var names: FlatVectors?
    var actions: FlatVectors?
    var keys: [UInt32] = []
    var keyStarts: [Int32] = [0]

    init(order: [Int], days: [Int?], withNames: Bool) {
        self.order = order
        self.days = days
        if withNames {
            names = FlatVectors()
            actions = FlatVectors()
        }
    }
}

/// Term keys numbered from 0, so that a vector can be spread over a plain array.
struct TermNumbers: Sendable {
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
struct FlatVectors: Sendable {
    var numbers: [Int32] = []
    var weights: [Float] = []
    var starts: [Int] = [0]

    /// Lays `v` after the vectors so far, its terms numbered in `terms`.
    mutating func append(_ v: TermVector, numbers terms: inout TermNumbers) {
        for k in v.keys { numbers.append(terms.number(k)) }
        weights += v.weights
        starts.append(numbers.count)
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
