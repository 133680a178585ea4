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
    public init(id: String, title: String, keywords: [String], articles: [String], events: [Event]) {
        self.id = id
        self.title = title
        self.keywords = keywords
        self.articles = articles
        self.events = events
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

    public init(
        id: String, date: String?, granularity: Granularity, dateSource: String?, title: String, summary: [String],
        articles: [String], reports: [Report], outlets: [String], sources: [String] = [], duplicates: [[String]], mentions: Int
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
    }
}
