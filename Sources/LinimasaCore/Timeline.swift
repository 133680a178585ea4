/// The stories, events and summaries `linimasa timeline` reports: the contract the web page and the
/// store build on.
public struct Timeline: Sendable, Codable, Hashable {
    public var stories: [Story]
    /// Every article that was grouped, by id: outlet, title and publication time.
    public var articles: [ArticleRef]
    public init(stories: [Story], articles: [ArticleRef]) {
        self.stories = stories
        self.articles = articles
    }
}

public struct ArticleRef: Sendable, Codable, Hashable {
    public var id: String
    public var outlet: String?
    public var title: String?
    public var published: String?
    public init(id: String, outlet: String?, title: String?, published: String?) {
        self.id = id
        self.outlet = outlet
        self.title = title
        self.published = published
    }
}

/// One article's report of an event: who published it when, and whose copy it is.
public struct Report: Sendable, Codable, Hashable {
    public var id: String
    public var outlet: String?
    public var published: String?
    /// The id of the article this one republishes, if it is a copy.
    public var copyOf: String?
    public init(id: String, outlet: String?, published: String?, copyOf: String?) {
        self.id = id
        self.outlet = outlet
        self.published = published
        self.copyOf = copyOf
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(outlet, forKey: .outlet)
        try c.encode(published, forKey: .published)
        try c.encode(copyOf, forKey: .copyOf)
    }
}

public struct Story: Sendable, Codable, Hashable {
    public var id: String
    public var title: String
    /// The names the story's articles mention most (people, places, organisations as written).
    public var keywords: [String]
    /// Article ids, in publication order.
    public var articles: [String]
    /// Events in date order.
    public var events: [Event]
    /// People, organisations and places, names joined across articles, most mentioned first.
    public var entities: [EntitySummary]
    /// Everything quoted, in event order.
    public var quotes: [QuoteRef]
    /// Per outlet, the agencies and outlets its articles cite.
    public var sources: [SourceUse]
    /// Every disagreement of its events.
    public var disagreements: [Disagreement]
    public init(
        id: String, title: String, keywords: [String], articles: [String], events: [Event], entities: [EntitySummary] = [],
        quotes: [QuoteRef] = [], sources: [SourceUse] = [], disagreements: [Disagreement] = []
    ) {
        self.id = id
        self.title = title
        self.keywords = keywords
        self.articles = articles
        self.events = events
        self.entities = entities
        self.quotes = quotes
        self.sources = sources
        self.disagreements = disagreements
    }
}

public struct Event: Sendable, Codable, Hashable {
    public var id: String
    /// The day it happened, `2022-01-02`; nil when no article dates it.
    public var date: String?
    public var granularity: Granularity
    /// `text` when the articles give the day, `published` when the publication day stands in.
    public var dateSource: String?
    public var title: String
    /// Whole sentences taken from its articles, in reading order.
    public var summary: [String]
    /// Article ids, in publication order.
    public var articles: [String]
    /// The same articles with outlet, publication time and what they copy.
    public var reports: [Report]
    /// Outlets that reported it, in order of first report.
    public var outlets: [String]
    /// Outlets and agencies its articles cite ("dikutip dari Tass" → TASS), in order of first citation.
    public var sources: [String]
    /// Pairs `[original, copy]` of article ids: the copy republishes the original's text.
    public var duplicates: [[String]]
    /// How many articles of its story mention its day: what makes a day matter in a story.
    public var mentions: Int
    /// Canonical names of the people, organisations and places its articles name, most mentioned first.
    public var entities: [String]
    public var quotes: [QuoteRef]
    /// Facts its articles do not agree on; empty when they agree.
    public var disagreements: [Disagreement]

