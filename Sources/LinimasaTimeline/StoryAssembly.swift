import Dispatch
import Foundation
import LinimasaCore
import LinimasaEntities
import LinimasaGroup
import LinimasaSummarize
import LinimasaText

/// A story and its events from grouped articles: titles, names, summaries, quotes, sources and
/// disagreements, from the articles' digests.
extension TimelineBuilder {
    func story(_ s: [Int], events: [GroupedEvent], profiles: [ArticleProfile], cache: TermCache) -> Story {
        let storyArticles = s.flatMap { events[$0].members }
        let digests = StoryDigests(storyArticles.map { ($0, self.digests.digest($0, id: profiles[$0].id)) })
        var mentions: [Int: Int] = [:]
        for a in storyArticles { for d in digests[a].mentionedDays { mentions[Int(d), default: 0] += 1 } }
        let names = StoryEntities(storyArticles.map { ($0, nameTable.unpack(digests[$0].packed)) })
        var evs = s.map { e in
            event(
                events[e], id: stableID("e", events[e].members), mentions: events[e].day.map { mentions[$0.day] ?? 0 } ?? 0,
                names: names, digests: digests, profiles: profiles, cache: cache)
        }
        let ordered = storyArticles.sorted { EventGrouper.earlier(profiles[$0], profiles[$1]) }
        var eventsOf: [Int: [String]] = [:]
        for (k, e) in s.enumerated() { for m in events[e].members { eventsOf[m, default: []].append(evs[k].id) } }
        var uses: [SourceUse] = []
        for m in ordered {
            guard !digests[m].sources.isEmpty else { continue }
            let outlet = digests[m].ref.outlet ?? digests[m].ref.id
            if let k = uses.firstIndex(where: { $0.outlet == outlet }) {
                for c in digests[m].sources where !uses[k].sources.contains(c) { uses[k].sources.append(c) }
            } else {
                uses.append(SourceUse(outlet: outlet, sources: digests[m].sources))
            }
        }
        for k in evs.indices { evs[k].entities = names.summaries(of: events[s[k]].members, digests: digests).map(\.name) }
        let storyEntities = names.summaries(of: storyArticles, digests: digests, eventsOf: eventsOf)
        return Story(
            id: stableID("s", storyArticles), title: title(of: ordered, digests: digests, fallback: evs.first?.title ?? "", cache: cache),
            keywords: keywords(of: ordered, digests: digests, entities: storyEntities, cache: cache), articles: ordered.map { digests[$0].ref.id }, events: evs,
            entities: storyEntities, quotes: evs.flatMap(\.quotes),
            sources: uses, disagreements: evs.flatMap(\.disagreements))
    }

    /// An id that stays the same while the group keeps its smallest article id: a prefix and the 16
    /// hex digits of that id's 64-bit hash, so a store can follow a story as articles are added.
    /// (Eight digits gave two events one id in a corpus of 100 thousand articles.)
    func stableID(_ prefix: String, _ members: [Int]) -> String {
        let first = members.map { grouper.profiles[$0].id }.min() ?? ""
        return prefix + "-" + hex16(hashBytes(first.utf8))
    }

