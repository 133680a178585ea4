import LinimasaCore
import LinimasaText

/// Groups articles into events, one article at a time.
///
/// Two articles report the same event when they are near-duplicates (MinHash over word shingles,
/// candidates from LSH bands), or when they share one of their heaviest terms, their days agree and
/// the cosine of their term vectors clears a threshold. Events are the connected components of
/// that relation among dated articles. The relation looks only at the two articles, so the events
/// depend on which articles were added, never on the order: adding one article compares it with
/// the candidates its keys find and nothing else.
///
/// An article with no day at all (no date in the text, no publication date) must not bridge two
/// events; it joins the one event its single best link leads to (ties go to the smaller id).
public final class EventGrouper {
    public struct Configuration: Sendable {
        /// Cosine needed when both days come from the texts and agree.
        public var sameDayThreshold: Float = 0.35
        /// Cosine needed when a day is only the publication day, or is unknown.
        public var looseThreshold: Float = 0.45
        /// Estimated Jaccard similarity of shingles above which two bodies are copies.
        public var duplicateThreshold: Double = 0.5
        /// Heaviest terms of an article whose pairs are its index keys.
        public var pairTerms: Int = 5
        /// LSH bands (the signature's length must be a multiple).
        public var bands: Int = 20
        /// A publication day without a date in the text bounds the happening from above: it may have
        /// happened up to this many days before.
        public var publishedSlack: Int = 3
        /// Days around a partial date ("3 Januari") within which an undated article may join.
        public var hintSlack: Int = 3
        public init() {}
    }

    /// What adding one article changed.
    public struct Change: Sendable {
        public var article: Int
        /// Articles this one is a near-duplicate of.
        public var duplicates: [Int] = []
        /// Articles it was linked to as the same event.
        public var links: [Int] = []
    }

    public let configuration: Configuration
    public private(set) var profiles: [ArticleProfile] = []
    private var sets = DisjointSets()
    private var duplicateSets = DisjointSets()
    private var lsh = ChainedIndex()
    private var terms = ChainedIndex()
    private var bestTarget: [Int32] = []
    private var bestScore: [Float] = []

    public init(configuration: Configuration = Configuration()) { self.configuration = configuration }

    public var count: Int { profiles.count }

    // MARK: adding

    @discardableResult
    public func add(_ p: ArticleProfile) -> Change {
        let i = Int32(profiles.count)
        profiles.append(p)
        _ = sets.add()
        _ = duplicateSets.add()
        bestTarget.append(-1)
        bestScore.append(0)
        var change = Change(article: Int(i))

        // Near-duplicates.
        var seen = Set<Int32>()
        let hasText = p.signature.contains { $0 != .max }
        let bandKeys = hasText ? MinHasher.bandKeys(p.signature, bands: configuration.bands) : []
        for k in bandKeys { lsh.forEach(k) { seen.insert($0) } }
        for c in seen.sorted() {
            let j = MinHasher.similarity(p.signature, profiles[Int(c)].signature)
            guard j >= configuration.duplicateThreshold else { continue }
            // Texts that date their happening on different days report different happenings, unless
            // the gap is the gap between their publication days, a day or two: the same words
            // ("kemarin") read from a copy published a little later.
            let q = profiles[Int(c)]
            let (x, y) = (p.eventDay, q.eventDay)
            if x.source == .text, y.source == .text, !x.isUnknown, !y.isUnknown, x.day != y.day,
                abs(x.day - y.day) > 2 || (p.published ?? 0) - (q.published ?? 0) != x.day - y.day
            {
                continue
            }
            duplicateSets.union(i, c)
            change.duplicates.append(Int(c))
            link(i, c, score: 1 + Float(j))
        }
        for k in bandKeys { lsh.insert(k, i) }

        // Same event by content.
        var candidates = Set<Int32>()
        let pairs = keyPairs(p)
        for key in queryKeys(p, pairs) { terms.forEach(key) { candidates.insert($0) } }
        for c in candidates.sorted() where !change.duplicates.contains(Int(c)) {
            let q = profiles[Int(c)]
            guard let threshold = threshold(p, q) else { continue }
            let s = p.terms.cosine(q.terms)
            guard s >= threshold else { continue }
            change.links.append(Int(c))
            link(i, c, score: s)
        }
        for key in indexKeys(p, pairs) { terms.insert(key, i) }
        if !p.eventDay.isUnknown {
            firstDay = min(firstDay ?? p.eventDay.day, p.eventDay.day)
            lastDay = max(lastDay ?? p.eventDay.day, p.eventDay.day)
        }
        return change
    }

    private func link(_ a: Int32, _ b: Int32, score: Float) {
        let da = !profiles[Int(a)].eventDay.isUnknown
        let db = !profiles[Int(b)].eventDay.isUnknown
        if da && db {
            sets.union(a, b)
            return
        }
        if !da { offer(a, b, score) }
        if !db { offer(b, a, score) }
    }

