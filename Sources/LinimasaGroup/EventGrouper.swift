import Foundation
import LinimasaCore
import LinimasaText

/// Groups articles into events.
///
/// Two articles report the same event when they are near-duplicates (MinHash over word shingles,
/// candidates from LSH bands), or when they share a pair of their heaviest terms, their days agree
/// and the cosine of their TF-IDF vectors clears a threshold. Days agree when both texts date the
/// happening on one day, or when each text gives the day the other chose (then the looser threshold
/// applies, as for articles dated only by publication). Events are the connected components of that
/// relation among dated articles.
///
/// The weights are TF-IDF with the document frequencies of the collection being grouped: a word
/// most articles use ("presiden", "Jakarta" in Indonesian news) says little about which happening
/// an article reports, a suspect's name or a place of one incident says much. Because the weights
/// depend on the whole collection, `add` only keeps the article (and finds its copies, which need
/// no weights); the content links are made when the groups are read, over all articles at once.
/// The relation looks only at two articles and the collection's counts, so the events depend on
/// which articles were added, never on their order.
///
/// An article with no day at all (no date in the text, no publication date) must not bridge two
/// events; it joins the one event its single best link leads to (ties go to the smaller id).
public final class EventGrouper {
    public struct Configuration: Sendable {
        /// Cosine needed when both days come from the texts and agree.
        public var sameDayThreshold: Float = 0.25
        /// Cosine needed when a day is only the publication day, or is unknown.
        public var looseThreshold: Float = 0.45
        /// Estimated Jaccard similarity of shingles above which two bodies are copies.
        public var duplicateThreshold: Double = 0.5
        /// Heaviest terms (by TF-IDF) of an article that are its index keys.
        public var keyTerms: Int = 8
        /// LSH bands (the signature's length must be a multiple).
        public var bands: Int = 20
        /// A publication day without a date in the text bounds the happening from above: it may have
        /// happened up to this many days before.
        public var publishedSlack: Int = 3
        /// Days around a partial date ("3 Januari") within which an undated article may join.
        public var hintSlack: Int = 3
        /// Cosine of the terms that are not names (what happened, not who or where) two articles
        /// need besides `sameDayThreshold` or `looseThreshold`, when names are known.
        public var actionThreshold: Float = 0.15
        /// Weigh terms by their inverse document frequency in the collection (off: term frequency only).
        public var inverseDocumentFrequency = true
        /// Articles added to the collection's count, holding none of its terms, when weighing terms.
        public var idfPriorDocuments = 100
        public init() {}
    }

    /// What adding one article found at once: the articles it copies (or that copy it).
    public struct Change: Sendable {
        public var article: Int
        /// Articles this one is a near-duplicate of.
        public var duplicates: [Int] = []
    }