    func event(
        _ e: GroupedEvent, id: String, mentions: Int, names: StoryEntities, digests: StoryDigests, profiles: [ArticleProfile], cache: TermCache
    ) -> Event {
        let copies = Set(e.duplicates.map(\.1))
        let copyOf = Dictionary(e.duplicates.map { ($0.1, $0.0) }, uniquingKeysWith: { a, _ in a })
        var candidates: [CandidateSentence] = []
        for (k, m) in e.members.enumerated() where !copies.contains(m) {
            for (p, text) in digests[m].lead.enumerated() {
                candidates.append(CandidateSentence(text: text, position: p, document: k, language: digests[m].language, cache: cache))
            }
        }
        let n = configuration.summarySentences + (e.members.count - copies.count > 3 ? 1 : 0)
        let picked = configuration.summarizer.select(candidates, count: n)
        let summary = picked.map { candidates[$0].text }
        var outlets: [String] = []
        var sources: [String] = []
        for m in e.members {
            if let o = digests[m].ref.outlet, !outlets.contains(o) { outlets.append(o) }
            for c in digests[m].sources where !sources.contains(c) { sources.append(c) }
        }
        let date = e.day.map { CivilDate(daysSinceEpoch: $0.day).description }
        let originals = e.members.filter { !copies.contains($0) }
        var quotes: [QuoteRef] = []
        for m in originals {
            for q in digests[m].quotes {
                quotes.append(
                    QuoteRef(
                        text: q.text, speaker: q.speaker.map { names.name(article: m, canonical: $0) }, verb: q.verb, direct: q.direct,
                        article: digests[m].ref.id, outlet: digests[m].ref.outlet))
            }
        }
        // Claims of the original reports; the day each one's text gives joins them as a claim.
        let claimSources = originals.map { m -> DisagreementFinder.Source in
            let entities = names.entitiesOf[m] ?? []
            var claims = digests[m].claims + ClaimFinder.roleClaims(entities.map { ($0.kind, $0.canonical, $0.roles) })
            if profiles[m].eventDay.source == .text {
                claims.append(
                    Claim(about: "date", value: CivilDate(daysSinceEpoch: profiles[m].eventDay.day).description, sentence: digests[m].dateSentence ?? ""))
            }
            return DisagreementFinder.Source(article: digests[m].ref.id, outlet: digests[m].ref.outlet, claims: claims)
        }
        let disagreements = DisagreementFinder.find(claimSources) { names.name(canonical: $0) }
        return Event(
            id: id, date: date, granularity: .day, dateSource: e.day?.source.rawValue,
            title: title(of: e.members, digests: digests, fallback: summary.first ?? "", cache: cache), summary: summary,
            articles: e.members.map { digests[$0].ref.id },
            reports: e.members.map { m in
                let r = digests[m].ref
                return Report(id: r.id, outlet: r.outlet, published: r.published, copyOf: copyOf[m].map { digests[$0].ref.id })
            },
            outlets: outlets, sources: sources,
            duplicates: e.duplicates.map { [digests[$0.0].ref.id, digests[$0.1].ref.id] }, mentions: mentions,
            quotes: quotes, disagreements: disagreements)
    }

    /// The story's most telling names, from its own articles only (a story must be a function of
    /// its articles, so that a store can keep it while others change): its entities ranked by
    /// mentions, people and organisations before places (who and what before where: "Indonesia" is
    /// in most stories), a name of several words before a bare word ("Recep Tayyip Erdogan" says
    /// more than "Turki"). Without entities (`--no-entities`), the capitalised words inside the lead
    /// sentences (never headlines, whose every word is capitalised), by the articles that use them.
    func keywords(of members: [Int], digests: StoryDigests, entities: [EntitySummary], cache: TermCache, count: Int = 5) -> [String] {
        var scored: [(String, Double)] = []
        if !entities.isEmpty {
            scored = entities.map { e in
                let words = e.name.split(separator: " ").count
                return (e.name, Double(e.mentions) * (e.kind == "LOC" ? 0.5 : 1) * (1 + 0.5 * Double(min(words, 3) - 1)))
            }
        } else {
            var seen: [String: Int] = [:]
            for m in members {
                var words = Set<String>()
                for text in digests[m].lead {
                    let t = TokenizedText(text)
                    for (i, tok) in t.tokens.enumerated() where tok.kind == .word && i > 0 && t.isCapitalized(i) && tok.length > 2 {
                        let prev = t.tokens[i - 1]
                        if prev.kind == .punct, [0x2E, 0x21, 0x3F].contains(t.bytes[prev.start]) { continue }
                        let w = t.text(i)
                        if Stopwords.contains(w.lowercased()) { continue }
                        words.insert(w)
                    }
                }
                for w in words { seen[w, default: 0] += 1 }
            }
            scored = seen.map { ($0.key, Double($0.value)) }
        }
        return scored.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(count).map(\.0)
    }

    /// The headline closest to what the articles say together; failing any headline, `fallback`.
    func title(of members: [Int], digests: StoryDigests, fallback: String, cache: TermCache) -> String {
        var acc: [UInt64: Float] = [:]
        for m in members { grouper.profiles[m].terms.add(into: &acc) }
        let centroid = TermVector(acc, limit: 64)
        var best: (Float, String)? = nil
        for m in members {
            guard let t = digests[m].ref.title else { continue }
            var raw: [UInt64: Float] = [:]
            cache.addTerms(of: TokenizedText(t), language: digests[m].language, weight: 1, into: &raw)
            let s = TermVector(raw, limit: 32).cosine(centroid)
            if best == nil || s > best!.0 { best = (s, t) }
        }
        return best?.1 ?? fallback
    }
}

/// The digests of one story's articles, read from the builder's `DigestArena` once each.
struct StoryDigests {
    private let byArticle: [Int: ArticleDigest]
    init(_ pairs: [(Int, ArticleDigest)]) { byArticle = Dictionary(pairs, uniquingKeysWith: { a, _ in a }) }
    subscript(article: Int) -> ArticleDigest { byArticle[article]! }
}