    /// Keeps `to` as `from`'s best link if it beats the current one (ties: smaller id).
    private func offer(_ from: Int32, _ to: Int32, _ score: Float) {
        let cur = bestTarget[Int(from)]
        if cur < 0 || score > bestScore[Int(from)]
            || (score == bestScore[Int(from)] && profiles[Int(to)].id < profiles[Int(cur)].id)
        {
            bestTarget[Int(from)] = to
            bestScore[Int(from)] = score
        }
    }

    // MARK: keys and compatibility

    private enum Kind: UInt64 { case day = 1, hint = 3, undated = 4 }
    /// The span of dated articles' days so far, for dates without a year.
    private var firstDay: Int?
    private var lastDay: Int?

    @inline(__always) private func key(_ kind: Kind, _ slot: Int, _ term: UInt64) -> UInt64 {
        mix64(term ^ mix64(UInt64(bitPattern: Int64(slot)) &+ (kind.rawValue << 56)))
    }

    /// Index keys are pairs of an article's heaviest terms: two reports of one happening share at
    /// least two of them, while a single common word ("Jakarta") would make every article of a
    /// busy day a candidate.
    func keyPairs(_ p: ArticleProfile) -> [UInt64] {
        let top = p.keyTerms(configuration.pairTerms)
        guard top.count > 1 else { return Array(top) }
        var out: [UInt64] = []
        for i in top.indices {
            for j in top.indices where j > i {
                let (a, b) = top[i] < top[j] ? (top[i], top[j]) : (top[j], top[i])
                out.append(mix64(a ^ mix64(b)))
            }
        }
        return out
    }

    private func indexKeys(_ p: ArticleProfile, _ pairs: [UInt64]) -> [UInt64] {
        if !p.eventDay.isUnknown { return pairs.map { key(.day, p.eventDay.day, $0) } }
        if !p.partialHints.isEmpty {
            return p.partialHints.flatMap { h in pairs.map { key(.hint, Self.dayOfYear(monthDay: h), $0) } }
        }
        return pairs.map { key(.undated, 0, $0) }
    }

    private func queryKeys(_ p: ArticleProfile, _ pairs: [UInt64]) -> [UInt64] {
        var out: [UInt64] = []
        let hintSlack = configuration.hintSlack
        if !p.eventDay.isUnknown {
            let d = p.eventDay.day
            let slack = configuration.publishedSlack
            // Text days meet publication days up to `publishedSlack` later; publication days meet both.
            let days = p.eventDay.source == .text ? Array(d...(d + slack)) : Array((d - slack)...(d + 1))
            let doy = Self.dayOfYear(d)
            for t in pairs {
                for x in days { out.append(key(.day, x, t)) }
                for x in 0...hintSlack { out.append(key(.hint, Self.wrap(doy + x), t)) }
            }
        } else if !p.partialHints.isEmpty {
            // A date without a year ("3 Januari"): look in every year that dated articles so far span.
            for h in p.partialHints {
                if let first = firstDay, let last = lastDay {
                    let y0 = CivilDate(daysSinceEpoch: first).year
                    let y1 = CivilDate(daysSinceEpoch: last).year
                    for y in y0...y1 {
                        guard let date = CivilDate(year: y, month: h / 100, day: h % 100) else { continue }
                        let d = date.daysSinceEpoch
                        for t in pairs { for x in -hintSlack...0 { out.append(key(.day, d + x, t)) } }
                    }
                }
                let doy = Self.dayOfYear(monthDay: h)
                for t in pairs { for x in -hintSlack...hintSlack { out.append(key(.hint, Self.wrap(doy + x), t)) } }
            }
        } else {
            for t in pairs { out.append(key(.undated, 0, t)) }
        }
        return out
    }

    /// The cosine two articles need to be one event, or nil when their days rule it out.
    func threshold(_ a: ArticleProfile, _ b: ArticleProfile) -> Float? {
        let c = configuration
        let ka = !a.eventDay.isUnknown
        let kb = !b.eventDay.isUnknown
        if ka && kb {
            let x = a.eventDay
            let y = b.eventDay
            switch (x.source, y.source) {
            case (.text, .text): return x.day == y.day ? c.sameDayThreshold : nil
            case (.published, .published): return abs(x.day - y.day) <= 1 ? c.looseThreshold : nil
            case (.text, .published): return (y.day - c.publishedSlack...y.day).contains(x.day) ? c.looseThreshold : nil
            case (.published, .text): return (x.day - c.publishedSlack...x.day).contains(y.day) ? c.looseThreshold : nil
            }
        }
        if ka || kb {
            let dated = ka ? a : b
            let undated = ka ? b : a
            let doy = Self.dayOfYear(dated.eventDay.day)
            return undated.partialHints.contains { h in
                let d = Self.circular(Self.dayOfYear(monthDay: h) - doy)
                return d >= 0 && d <= c.hintSlack
            } ? c.looseThreshold : nil
        }
        if a.partialHints.isEmpty && b.partialHints.isEmpty { return c.looseThreshold }
        for h in a.partialHints {
            for g in b.partialHints where abs(Self.circular(Self.dayOfYear(monthDay: h) - Self.dayOfYear(monthDay: g))) <= c.hintSlack {
                return c.looseThreshold
            }
        }
        return nil
    }

