/// Why a line or a piece of a line was kept out of an article's body.
public enum RemovalReason: String, Sendable, Codable, Hashable, CaseIterable {
    case advertisement
    case relatedLinks = "related-links"
    case photoCaption = "photo-caption"
    case editorCode = "editor-code"
    case callToAction = "call-to-action"
    case navigation
    case byline
    case repeatedTitle = "repeated-title"
    case markup
    /// The headline itself: kept in `title`, not in the body.
    case title
    /// The "CITY -" or "Outlet, CITY -" prefix: kept in `dateline` and `outlet`.
    case dateline
    /// Web pages: readers' comments, share buttons, the page's footer, and any other block outside
    /// the element that holds the article.
    case comments
    case shareButtons = "share-buttons"
    case footer
    case outsideArticle = "outside-article"
}

/// A line (or a leading/trailing piece of one) that is not the article's own text.
public struct RemovedText: Sendable, Codable, Hashable {
    public var text: String
    public var reason: RemovalReason
    public init(text: String, reason: RemovalReason) {
        self.text = text
        self.reason = reason
    }
}

/// How an article's publication time was established.
public enum PublishedMethod: String, Sendable, Codable, Hashable {
    /// A byline date stamp, or a `published` field given with the input.
    case explicit
    /// Reasoned from dates in the text; `evidence` says how.
    case inferred
    case unknown
}

/// The publication time of an article, with how it was found.
public struct Published: Sendable, Codable, Hashable {
    /// ISO 8601: `2022-01-03T14:50:00+07:00`, or a day `2021-09-30` when no time is known; nil when unknown.
    public var value: String?
    public var method: PublishedMethod
    /// The text or the reasoning the value rests on.
    public var evidence: String?
    /// For inferred values: `on` when the text dates the report itself, `on-or-after` when the value is
    /// only a lower bound (the latest date the text mentions).
    public var bound: String?

    public init(value: String?, method: PublishedMethod, evidence: String?, bound: String? = nil) {
        self.value = value
        self.method = method
        self.evidence = evidence
        self.bound = bound
    }

    public static let unknown = Published(value: nil, method: .unknown, evidence: nil)

    /// The calendar day of `value`, if any.
    public var day: CivilDate? {
        guard let value, value.count >= 10 else { return nil }
        return CivilDate(iso: value.prefix(10))
    }
}

/// A piece of text with Unicode scalar offsets into `Article.bodyText`.
public struct TextSpan: Sendable, Codable, Hashable {
    public var text: String
    public var start: Int
    public var end: Int
    public init(text: String, start: Int, end: Int) {
        self.text = text
        self.start = start
        self.end = end
    }
}

/// One sentence of the body.
public typealias Sentence = TextSpan

/// How precise a resolved time expression is.
public enum Granularity: String, Sendable, Codable, Hashable {
    case time, day, week, month, year, range
    /// A date whose year could not be established (value like `XXXX-01-03`).
    case partial
}

/// A time expression found in text and resolved against an anchor date.
public struct TimeExpression: Sendable, Codable, Hashable {
    public var text: String
    /// Unicode scalar offsets into the text that was scanned.
    public var start: Int
    public var end: Int
    /// `2021-09-29`, `2021-09`, `2021`, `2022-01-03T14:50+07:00`, a range `2021-12-27/2022-01-02`,
    /// or `XXXX-01-03` when the year is unknown.
    public var value: String
    public var granularity: Granularity
    public init(text: String, start: Int, end: Int, value: String, granularity: Granularity) {
        self.text = text
        self.start = start
        self.end = end
        self.value = value
        self.granularity = granularity
    }
}

/// Where an article says it got its information: "seperti dikutip dari Tass" → TASS.
public struct Citation: Sendable, Codable, Hashable {
    /// The cited outlet or agency, canonical ("TASS", "AFP", "The New Arab").
    public var outlet: String
    /// The words that cite it, as written.
    public var phrase: String
    public init(outlet: String, phrase: String) {
        self.outlet = outlet
        self.phrase = phrase
    }
}

/// Which language an article is written in.
public enum Language: String, Sendable, Codable, Hashable {
    case id, en
}

/// One analysed article: the contract that later stages, the store and the web page build on.
public struct Article: Sendable, Codable, Hashable {
    public var id: String
    public var source: String
    public var language: Language
    public var outlet: String?
    public var title: String?
    public var author: String?
    public var dateline: String?
    public var published: Published
    /// The article's own paragraphs, in order.
    public var body: [String]
    public var removed: [RemovedText]
    public var sentences: [Sentence]
    public var times: [TimeExpression]
    /// Outlets and agencies the article cites, once each, in order of first citation.
    public var citations: [Citation]
    /// People, organisations and places, each once with all its mentions, in order of first mention.
    public var entities: [Entity]
    /// Direct quotes and reported speech, in text order.
    public var quotes: [Quote]
    /// Notes on how the input was read (e.g. an encoding fallback).
    public var notes: [String]

    public init(
        id: String, source: String, language: Language, outlet: String?, title: String?, author: String?,
        dateline: String?, published: Published, body: [String], removed: [RemovedText],
        sentences: [Sentence], times: [TimeExpression], citations: [Citation] = [], entities: [Entity] = [],
        quotes: [Quote] = [], notes: [String] = []
    ) {
        self.id = id
        self.source = source
        self.language = language
        self.outlet = outlet
        self.title = title
        self.author = author
        self.dateline = dateline
        self.published = published
        self.body = body
        self.removed = removed
        self.sentences = sentences
        self.times = times
        self.citations = citations
        self.entities = entities
        self.quotes = quotes
        self.notes = notes
    }

    /// The body as one string: paragraphs joined by a blank line. Offsets in `sentences` and
    /// `times` count Unicode scalars in this string.
    public var bodyText: String { Article.joinBody(body) }

    public static func joinBody(_ paragraphs: [String]) -> String { paragraphs.joined(separator: "\n\n") }
}
