import LinimasaCore
import LinimasaEntities
import LinimasaGroup

/// What the timeline keeps of an article after grouping it: enough to name it and summarise its
/// event, not its whole text.
struct ArticleDigest: Sendable, Codable {
    var ref: ArticleRef
    var language: Language
    /// The first sentences of the body (news puts the news first); term vectors are made when a
    /// summary needs them, so a million digests stay small.
    var leadText: String
    /// The lead sentences (kept as one string: one allocation, not three).
    var lead: [String] { leadText.isEmpty ? [] : leadText.components(separatedBy: "\u{1E}") }
    /// Days the article mentions (day numbers), once each.
    var mentionedDays: [Int32]
    /// Outlets and agencies it cites.
    var sources: [String]
    /// Its entities, while the digest is being made; `add` moves them into `packed`.
    var entities: [DigestEntity]
    /// Its entities as numbers into the builder's name table (names repeat across a collection).
    var packed = PackedEntities()
    /// Its quotes (the first `maxQuotes`).
    var quotes: [Quote]
    /// Places and casualty counts it states (titles come from `packed`), and the sentence that dates its event.
    var claims: [Claim]
    var dateSentence: String?

    enum CodingKeys: String, CodingKey {
        case ref, language, leadText, mentionedDays, sources, entities, quotes, claims, dateSentence
    }
}

/// An article's entity, as much as stories need: the names it goes by and how often.
struct DigestEntity: Sendable, Codable {
    var canonical: String
    var kind: String
    var names: [String: Int]
    var roles: [String]
    var mentions: Int
}

/// An article's entities as flat arrays of numbers: for each entity its canonical name, kind,
/// mention count and where its names (name, count) and roles lie in `names` and `roles`.
struct PackedEntities: Sendable {
    static let stride = 7
    var fields: [Int32] = []
    var names: [Int32] = []
    var roles: [Int32] = []
    var count: Int { fields.count / PackedEntities.stride }
}

/// An article as grouping needs it: its profile and its digest, without its text. Codable, so a
/// store can keep it beside the article.
public struct PreparedArticle: Sendable, Codable {
    public var profile: ArticleProfile
    var digest: ArticleDigest
    public var id: String { profile.id }
}

/// Names of a collection, each stored once.
struct NameTable {
    var ids: [String: Int32] = [:]
    var names: [String] = []
    mutating func id(_ s: String) -> Int32 {
        if let i = ids[s] { return i }
        let i = Int32(names.count)
        ids[s] = i
        names.append(s)
        return i
    }

    mutating func pack(_ entities: [DigestEntity]) -> PackedEntities {
        var p = PackedEntities()
        for e in entities {
            let nameStart = p.names.count
            for (n, c) in e.names.sorted(by: { $0.key < $1.key }) {
                p.names.append(id(n))
                p.names.append(Int32(c))
            }
            let roleStart = p.roles.count
            for r in e.roles { p.roles.append(id(r)) }
            p.fields += [
                id(e.canonical), Int32(EntityType(code: e.kind)?.rawValue ?? 0), Int32(e.mentions), Int32(nameStart),
                Int32(p.names.count - nameStart), Int32(roleStart), Int32(p.roles.count - roleStart),
            ]
        }
        return p
    }

    func unpack(_ p: PackedEntities) -> [DigestEntity] {
        (0..<p.count).map { k in
            let f = Array(p.fields[(k * PackedEntities.stride)..<((k + 1) * PackedEntities.stride)])
            var names: [String: Int] = [:]
            var i = Int(f[3])
            while i < Int(f[3] + f[4]) {
                names[self.names[Int(p.names[i])]] = Int(p.names[i + 1])
                i += 2
            }
            let roles = p.roles[Int(f[5])..<Int(f[5] + f[6])].map { self.names[Int($0)] }
            return DigestEntity(
                canonical: self.names[Int(f[0])], kind: EntityType(rawValue: Int(f[1]))?.code ?? "PER", names: names, roles: roles,
                mentions: Int(f[2]))
        }
    }
}

extension ArticleDigest {
    /// Entities kept per article (the most mentioned) and characters kept of a quote: a digest
    /// stays a few kilobytes, so a million articles fit in memory.
    static let maxEntities = 24
    static let maxQuoteLength = 300
}