    /// Day of a leap year (1...366) for a day number.
    static func dayOfYear(_ dayNumber: Int) -> Int {
        let d = CivilDate(daysSinceEpoch: dayNumber)
        return dayOfYear(monthDay: d.month * 100 + d.day)
    }

    static func dayOfYear(monthDay md: Int) -> Int {
        let m = min(max(md / 100, 1), 12)
        var n = md % 100
        for k in 1..<m { n += CivilDate.daysInMonth(year: 2000, month: k) }
        return n
    }

    static func wrap(_ doy: Int) -> Int { ((doy - 1) % 366 + 366) % 366 + 1 }
    /// A difference of days of the year folded into -183...183.
    static func circular(_ d: Int) -> Int {
        var x = d % 366
        if x > 183 { x -= 366 }
        if x < -183 { x += 366 }
        return x
    }

    // MARK: reading the groups

    /// The event each article belongs to, as the index of a representative article.
    public func labels() -> [Int] {
        var label = [Int](repeating: -1, count: profiles.count)
        for i in 0..<profiles.count where !profiles[i].eventDay.isUnknown { label[i] = Int(sets.find(Int32(i))) }
        for i in 0..<profiles.count where label[i] < 0 { resolve(i, &label) }
        return label
    }

    private func resolve(_ start: Int, _ label: inout [Int]) {
        var path: [Int] = []
        var onPath = Set<Int>()
        var v = start
        while label[v] < 0 {
            if onPath.contains(v) {
                // A cycle of undated articles pointing at one another: one event, named by its smallest id.
                let cycle = path[path.firstIndex(of: v)!...]
                let rep = cycle.min { profiles[$0].id < profiles[$1].id }!
                for c in cycle { label[c] = rep }
                break
            }
            path.append(v)
            onPath.insert(v)
            let t = Int(bestTarget[v])
            if t < 0 {
                label[v] = v
                break
            }
            v = t
        }
        let end = label[v]
        for p in path where label[p] < 0 { label[p] = end }
    }

    /// Events, each with its articles, day and near-duplicate pairs; ordered by day, then by first id.
    public func events() -> [GroupedEvent] {
        let label = labels()
        var members: [Int: [Int]] = [:]
        for (i, l) in label.enumerated() { members[l, default: []].append(i) }
        var out: [GroupedEvent] = []
        out.reserveCapacity(members.count)
        for (_, m) in members {
            let ordered = m.sorted { Self.earlier(profiles[$0], profiles[$1]) }
            out.append(GroupedEvent(members: ordered, day: eventDay(ordered), duplicates: duplicates(ordered)))
        }
        out.sort { a, b in
            let da = a.day?.day ?? Int.max
            let db = b.day?.day ?? Int.max
            return da != db ? da < db : profiles[a.members[0]].id < profiles[b.members[0]].id
        }
        return out
    }

    /// Earlier publication first; unknown publication last; then by id.
    public static func earlier(_ a: ArticleProfile, _ b: ArticleProfile) -> Bool {
        switch (a.publishedValue, b.publishedValue) {
        case (let x?, let y?) where x != y:
            let dx = a.published ?? 0
            let dy = b.published ?? 0
            if dx != dy { return dx < dy }
            return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        default: return a.id < b.id
        }
    }

    /// The most frequent day the texts give; failing that, the earliest publication day.
    private func eventDay(_ m: [Int]) -> EventDay? {
        var votes: [Int: Int] = [:]
        for i in m where profiles[i].eventDay.source == .text && !profiles[i].eventDay.isUnknown {
            votes[profiles[i].eventDay.day, default: 0] += 1
        }
        if let best = votes.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }) {
            return EventDay(day: best.key, source: .text)
        }
        let days = m.compactMap { profiles[$0].eventDay.isUnknown ? nil : profiles[$0].eventDay.day }
        return days.min().map { EventDay(day: $0, source: .published) }
    }

    /// [original, copy] pairs among `m` (which is in publication order): the earliest of a set of copies is the original.
    private func duplicates(_ m: [Int]) -> [(Int, Int)] {
        var first: [Int32: Int] = [:]
        var out: [(Int, Int)] = []
        for i in m {
            let r = duplicateSets.find(Int32(i))
            if let o = first[r] { out.append((o, i)) } else { first[r] = i }
        }
        return out
    }
}

/// One event as grouping sees it: article numbers (in publication order) and the day.
public struct GroupedEvent: Sendable {
    public var members: [Int]
    public var day: EventDay?
    /// Pairs of article numbers: (original, copy).
    public var duplicates: [(Int, Int)]
}
