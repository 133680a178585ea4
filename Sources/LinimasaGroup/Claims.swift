import LinimasaCore
import LinimasaText

/// A checkable statement of one article: where something happened, how many died or were hurt,
/// what role a person has. Disagreements are claims of one event's articles that do not fit.
public struct Claim: Sendable, Hashable, Codable {
    /// `place`, `date`, `dead`, `injured`, or `role of <canonical name>`.
    public var about: String
    public var value: String
    public var sentence: String
    public init(about: String, value: String, sentence: String) {
        self.about = about
        self.value = value
        self.sentence = sentence
    }
}

/// Reads the claims of an article from its sentences and entities.
public enum ClaimFinder {
    /// Words that put a place as where something happens: "di Sochi", "mengunjungi Moskow", "in Sochi".
    static let placeCues: Set<String> = ["di", "ke", "in", "at", "to"]
    static let visitVerbs: Set<String> = ["mengunjungi", "visited", "visiting", "visits"]
    /// Words for what happens at a venue: meetings, talks, press conferences, visits, summits.
    static let eventWords: Set<String> = [
        "pertemuan", "bertemu", "pembicaraan", "berbicara", "konferensi", "pers", "berlangsung", "digelar", "diadakan",
        "dilaksanakan", "diselenggarakan", "ktt", "kunjungan", "berkunjung", "tiba", "perundingan", "negosiasi", "rapat",
        "sidang", "upacara", "talks", "met", "meeting", "summit", "conference", "held", "arrived", "visit", "spoke",
    ]
    static let dead: Set<String> = ["tewas", "meninggal", "meninggal dunia", "killed", "dead", "died", "deaths", "kematian"]
    /// Every casualty word, for a cheap look at a sentence before it is tokenized.
    static let casualtyStems = Array(dead.union(injured))
    static let injured: Set<String> = ["luka", "terluka", "luka-luka", "cedera", "injured", "wounded"]

    /// Titles of people as claims: "role of Mevlut Cavusoglu" = "Menteri Luar Negeri Turki".
    public static func roleClaims(_ entities: [(kind: String, canonical: String, roles: [String])]) -> [Claim] {
        var out: [Claim] = []
        for e in entities where e.kind == "PER" {
            for r in e.roles { out.append(Claim(about: "role of " + e.canonical, value: r, sentence: "")) }
        }
        return out
    }

    /// The article's claims; `includeRoles: false` leaves out titles (a caller that keeps the
    /// entities can make them later with `roleClaims`).
    public static func claims(_ a: Article, includeRoles: Bool = true) -> [Claim] {
        var out: [Claim] = []
        // Where the event took place: a place after "di"/"ke"/"in" shortly after a word for a meeting
        // or visit ("konferensi pers di Sochi", "mengunjungi Moskow", "talks in Sochi"), not any
        // place after "di" (drones sent "ke Ukraina" are no venue).
        var places: [(start: Int, canonical: String)] = []
        for e in a.entities where e.kind == "LOC" { for m in e.mentions { places.append((m.start, e.canonical)) } }
        places.sort { $0.start < $1.start }
        var next = 0
        for s in a.sentences where next < places.count {
            // Sentences and mentions both run in text order: one pass over each.
            while next < places.count && places[next].start < s.start { next += 1 }
            var scalars: [Unicode.Scalar]? = nil
            while next < places.count && places[next].start < s.end {
                let p = places[next]
                next += 1
                if scalars == nil { scalars = Array(s.text.unicodeScalars) }
                let cut = min(p.start - s.start, scalars!.count)
                let before = String(String.UnicodeScalarView(scalars![max(0, cut - 80)..<cut]))
                let words = before.lowercased().split(whereSeparator: { $0 == " " || $0 == "," }).suffix(7)
                guard let last = words.last else { continue }
                let visit = visitVerbs.contains(String(last))
                let venue = placeCues.contains(String(last)) && words.dropLast().suffix(5).contains { eventWords.contains(String($0)) }
                if visit || venue { out.append(Claim(about: "place", value: p.canonical, sentence: s.text)) }
            }
        }
        // Casualty counts: "12 orang tewas", "korban tewas mencapai 12 orang", "killed 12 people".
        for s in a.sentences {
            // Most sentences name no casualties: a cheap look first.
            guard s.text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { continue }
            let lower = s.text.lowercased()
            guard casualtyStems.contains(where: { lower.containsBytes($0) }) else { continue }
            let t = TokenizedText(s.text)
            let n = t.tokens.count
            for (i, tok) in t.tokens.enumerated() where tok.kind == .word {
                let w = t.lower(i)
                let kind = dead.contains(w) ? "dead" : injured.contains(w) ? "injured" : nil
                guard let kind else { continue }
                // The nearest number within four words on either side, counting people.
                var best: (distance: Int, value: Int)? = nil
                for j in max(0, i - 4)..<min(n, i + 5) where t.tokens[j].kind == .number {
                    let digits = t.text(j).filter(\.isNumber)
                    guard let v = Int(digits), v > 0, v < 10_000_000 else { continue }
                    let people = (j + 1 < n && ["orang", "people", "warga", "jiwa", "korban", "persons"].contains(t.lower(j + 1)))
                    guard people else { continue }
                    if best == nil || abs(j - i) < best!.distance { best = (abs(j - i), v) }
                }
                if let b = best { out.append(Claim(about: kind, value: String(b.value), sentence: s.text)) }
            }
        }
        if includeRoles { out += roleClaims(a.entities.map { ($0.kind, $0.canonical, $0.roles) }) }
        return out
    }
}

