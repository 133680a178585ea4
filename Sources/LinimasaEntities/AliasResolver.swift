/// Decides which names stand for the same entity: "Erdogan" and "Recep Tayyip Erdogan", the
/// misspelt "Reccep Tayyip Erdogan", "AS" and "Amerika Serikat", "Uni Eropa" and "UE".
///
/// The same rules serve within one article (names of mentions) and across articles (names of
/// each article's entities):
/// - the same name, ignoring case;
/// - for people, a shorter name whose words all appear in a longer one ("Erdogan", "Presiden
///   Erdogan" after the title is gone), joined to the most mentioned such person;
/// - names of the same length whose spelling differs by a letter or two per ten;
/// - for organisations and places, an acronym of a longer name's initials ("UE" of "Uni Eropa"),
///   and the names of `knownAliases` (AS, US and United States for Amerika Serikat).
public enum AliasResolver {
    /// One thing to place: the names it goes by, with counts, and its kind.
    public struct Item: Sendable {
        public var names: [String: Int]
        public var kind: String
        public init(names: [String: Int], kind: String) {
            self.names = names
            self.kind = kind
        }
        var count: Int { names.values.reduce(0, +) }
    }

    /// Groups of well-known names for one place or organisation; the first is the canonical name.
    public static let knownAliases: [[String]] = [
        ["Amerika Serikat", "AS", "United States", "US", "USA", "U.S.", "Amerika"],
        ["Uni Eropa", "UE", "European Union", "EU"],
        ["Perserikatan Bangsa-Bangsa", "PBB", "United Nations", "UN"],
        ["Inggris", "Britania Raya", "United Kingdom", "UK", "Britain"],
        ["Tiongkok", "China", "Cina", "RRT", "Republik Rakyat Tiongkok"],
        ["Korea Selatan", "Korsel", "South Korea"],
        ["Korea Utara", "Korut", "North Korea"],
        ["Arab Saudi", "Saudi Arabia"],
        ["Rusia", "Russia", "Federasi Rusia"],
        ["Turki", "Turkey", "Türkiye", "Turkiye"],
        ["NATO", "Pakta Pertahanan Atlantik Utara", "North Atlantic Treaty Organization"],
        ["Indonesia", "RI", "Republik Indonesia", "NKRI"],
        ["Suriah", "Syria"],
        ["Ukraina", "Ukraine"],
        ["Krimea", "Crimea"],
        ["Moskow", "Moscow"],
        ["Kyiv", "Kiev", "Kiyv"],
        ["Kremlin"],
        ["Gedung Putih", "White House"],
        ["Pentagon"],
    ]
    /// The kind of each group of `knownAliases`.
    static let knownKinds: [EntityType] = [
        .location, .organization, .organization, .location, .location, .location, .location, .location, .location,
        .location, .organization, .location, .location, .location, .location, .location, .location, .organization,
        .organization, .organization,
    ]

    /// The kind of a well-known name (see `known`), or nil.
    public static func knownKind(_ name: String) -> EntityType? {
        guard known(name) != nil, let g = knownIndex[name.lowercased()] else { return nil }
        return knownKinds[g]
    }

    static let knownIndex: [String: Int] = {
        var d: [String: Int] = [:]
        for (i, g) in knownAliases.enumerated() { for n in g { d[n.lowercased()] = i } }
        return d
    }()

    /// The canonical well-known name for `name`, if it is one of `knownAliases`. Short all-caps
    /// aliases ("AS", "US") count only when written in capitals.
    public static func known(_ name: String) -> String? {
        let lower = name.lowercased()
        guard let g = knownIndex[lower] else { return nil }
        let alias = knownAliases[g].first { $0.lowercased() == lower }!
        if alias.count <= 3 && alias == alias.uppercased() && name != alias { return nil }
        return knownAliases[g][0]
    }

    static func words(_ s: String) -> [String] {
        folded(s).split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
    }