    public let configuration: Configuration
    public private(set) var profiles: [ArticleProfile] = []
    private var duplicateSets = DisjointSets()
    private var lsh: BandIndex
    /// Copies found so far, with their scores: replayed when the groups are read.
    private var duplicateLinks: [(Int32, Int32, Float)] = []
    /// Number of articles whose profile holds each term.
    private var documentFrequency: [UInt32: Int32] = [:]

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        lsh = BandIndex(bands: configuration.bands)
    }

    public var count: Int { profiles.count }

    /// An added article's MinHash signature (what the band index works its keys out from).
    private func signature(_ article: Int32) -> [UInt16] { profiles[Int(article)].signature }

    // MARK: adding

    @discardableResult
    public func add(_ p: ArticleProfile) -> Change {
        let i = Int32(profiles.count)
        profiles.append(p)
        _ = duplicateSets.add()
        for k in p.terms.keys { documentFrequency[k, default: 0] += 1 }
        var change = Change(article: Int(i))

        var seen = Set<Int32>()
        let hasText = p.signature.contains { $0 != .max }
        let bandKeys = hasText ? MinHasher.bandKeys(p.signature, bands: configuration.bands) : []
        for k in bandKeys { lsh.forEach(k, signature: signature) { seen.insert($0) } }
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
            // Nor is a text a copy of one published days before the day the text gives its happening:
            // templated daily reports (a weather forecast, the day's exchange rates) are alike from
            // day to day, and the earlier one cannot report what happened later.
            if Self.datedAfterPublication(x, q.published) || Self.datedAfterPublication(y, p.published) { continue }
            duplicateSets.union(i, c)
            change.duplicates.append(Int(c))
            duplicateLinks.append((i, c, 1 + Float(j)))
        }
        lsh.add(i, keys: bandKeys, signature: signature)
        return change
    }

    /// True when `day` comes from a text and is more than a day after the other article's
    /// publication day (a day is left for time zones: a wire copy stamped late on Sunday in UTC may
    /// be Monday's news where it is read).
    static func datedAfterPublication(_ day: EventDay, _ published: Int?) -> Bool {
        guard day.source == .text, !day.isUnknown, let published else { return false }
        return day.day > published + 1
    }

    // MARK: weights

    /// Inverse document frequency of a term in the collection so far, `1 + ln((n + n0 + 1) / (df + 1))`
    /// with `n0 = idfPriorDocuments` articles that hold none of the terms: counts from a handful of
    /// articles say little about which words are common (in five reports of one leader's calls his
    /// name is in every one, and still the name holds them together), so a small collection is
    /// weighed nearly evenly and a large one by its counts.
    public func inverseDocumentFrequency(_ term: UInt32) -> Float {
        guard configuration.inverseDocumentFrequency else { return 1 }
        let n = Float(profiles.count + configuration.idfPriorDocuments + 1)
        return logf(n / Float(Int(documentFrequency[term] ?? 0) + 1)) + 1
    }

    /// An article's terms weighted by their inverse document frequency, unit length.
    public func weighted(_ i: Int) -> TermVector { weightedWithFrequencies(i).vector }

    /// `weighted(i)`, with the inverse document frequency of each of its terms.
    func weightedWithFrequencies(_ i: Int) -> (vector: TermVector, idf: [Float]) {
        let t = profiles[i].terms
        let idf = t.keys.map(inverseDocumentFrequency)
        var w = t.weights
        for k in w.indices { w[k] *= idf[k] }
        let norm = Self.length(w)
        if norm > 0 { for k in w.indices { w[k] /= norm } }
        return (TermVector(keys: t.keys, weights: w), idf)
    }

    /// The length of an article's weighted terms (before they are divided by it).
    private static func length(_ w: [Float]) -> Float {
        var norm: Float = 0
        for x in w { norm += x * x }
        return norm.squareRoot()
    }

    /// An article's length under the collection's weights (what `weighted(i)` divides by), for
    /// weighing its terms one at a time; with `names`, also the length of its weighted terms that are
    /// not among the names' terms (what `weighted(i).removing(termsOf: names)` divides by, summed in
    /// the same order; 0 when every term is a name's).
    func lengths(_ i: Int, names: TermVector?) -> (length: Float, action: Float) {
        let t = profiles[i].terms
        let w = t.keys.indices.map { t.weights[$0] * inverseDocumentFrequency(t.keys[$0]) }
        let length = Self.length(w)
        guard let names, length > 0 else { return (length, 0) }
        var norm: Float = 0
        var n = 0
        for k in t.keys.indices {
            while n < names.keys.count && names.keys[n] < t.keys[k] { n += 1 }
            if n < names.keys.count && names.keys[n] == t.keys[k] { continue }
            let x = w[k] / length
            norm += x * x
        }
        return (length, norm.squareRoot())
    }

    /// The cosine of `a` (article `i` weighted, or what it says happened, with its terms' inverse
    /// document frequencies in `idf`) and article `c`, whose terms are weighed as they are met: a term
    /// the two share has one frequency, and `c`'s weight is `weighted(c)`'s, worked out by the same
    /// operations. With `action` (`c`'s names and `actionLength`), `c`'s weights are those of
    /// `weighted(c).removing(termsOf: names)`: its names' terms left out, the rest divided by the
    /// length of what is left. So the cosine is that of the vectors to the bit, and no vector of `c`
    /// is made: linking a million articles holds no second copy of their weights.
    func cosine(_ a: TermVector, idf: [Float], _ c: Int, length: Float, action: (names: TermVector, length: Float)? = nil) -> Float {
        guard length > 0 else { return 0 }
        let b = profiles[c].terms
        let skip = action?.names.keys ?? []
        var n = 0
        var s: Float = 0
        TermVector.forEachShared(a.keys, b.keys) { i, j in
            let y = b.keys[j]
            while n < skip.count && skip[n] < y { n += 1 }
            guard n == skip.count || skip[n] != y else { return }
            var w = b.weights[j] * idf[i] / length
            if let action { w /= action.length }
            s += a.weights[i] * w
        }
        return s
    }

    /// The values of `values` (one for each of `keys`) for `sub`, whose keys are among `keys`; both ascend.
    static func values(of sub: [UInt32], in keys: [UInt32], _ values: [Float]) -> [Float] {
        var out: [Float] = []
        out.reserveCapacity(sub.count)
        var j = 0
        for k in sub {
            while keys[j] != k { j += 1 }
            out.append(values[j])
        }
        return out
    }

    // MARK: linking

    /// The union of events and each undated article's best link, made afresh from all articles.
    private struct Links {
        var sets = DisjointSets()
        var bestTarget: [Int32]
        var bestScore: [Float]
        init(count: Int) {
            for _ in 0..<count { _ = sets.add() }
            bestTarget = [Int32](repeating: -1, count: count)
            bestScore = [Float](repeating: 0, count: count)
        }
    }

    private func link(_ a: Int32, _ b: Int32, score: Float, _ links: inout Links) {
        let da = !profiles[Int(a)].eventDay.isUnknown
        let db = !profiles[Int(b)].eventDay.isUnknown
        if da && db {
            links.sets.union(a, b)
            return
        }
        if !da { offer(a, b, score, &links) }
        if !db { offer(b, a, score, &links) }
    }

    /// Keeps `to` as `from`'s best link if it beats the current one (ties: smaller id).
    private func offer(_ from: Int32, _ to: Int32, _ score: Float, _ links: inout Links) {
        let cur = links.bestTarget[Int(from)]
        if cur < 0 || score > links.bestScore[Int(from)]
            || (score == links.bestScore[Int(from)] && profiles[Int(to)].id < profiles[Int(cur)].id)
        {
            links.bestTarget[Int(from)] = to
            links.bestScore[Int(from)] = score
        }
    }

    /// Copies, then every pair of articles that share a key pair, agree on the day and clear the
    /// threshold with their weighted terms. Only each article's length under the weights is kept
    /// for all articles; weighted vectors are made one article at a time.
    private func makeLinks(names: [TermVector]? = nil, speakers: [[UInt64]]? = nil) -> Links {
        var links = Links(count: profiles.count)
        for (a, b, s) in duplicateLinks { link(a, b, score: s, &links) }
        // What each article says happened: its weighted terms without the words of the names it
        // gives (who and where), for telling apart two cases one spokesman briefed on. Only the
        // lengths are kept for every article; the weights are met as pairs are looked at.
        var lengths = [Float](repeating: 0, count: profiles.count)
        var actionLengths = names.map { _ in [Float](repeating: 0, count: profiles.count) }
        for i in profiles.indices {
            let l = self.lengths(i, names: names?[i])
            lengths[i] = l.length
            actionLengths?[i] = l.action
        }
        firstDay = nil
        lastDay = nil
        for p in profiles where !p.eventDay.isUnknown {
            firstDay = min(firstDay ?? p.eventDay.day, p.eventDay.day)
            lastDay = max(lastDay ?? p.eventDay.day, p.eventDay.day)
        }
        var terms = ChainedIndex()
        for i in profiles.indices {
            let p = profiles[i]
            var candidates = Set<Int32>()
            let (v, idf) = weightedWithFrequencies(i)
            let mine = names.map { v.removing(termsOf: $0[i]) }
            let mineIDF = mine.map { Self.values(of: $0.keys, in: v.keys, idf) }
            let pairs = keyPairs(v)
            for key in queryKeys(p, pairs) { terms.forEach(key) { candidates.insert($0) } }
            for c in candidates.sorted() where duplicateSets.find(Int32(i)) != duplicateSets.find(c) {
                let q = profiles[Int(c)]
                guard let threshold = threshold(p, q) else { continue }
                let s = cosine(v, idf: idf, Int(c), length: lengths[Int(c)])
                guard s >= threshold else { continue }
                if let a = mine, let aIDF = mineIDF, let names, let actionLengths, !a.isEmpty, actionLengths[Int(c)] > 0,
                    cosine(a, idf: aIDF, Int(c), length: lengths[Int(c)], action: (names[Int(c)], actionLengths[Int(c)]))
                        < configuration.actionThreshold
                {
                    continue
                }
                // Reports of one happening quote its people; another actor's answer quotes others
                // (GUIDELINES: a reaction is its own event). On the detik set, of the article pairs
                // of one story that both quote someone, 12 of 143 in one event share no speaker's
                // name word, and 184 of 305 in different events.
                if let speakers, !Self.shareAny(speakers[i], speakers[Int(c)]) { continue }
                link(Int32(i), c, score: s, &links)
            }
            for key in indexKeys(p, pairs) { terms.insert(key, Int32(i)) }
        }
        return links
    }

    /// Whether two sorted lists share an element; true when either is empty (nothing to tell).
    static func shareAny(_ a: [UInt64], _ b: [UInt64]) -> Bool {
        if a.isEmpty || b.isEmpty { return true }
        var i = 0, j = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] { return true }
            if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return false
    }

    /// The words (of three letters or more, lower-cased, their first five letters, so that
    /// "Zelensky" and "Zelenskyy" are one) of the names of an article's speakers, hashed and sorted:
    /// what `grouped(speakers:)` compares. (On the detik set whole words and first five letters
    /// separate the same pairs.)
    public static func speakerWords(_ speakers: [String]) -> [UInt64] {
        var out = Set<UInt64>()
        for name in speakers {
            for w in name.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }) where w.count >= 3 {
                out.insert(hashBytes(w.prefix(5).utf8))
            }
        }
        return out.sorted()
    }

    // MARK: keys and compatibility

    private enum Kind: UInt64 { case day = 1, hint = 3, undated = 4 }
    /// The span of dated articles' days so far, for dates without a year.
    private var firstDay: Int?
    private var lastDay: Int?

    @inline(__always) private func key(_ kind: Kind, _ slot: Int, _ term: UInt64) -> UInt64 {
        mix64(term ^ mix64(UInt64(bitPattern: Int64(slot)) &+ (kind.rawValue << 56)))
    }

    /// Index keys are an article's heaviest terms by TF-IDF, each within its days: two reports of
    /// one happening share some of their most telling words, and a word every article of a busy day
    /// uses ("Jakarta") is never among an article's heaviest once weighed by its frequency.
    func keyPairs(_ v: TermVector) -> [UInt64] { v.heaviest(configuration.keyTerms) }

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
            // Texts that date the happening on different days meet when each gives the other's day
            // (`threshold`); either one's other days find the other.
            let otherDays = p.otherDayList
            for t in pairs {
                for x in days { out.append(key(.day, x, t)) }
                for x in otherDays { out.append(key(.day, x, t)) }
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
            case (.text, .text):
                if x.day == y.day { return c.sameDayThreshold }
                // Both texts give both days and weigh them differently (a ceremony on Thursday reported
                // on Sunday, one text leading with each): they may be one happening, on the evidence
                // asked of articles dated by publication alone.
                return a.givesOtherDay(y.day) && b.givesOtherDay(x.day) ? c.looseThreshold : nil
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
        var links = makeLinks()
        return labels(&links)
    }

    private func labels(_ links: inout Links) -> [Int] {
        var label = [Int](repeating: -1, count: profiles.count)
        for i in 0..<profiles.count where !profiles[i].eventDay.isUnknown { label[i] = Int(links.sets.find(Int32(i))) }
        for i in 0..<profiles.count where label[i] < 0 { resolve(i, links.bestTarget, &label) }
        return label
    }

    private func resolve(_ start: Int, _ bestTarget: [Int32], _ label: inout [Int]) {
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
    public func events() -> [GroupedEvent] { grouped() }

    /// Events; each article's terms weighted by the collection's inverse document frequency (what
    /// stories are made from) are `weighted(_:)`.
    /// `names`: each article's names (terms of the people, organisations and places it names), when
    /// known; two articles are then one event only if what they report happened is alike too.
    /// `speakers`: each article's speakers as the words of their names (`speakerWords`), when known;
    /// two articles that both quote people, none of them alike, are then two events.
    public func grouped(names: [TermVector]? = nil, speakers: [[UInt64]]? = nil) -> [GroupedEvent] {
        var links = makeLinks(names: names, speakers: speakers)
        let label = labels(&links)
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