/// Finds the claims an event's articles do not agree on.
public enum DisagreementFinder {
    public struct Source: Sendable {
        public var article: String
        public var outlet: String?
        public var claims: [Claim]
        public init(article: String, outlet: String?, claims: [Claim]) {
            self.article = article
            self.outlet = outlet
            self.claims = claims
        }
    }

    /// Abbreviated titles and their full heads: "Menlu" is a "menteri".
    static let roleHeads: [String: String] = [
        "menlu": "menteri", "menhan": "menteri", "mendagri": "menteri", "menkes": "menteri", "menkeu": "menteri",
        "menko": "menteri", "minister": "menteri", "wapres": "wakil", "president": "presiden", "pm": "perdana",
        "prime": "perdana", "dubes": "duta", "ambassador": "duta", "jubir": "juru", "spokesman": "juru",
        "spokeswoman": "juru", "spokesperson": "juru", "governor": "gubernur", "mayor": "wali", "walikota": "wali",
    ]
    static let titles: Set<String> = [
        "presiden", "menteri", "wakil", "perdana", "gubernur", "bupati", "wali", "ketua", "direktur", "kepala",
        "panglima", "sekretaris", "juru", "raja", "ratu", "kanselir", "duta", "senator", "jenderal", "hakim", "jaksa",
    ]

    static func head(_ role: String) -> String? {
        guard let first = role.split(separator: " ").first?.lowercased() else { return nil }
        let h = roleHeads[first] ?? first
        return titles.contains(h) ? h : nil
    }

    /// `name(of:)` maps a person's article-level canonical name to the event's name for them.
    public static func find(_ sources: [Source], name: (String) -> String = { $0 }) -> [Disagreement] {
        var out: [Disagreement] = []
        func side(_ value: String, _ members: [(Source, String)]) -> ClaimSide {
            var outlets: [String] = []
            for (s, _) in members { if let o = s.outlet, !outlets.contains(o) { outlets.append(o) } }
            var sentences: [String] = []
            for (_, t) in members where !t.isEmpty && !sentences.contains(t) { sentences.append(t) }
            return ClaimSide(value: value, articles: members.map(\.0.article), outlets: outlets, sentences: sentences)
        }
        /// Sides when at least two values come from at least two outlets.
        func disagreement(_ about: String, _ picks: [(Source, String, String)]) -> Disagreement? {
            var byValue: [(String, [(Source, String)])] = []
            for (s, v, sentence) in picks {
                if let k = byValue.firstIndex(where: { $0.0 == v }) { byValue[k].1.append((s, sentence)) } else { byValue.append((v, [(s, sentence)])) }
            }
            let outlets = Set(picks.map { $0.0.outlet ?? $0.0.article })
            guard byValue.count >= 2, outlets.count >= 2 else { return nil }
            return Disagreement(about: about, claims: byValue.map { side($0.0, $0.1) })
        }
        // The place: each article's first place; two disagree when neither names the other's as a place.
        var picks: [(Source, String, String)] = []
        for s in sources {
            if let c = s.claims.first(where: { $0.about == "place" }) { picks.append((s, c.value, c.sentence)) }
        }
        let placeSets = Dictionary(sources.map { ($0.article, Set($0.claims.filter { $0.about == "place" }.map(\.value))) }, uniquingKeysWith: { a, _ in a })
        let conflicting = picks.filter { p in
            picks.contains { q in
                q.1 != p.1 && !(placeSets[q.0.article]?.contains(p.1) ?? false) && !(placeSets[p.0.article]?.contains(q.1) ?? false)
            }
        }
        if let d = disagreement("place", conflicting) { out.append(d) }
        // The day each report's text gives for the event.
        var days: [(Source, String, String)] = []
        for s in sources {
            if let c = s.claims.first(where: { $0.about == "date" }) { days.append((s, c.value, c.sentence)) }
        }
        if let d = disagreement("date", days) { out.append(d) }
        // Casualties: each article's highest count.
        for kind in ["dead", "injured"] {
            var picks: [(Source, String, String)] = []
            for s in sources {
                let cs = s.claims.filter { $0.about == kind }
                if let c = cs.max(by: { Int($0.value)! < Int($1.value)! }) { picks.append((s, c.value, c.sentence)) }
            }
            if let d = disagreement(kind, picks) { out.append(d) }
        }
        // Roles: a person whose titles share no head across articles ("Menteri" here, "Presiden" there).
        var roles: [String: [(Source, Set<String>, String)]] = [:]
        for s in sources {
            var perPerson: [String: (Set<String>, String)] = [:]
            for c in s.claims where c.about.hasPrefix("role of ") {
                guard let h = head(c.value) else { continue }
                let who = name(String(c.about.dropFirst(8)))
                // The value shown is the article's first full title for the person.
                perPerson[who, default: ([], c.value)].0.insert(h)
            }
            for (who, v) in perPerson { roles[who, default: []].append((s, v.0, v.1)) }
        }
        for (who, list) in roles.sorted(by: { $0.key < $1.key }) where list.count >= 2 {
            // Two articles whose titles for the person share no head ("Menteri" and "Gubernur").
            let clash = list.contains { a in list.contains { b in a.0.article != b.0.article && a.1.isDisjoint(with: b.1) } }
            guard clash else { continue }
            if let d = disagreement("role of " + who, list.map { ($0.0, $0.2, "") }) { out.append(d) }
        }
        return out
    }
}