    /// A name as the rules compare it: lower case, accents off, and the letters that have no accent
    /// to take off written as in English ("Matthías Alfreðsson" is "matthias alfredsson", one man
    /// whether an outlet keeps Icelandic letters or not).
    static func folded(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 >= 0x80 }) else { return s.lowercased() }
        var out = ""
        for c in s.lowercased().folding(options: .diacriticInsensitive, locale: nil) {
            switch c {
            case "ð", "đ": out += "d"
            case "ø": out += "o"
            case "ł": out += "l"
            case "æ": out += "ae"
            case "œ": out += "oe"
            case "ß": out += "ss"
            case "þ": out += "th"
            case "ı": out += "i"
            default: out.append(c)
            }
        }
        return out
    }

    /// Initials of a name's words, hyphenated parts counting each: "Perserikatan Bangsa-Bangsa" → "PBB".
    static func initials(_ s: String) -> String {
        var out = ""
        for w in s.split(separator: " ") {
            for part in w.split(separator: "-") {
                if let c = part.first, c.isLetter { out.append(Character(c.uppercased())) }
            }
        }
        return out
    }

    static func isAcronym(_ s: String) -> Bool {
        s.count >= 2 && s.count <= 6 && !s.contains(" ") && s.allSatisfy { $0.isUppercase || $0 == "." }
    }

    /// Whether two byte strings are at most one edit apart (a byte changed, added or taken away), in
    /// one pass and without copying: their edit distance over bytes is at most 1.
    static func withinOneEdit(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        let (s, l) = x.count <= y.count ? (x, y) : (y, x)
        guard l.count - s.count <= 1 else { return false }
        var i = 0
        while i < s.count && s[i] == l[i] { i += 1 }
        if i == s.count { return true }  // equal, or one byte added at the end
        if s.count == l.count {
            // One byte changed: the rest the same.
            var j = i + 1
            while j < s.count && s[j] == l[j] { j += 1 }
            return j == s.count
        }
        // One byte added at i: the rest of the shorter is the rest of the longer after it.
        var j = i
        while j < s.count && s[j] == l[j + 1] { j += 1 }
        return j == s.count
    }

    /// The words of a collection's names numbered, each word's bytes kept end to end: the rules
    /// compare words thousands of times a name, so they compare numbers, and bytes only for typos.
    struct Words {
        private var numbers: [String: Int32] = [:]
        private var bytes: [UInt8] = []
        private var starts: [Int] = [0]
        /// Whether the word has 5 characters or more (shorter words are never taken for typos).
        private var long: [Bool] = []
        var count: Int { long.count }

        mutating func number(_ w: String) -> Int32 {
            if let n = numbers[w] { return n }
            let n = Int32(long.count)
            numbers[w] = n
            bytes += w.utf8
            starts.append(bytes.count)
            long.append(w.count >= 5)
            return n
        }

        /// Whether two words are the same up to a typo ("reccep" and "recep"): equal, or both of 5
        /// characters or more and one edit apart.
        func same(_ a: Int32, _ b: Int32) -> Bool {
            if a == b { return true }
            guard long[Int(a)] && long[Int(b)] else { return false }
            return bytes.withUnsafeBufferPointer { p in
                AliasResolver.withinOneEdit(
                    UnsafeBufferPointer(rebasing: p[starts[Int(a)]..<starts[Int(a) + 1]]),
                    UnsafeBufferPointer(rebasing: p[starts[Int(b)]..<starts[Int(b) + 1]]))
            }
        }
    }

    /// Groups of item indices standing for one entity, in order of each group's first item.
    /// With `acrossKinds`, the same name tagged as a person in one article and a place in another
    /// is one entity (the caller decides its kind by votes).
    public static func cluster(_ items: [Item], acrossKinds: Bool = false) -> [[Int]] {
        /// What the rules read of a name, worked out once a name (a collection repeats names across
        /// thousands of items; each used to be split, lowered and scanned several times over).
        struct NameInfo {
            var lower: Int32
            var words: [Int32]
            /// The name without dots when it is an acronym ("P.B.B." → "PBB").
            var acronym: String?
            /// The initials of a name of two words or more.
            var initialsOfLong: String?
            /// The group of `knownAliases` it is a well-known name of.
            var knownGroup: Int?
            /// The characters of its words written together (a short name is never taken for a typo).
            var joinedLength: Int
        }
        var dictionary = Words()
        var lowers: [String: Int32] = [:]
        var infos: [String: NameInfo] = [:]
        func info(_ n: String) -> NameInfo {
            if let i = infos[n] { return i }
            // `words(n)`, from the one folding.
            let f = folded(n)
            let w = f.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
            let lower = lowers[f] ?? Int32(lowers.count)
            lowers[f] = lower
            let i = NameInfo(
                lower: lower, words: w.map { dictionary.number($0) }, acronym: isAcronym(n) ? n.replacingOccurrences(of: ".", with: "") : nil,
                initialsOfLong: w.count > 1 ? initials(n) : nil, knownGroup: known(n).map { knownIndex[$0.lowercased()]! },
                joinedLength: w.reduce(0) { $0 + $1.count })
            infos[n] = i
            return i
        }
        struct Cluster {
            var members: [Int]
            var person: Bool
            /// The item that made it: its longest name's words are the cluster's.
            var first: Int
            var count: Int
            /// Its acronyms without dots ("PBB"), and the initials of its names of two words or more:
            /// the acronym checks look these up instead of scanning every name.
            var acronyms: Set<String> = []
            var initialsOfLong: Set<String> = []
        }
        func add(_ more: [String: Int], to c: inout Cluster) {
            for n in more.keys {
                let i = info(n)
                if let a = i.acronym { c.acronyms.insert(a) }
                if let x = i.initialsOfLong { c.initialsOfLong.insert(x) }
            }
        }
        // Longer names first, then the more mentioned, so short names find their long form.
        // (Ties go to the smaller name: a dictionary's order changes from run to run, results must not.)
        let longest = items.map { item in
            item.names.keys.max { a, b in
                let wa = info(a).words.count
                let wb = info(b).words.count
                return wa != wb ? wa < wb : a > b
            }!
        }
        // Each item's longest name's words, end to end.
        var longWords: [Int32] = []
        var longStarts: [Int] = [0]
        for l in longest {
            longWords += info(l).words
            longStarts.append(longWords.count)
        }
        let counts = items.map(\.count)
        let order = items.indices.sorted { a, b in
            let la = longStarts[a + 1] - longStarts[a]
            let lb = longStarts[b + 1] - longStarts[b]
            if la != lb { return la > lb }
            if counts[a] != counts[b] { return counts[a] > counts[b] }
            return a < b
        }
        var clusters: [Cluster] = []
        /// The last item that looked at each cluster.
        var seen: [Int] = []
        var knownCluster: [Int: Int] = [:]
        // The same name: by its folded spelling, for every kind or for people and the rest apart.
        var exact: [[Int32: Int]] = [[:], [:]]
        func exactSlot(_ person: Bool) -> Int { acrossKinds || person ? 0 : 1 }
        // Candidate look-ups, so that a collection's thousands of names are not compared pairwise:
        // clusters by each word of their fullest name (by the word's number), by their acronyms, by
        // their names' initials.
        var byWord: [[Int]] = []
        var byAcronym: [String: [Int]] = [:]
        var byInitials: [String: [Int]] = [:]
        longWords.withUnsafeBufferPointer { longWords in
            for i in order {
                let item = items[i]
                let person = item.kind == "PER"
                var target: Int? = nil
                // Same name, or the same well-known entity.
                for n in item.names.keys.sorted() {
                    let ni = info(n)
                    if let c = exact[exactSlot(person)][ni.lower] {
                        target = c
                        break
                    }
                    if !person, let g = ni.knownGroup, let c = knownCluster[g] {
                        target = c
                        break
                    }
                }
                if target == nil {
                    let w = UnsafeBufferPointer(rebasing: longWords[longStarts[i]..<longStarts[i + 1]])
                    var candidates: [Int] = []
                    let longInfo = info(longest[i])
                    let longInitials = longInfo.initialsOfLong
                    let longAcronym = longInfo.acronym
                    let joinedLength = longInfo.joinedLength
                    // Each cluster sharing a word (or an acronym) is looked at once (`seen` marks it with
                    // this item); no set of candidates is built and none is sorted: a word such as
                    // "indonesia" is in thousands of names.
                    func consider(_ ci: Int) {
                        guard seen[ci] != i, clusters[ci].person == person else { return }
                        seen[ci] = i
                        let f = clusters[ci].first
                        let cl = UnsafeBufferPointer(rebasing: longWords[longStarts[f]..<longStarts[f + 1]])
                        if person {
                            if w.count < cl.count {
                                // Every word of the short name in the long one ("Erdogan" ⊂ "Recep Tayyip Erdogan").
                                if w.allSatisfy({ x in cl.contains { dictionary.same($0, x) } }) { candidates.append(ci) }
                            } else if w.count == cl.count, zip(w, cl).allSatisfy({ dictionary.same($0, $1) }) {
                                candidates.append(ci)
                            }
                        } else {
                            let ac = longInitials.map { clusters[ci].acronyms.contains($0) } ?? false
                            let ca = longAcronym.map { clusters[ci].initialsOfLong.contains($0) } ?? false
                            let typo = w.count == cl.count && joinedLength >= 6 && zip(w, cl).allSatisfy { dictionary.same($0, $1) }
                            if ac || ca || typo { candidates.append(ci) }
                        }
                    }
                    for x in w where Int(x) < byWord.count { for ci in byWord[Int(x)] { consider(ci) } }
                    if !person {
                        if let x = longInitials { for ci in byAcronym[x] ?? [] { consider(ci) } }
                        if let a = longAcronym { for ci in byInitials[a] ?? [] { consider(ci) } }
                    }
                    // The most mentioned; ties to the earliest cluster.
                    target = candidates.max { a, b in
                        clusters[a].count != clusters[b].count ? clusters[a].count < clusters[b].count : a > b
                    }
                }
                if let t = target {
                    clusters[t].members.append(i)
                    add(item.names, to: &clusters[t])
                    clusters[t].count += item.count
                } else {
                    var c = Cluster(members: [i], person: person, first: i, count: item.count)
                    add(item.names, to: &c)
                    clusters.append(c)
                    seen.append(-1)
                    target = clusters.count - 1
                }
                let t = target!
                let f = clusters[t].first
                if byWord.count < dictionary.count { byWord += Array(repeating: [], count: dictionary.count - byWord.count) }
                for x in longWords[longStarts[f]..<longStarts[f + 1]] where byWord[Int(x)].last != t { byWord[Int(x)].append(t) }
                for n in item.names.keys {
                    let ni = info(n)
                    if let a = ni.acronym { byAcronym[a, default: []].append(t) }
                    if let x = ni.initialsOfLong { byInitials[x, default: []].append(t) }
                    exact[exactSlot(person)][ni.lower] = t
                    if !person, let g = ni.knownGroup { knownCluster[g] = t }
                }
            }
        }
        return clusters.map { $0.members.sorted() }.sorted { $0[0] < $1[0] }
    }

    /// The name a group goes by: a well-known canonical name; for people the most used name of two
    /// words or more ("Valentino Rossi" over a once-seen "Yamaha Valentino Rossi", "Recep" over the
    /// misspelt "Reccep"); otherwise the fullest name, acronyms last.
    public static func canonicalName(_ names: [String: Int], kind: String) -> String {
        if kind != "PER" {
            for n in names.keys.sorted() { if let k = known(n) { return k } }
        }
        // Each name's words counted and its acronym test made once (the comparisons below used to
        // split every name into new strings each time they met it).
        var best: (key: String, value: Int, words: Int, acronym: Bool)? = nil
        var bestFull: (key: String, value: Int, words: Int)? = nil
        for (key, value) in names {
            let w = wordCount(key)
            let acronym = isAcronym(key)
            if kind == "PER" && !acronym && w >= 2 {
                // For people: the most used name of two words or more, then the longer, then the smaller.
                if let b = bestFull {
                    let better = value != b.value ? value > b.value : w != b.words ? w > b.words : key < b.key
                    if better { bestFull = (key, value, w) }
                } else {
                    bestFull = (key, value, w)
                }
            }
            // Otherwise the fullest name: acronyms lose to the name they stand for.
            if let b = best {
                let better: Bool
                if acronym != b.acronym {
                    better = !acronym
                } else if w != b.words {
                    better = w > b.words
                } else if value != b.value {
                    better = value > b.value
                } else {
                    better = key < b.key
                }
                if better { best = (key, value, w, acronym) }
            } else {
                best = (key, value, w, acronym)
            }
        }
        return bestFull?.key ?? best?.key ?? ""
    }

    /// The number of words of `s` as `words(_:)` splits it (runs between spaces and newlines),
    /// counted over its bytes when it is ASCII without a carriage return (folding changes no space
    /// there, and no two bytes make one character); other names are split as `words` splits them.
    static func wordCount(_ s: String) -> Int {
        if s.utf8.contains(where: { $0 >= 0x80 || $0 == 0x0D }) { return words(s).count }
        var count = 0
        var inWord = false
        for b in s.utf8 {
            if b == 0x20 || b == 0x0A {
                inWord = false
            } else if !inWord {
                inWord = true
                count += 1
            }
        }
        return count
    }
}