    public init(
        id: String, date: String?, granularity: Granularity, dateSource: String?, title: String, summary: [String],
        articles: [String], reports: [Report], outlets: [String], sources: [String] = [], duplicates: [[String]], mentions: Int,
        entities: [String] = [], quotes: [QuoteRef] = [], disagreements: [Disagreement] = []
    ) {
        self.id = id
        self.date = date
        self.granularity = granularity
        self.dateSource = dateSource
        self.title = title
        self.summary = summary
        self.articles = articles
        self.reports = reports
        self.outlets = outlets
        self.sources = sources
        self.duplicates = duplicates
        self.mentions = mentions
        self.entities = entities
        self.quotes = quotes
        self.disagreements = disagreements
    }
}

// Every key is written, a missing value as null, so readers never guess whether a key exists.
extension ArticleRef {
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(outlet, forKey: .outlet)
        try c.encode(title, forKey: .title)
        try c.encode(published, forKey: .published)
    }
}

extension Event {
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(date, forKey: .date)
        try c.encode(granularity, forKey: .granularity)
        try c.encode(dateSource, forKey: .dateSource)
        try c.encode(title, forKey: .title)
        try c.encode(summary, forKey: .summary)
        try c.encode(articles, forKey: .articles)
        try c.encode(reports, forKey: .reports)
        try c.encode(outlets, forKey: .outlets)
        try c.encode(sources, forKey: .sources)
        try c.encode(duplicates, forKey: .duplicates)
        try c.encode(mentions, forKey: .mentions)
        try c.encode(entities, forKey: .entities)
        try c.encode(quotes, forKey: .quotes)
        try c.encode(disagreements, forKey: .disagreements)
    }
}

/// One side of a disagreement: a value, and the articles and outlets that give it, with their words.
public struct ClaimSide: Sendable, Codable, Hashable {
    public var value: String
    public var articles: [String]
    public var outlets: [String]
    public var sentences: [String]
    public init(value: String, articles: [String], outlets: [String], sentences: [String]) {
        self.value = value
        self.articles = articles
        self.outlets = outlets
        self.sentences = sentences
    }
}

/// Articles of one event that do not agree on a fact: the place, the date, a number, a person's role.
public struct Disagreement: Sendable, Codable, Hashable {
    /// `place`, `date`, `dead`, `injured`, or `role of <name>`.
    public var about: String
    public var claims: [ClaimSide]
    public init(about: String, claims: [ClaimSide]) {
        self.about = about
        self.claims = claims
    }
}

/// An entity as a story or an event sees it: names joined across its articles.
public struct EntitySummary: Sendable, Codable, Hashable {
    public var name: String
    public var kind: String
    public var aliases: [String]
    public var roles: [String]
    /// Mentions in all its articles.
    public var mentions: Int
    public var articles: [String]
    public var events: [String]
    public init(name: String, kind: String, aliases: [String], roles: [String], mentions: Int, articles: [String], events: [String]) {
        self.name = name
        self.kind = kind
        self.aliases = aliases
        self.roles = roles
        self.mentions = mentions
        self.articles = articles
        self.events = events
    }
}

/// A quote as a story or event reports it: who said it (the story's name for the speaker), where.
public struct QuoteRef: Sendable, Codable, Hashable {
    public var text: String
    public var speaker: String?
    public var verb: String?
    public var direct: Bool
    public var article: String
    public var outlet: String?
    public init(text: String, speaker: String?, verb: String?, direct: Bool, article: String, outlet: String?) {
        self.text = text
        self.speaker = speaker
        self.verb = verb
        self.direct = direct
        self.article = article
        self.outlet = outlet
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(text, forKey: .text)
        try c.encode(speaker, forKey: .speaker)
        try c.encode(verb, forKey: .verb)
        try c.encode(direct, forKey: .direct)
        try c.encode(article, forKey: .article)
        try c.encode(outlet, forKey: .outlet)
    }
}

/// Which outlet relied on which wire services and outlets, across a story.
public struct SourceUse: Sendable, Codable, Hashable {
    public var outlet: String
    public var sources: [String]
    public init(outlet: String, sources: [String]) {
        self.outlet = outlet
        self.sources = sources
    }
}
