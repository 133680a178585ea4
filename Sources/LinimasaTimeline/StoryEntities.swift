import Dispatch
import Foundation
import LinimasaCore
import LinimasaEntities
import LinimasaGroup
import LinimasaSummarize
import LinimasaText

extension TimelineBuilder {
    /// The entities of a collection from its stories' entities, joined across stories by
    /// `AliasResolver` (a story's name counts its mentions, its other names once), most mentioned first.
    public static func collectionEntities(_ stories: [Story]) -> [EntitySummary] {
        var joined = CollectionEntities()
        for s in stories { joined.add(s.entities) }
        return joined.entities()
    }
}

/// The collection's entities gathered a story at a time (`add`), so that whoever hands the stories
/// over (a store's regrouping, written as the stories are made) keeps only their entities, then
/// joined across stories (`entities`). What is kept of each story's entity is what the join reads:
/// its names for `AliasResolver`, its roles and mentions, and its articles and events as numbers
/// into one table of ids each (an article's id is kept once, not once for every entity naming it).
public struct CollectionEntities {
    struct Head {
        var name: String
        var aliases: [String]
        var roles: [String]
        var mentions: Int
    }
    var items: [AliasResolver.Item] = []
    var heads: [Head] = []
    /// Each entity's articles and events, end to end (`ends[i]` is where entity i's stop).
    var articles = Interned(), events = Interned()

    /// Ids numbered in the order first met, and lists of them laid end to end.
    struct Interned {
        var ids: [String] = []
        var number: [String: Int32] = [:]
        var refs: [Int32] = []
        var ends: [Int] = []

        mutating func append(_ list: [String]) {
            for id in list {
                if let n = number[id] {
                    refs.append(n)
                } else {
                    let n = Int32(ids.count)
                    number[id] = n
                    ids.append(id)
                    refs.append(n)
                }
            }
            ends.append(refs.count)
        }

        func list(_ i: Int) -> ArraySlice<Int32> { refs[(i == 0 ? 0 : ends[i - 1])..<ends[i]] }
    }

    public init() {}

    /// A story's entities.
    public mutating func add(_ entities: [EntitySummary]) {
        for e in entities {
            var names = [e.name: max(1, e.mentions)]
            for a in e.aliases where a != e.name { names[a, default: 0] += 1 }
            items.append(AliasResolver.Item(names: names, kind: e.kind))
            heads.append(Head(name: e.name, aliases: e.aliases, roles: e.roles, mentions: e.mentions))
            articles.append(e.articles)
            events.append(e.events)
        }
    }

    /// The entities added, joined across stories by `AliasResolver`, most mentioned first.
    public func entities() -> [EntitySummary] {
        var out: [EntitySummary] = []
        for members in AliasResolver.cluster(items, acrossKinds: true) {
            var names: [String: Int] = [:]
            var kinds: [String: Int] = [:]
            var roles: [String] = [], inArticles: [String] = [], inEvents: [String] = []
            var seenRoles = Set<String>(), seenArticles = Set<Int32>(), seenEvents = Set<Int32>()
            var mentions = 0
            for i in members {
                let e = heads[i]
                for (n, c) in items[i].names { names[n, default: 0] += c }
                kinds[items[i].kind, default: 0] += e.mentions
                mentions += e.mentions
                for r in e.roles where seenRoles.insert(r).inserted { roles.append(r) }
                for a in articles.list(i) where seenArticles.insert(a).inserted { inArticles.append(articles.ids[Int(a)]) }
                for x in events.list(i) where seenEvents.insert(x).inserted { inEvents.append(events.ids[Int(x)]) }
            }
            let kind = kinds.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }!.key
            let aliases = names.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
            out.append(
                EntitySummary(
                    name: members.count == 1 ? heads[members[0]].name : AliasResolver.canonicalName(names, kind: kind), kind: kind,
                    aliases: members.count == 1 ? heads[members[0]].aliases : aliases, roles: roles, mentions: mentions,
                    articles: inArticles, events: inEvents))
        }
        return out.sorted { $0.mentions != $1.mentions ? $0.mentions > $1.mentions : $0.name < $1.name }
    }
}

/// The entities of a story: each article's entities joined across articles by `AliasResolver`.
struct StoryEntities {
    struct Group {
        var name: String
        var kind: String
        var names: [String: Int]
        var roles: [String]
        var mentions: Int
        var members: [(article: Int, entity: Int)]
    }
    var groups: [Group] = []
    /// (article index, article-level canonical name) → group.
    var groupOf: [String: Int] = [:]
    var byCanonical: [String: Int] = [:]

    /// Each article's entities, by article index.
    var entitiesOf: [Int: [DigestEntity]]

    init(_ articles: [(Int, [DigestEntity])]) {
        var items: [AliasResolver.Item] = []
        var refs: [(Int, Int)] = []
        entitiesOf = Dictionary(articles.map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
        for (m, list) in articles {
            for (k, e) in list.enumerated() {
                items.append(AliasResolver.Item(names: e.names, kind: e.kind))
                refs.append((m, k))
            }
        }
        for members in AliasResolver.cluster(items, acrossKinds: true) {
            var names: [String: Int] = [:]
            var roles: [String] = []
            var kinds: [String: Int] = [:]
            var count = 0
            var list: [(Int, Int)] = []
            for i in members {
                let (m, k) = refs[i]
                let e = entitiesOf[m]![k]
                for (n, c) in e.names { names[n, default: 0] += c }
                for r in e.roles where !roles.contains(r) { roles.append(r) }
                kinds[e.kind, default: 0] += e.mentions
                count += e.mentions
                list.append((m, k))
            }
            let kind = kinds.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }!.key
            let g = groups.count
            groups.append(Group(name: AliasResolver.canonicalName(names, kind: kind), kind: kind, names: names, roles: roles, mentions: count, members: list))
            for i in members {
                let (m, k) = refs[i]
                let canonical = entitiesOf[m]![k].canonical
                groupOf["\(m)\t\(canonical)"] = g
                byCanonical[canonical] = byCanonical[canonical] ?? g
            }
        }
    }

    /// The story's name for what article `article` calls `canonical`.
    func name(article: Int, canonical: String) -> String {
        groupOf["\(article)\t\(canonical)"].map { groups[$0].name } ?? canonical
    }
    func name(canonical: String) -> String { byCanonical[canonical].map { groups[$0].name } ?? canonical }

    /// Entities of some of the story's articles, most mentioned first.
    func summaries(of articles: [Int], digests: StoryDigests, eventsOf: [Int: [String]] = [:]) -> [EntitySummary] {
        let wanted = Set(articles)
        var out: [EntitySummary] = []
        for g in groups {
            let members = g.members.filter { wanted.contains($0.article) }
            guard !members.isEmpty else { continue }
            var ids: [String] = []
            var evs: [String] = []
            var count = 0
            for (m, k) in members {
                count += entitiesOf[m]![k].mentions
                if !ids.contains(digests[m].ref.id) { ids.append(digests[m].ref.id) }
                for e in eventsOf[m] ?? [] where !evs.contains(e) { evs.append(e) }
            }
            let aliases = g.names.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
            out.append(EntitySummary(name: g.name, kind: g.kind, aliases: aliases, roles: g.roles, mentions: count, articles: ids, events: evs))
        }
        return out.sorted { $0.mentions != $1.mentions ? $0.mentions > $1.mentions : $0.name < $1.name }
    }
}
