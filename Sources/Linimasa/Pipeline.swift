import LinimasaCore
import LinimasaEntities
import LinimasaExtract
import LinimasaIngest
import LinimasaText
import LinimasaTime

/// Wires the stages: raw document → extracted article → sentences and resolved times.
///
/// The CLI, the benchmarks and (later) the store and server all call this one type. Pure and
/// `Sendable`: articles are independent, so callers may run `analyze` on every core at once.
public struct Pipeline: Sendable {
    public struct Configuration: Sendable {
        /// Anchor for relative dates when an article's publication date cannot be established.
        public var fallbackAnchor: CivilDate?
        /// Whose annotation habits the entity tagger follows (all schemes share most weights).
        public var entityScheme: NERScheme
        /// Find entities and quotes (about two thirds of the time `analyze` takes).
        public var entities: Bool
        public init(fallbackAnchor: CivilDate? = nil, entityScheme: NERScheme = .nerui, entities: Bool = true) {
            self.fallbackAnchor = fallbackAnchor
            self.entityScheme = entityScheme
            self.entities = entities
        }
    }

    public var configuration: Configuration
    let extractor: ArticleExtractor
    let entityFinder: EntityFinder

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        self.extractor = ArticleExtractor()
        self.entityFinder = EntityFinder(scheme: configuration.entityScheme)
    }

    /// Analyses one document. Never fails: the worst input gives an article with an empty body.
    public func analyze(_ doc: RawDocument) -> Article {
        let x = extractor.extract(doc)
        let tokens = x.bodyTokens
        let offsets = ScalarOffsets(tokens.bytes)
        let ranges = SentenceSplitter.split(tokens)
        let sentences = ranges.map { r in
            Sentence(text: tokens.text(from: r.lowerBound, to: r.upperBound), start: offsets.scalarOffset(ofByte: r.lowerBound), end: offsets.scalarOffset(ofByte: r.upperBound))
        }
        let anchor = x.published.day ?? configuration.fallbackAnchor
        let times = x.timeMentions.map { m -> TimeExpression in
            let (value, granularity) = TimeResolver.resolve(m.reading, anchor: anchor)
            return TimeExpression(
                text: tokens.text(from: m.start, to: m.end), start: offsets.scalarOffset(ofByte: m.start),
                end: offsets.scalarOffset(ofByte: m.end), value: value, granularity: granularity)
        }
        var (entities, mentions) = configuration.entities ? entityFinder.find(tokens, sentences: ranges, offsets: offsets) : ([], [])
        // What the article cites as its source is an outlet: an organisation ("Daily Sabah").
        let citations = Citations.find(in: tokens)
        let outlets = Set(citations.map { $0.outlet.lowercased() })
        for k in entities.indices where entities[k].aliases.contains(where: { outlets.contains($0.lowercased()) }) {
            entities[k].kind = "ORG"
        }
        var quotes = configuration.entities ? QuoteFinder.find(tokens, sentences: ranges, mentions: mentions, entities: entities, offsets: offsets) : []
        // Only now, once the name mentions (which point into `entities` by position) have served the
        // quotes: a quote whose speaker was a date's word has no speaker.
        let kept = Self.droppingNamesInsideDates(entities, times: times)
        if kept.count != entities.count {
            let names = Set(kept.map(\.canonical))
            let dropped = Set(entities.map(\.canonical)).subtracting(names)
            for k in quotes.indices where quotes[k].speaker.map(dropped.contains) == true { quotes[k].speaker = nil }
            entities = kept
        }
        var notes = doc.notes
        let evidence = x.published.evidence ?? ""
        if let given = doc.given.published, !given.isEmpty, !evidence.hasPrefix("given with the input"), !evidence.hasPrefix("the page's") {
            notes.append("\"published\": \"\(given.prefix(60))\" is not a date or time; ignored")
        }
        return Article(
            id: doc.id, source: doc.source, language: LanguageGuess.guess(tokens), outlet: x.outlet, title: x.title,
            author: x.author, dateline: x.dateline, published: x.published, body: x.body, removed: x.removed,
            sentences: sentences, times: times, citations: citations, entities: entities, quotes: quotes,
            notes: notes)
    }

    /// A "name" the tagger found inside a date ("Juni" of "12 Juni 2025", "Senin" of "Senin (20/10)")
    /// is part of the date, not a person, place or organisation: such mentions are dropped, and an
    /// entity left with none is dropped. Linear: the dates are in text order, each mention is
    /// looked up by binary search.
    static func droppingNamesInsideDates(_ entities: [Entity], times: [TimeExpression]) -> [Entity] {
        // A month or weekday alone ("selama Juni dan Juli") is a date's word even where no date was read.
        func calendarWord(_ s: String) -> Bool { !s.contains(" ") && CalendarNames.words.contains(s.lowercased()) }
        let entities = entities.filter { e in !(calendarWord(e.name) && e.aliases.allSatisfy(calendarWord)) }
        guard !times.isEmpty, !entities.isEmpty else { return entities }
        let spans = times.map { ($0.start, $0.end) }.sorted { $0.0 < $1.0 }
        func insideDate(_ m: Mention) -> Bool {
            // The last date starting at or before the mention; dates do not nest, so it is the only candidate.
            var lo = 0, hi = spans.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if spans[mid].0 <= m.start { lo = mid + 1 } else { hi = mid }
            }
            return lo > 0 && m.end <= spans[lo - 1].1
        }
        return entities.compactMap { e in
            // Most entities have no mention inside a date: kept as they are, not copied.
            guard e.mentions.contains(where: insideDate) else { return e }
            var e = e
            e.mentions = e.mentions.filter { !insideDate($0) }
            return e.mentions.isEmpty ? nil : e
        }
    }
}
