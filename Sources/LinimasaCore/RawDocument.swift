/// One input document as read, before extraction: its text and where it came from.
public struct RawDocument: Sendable, Hashable {
    /// The file name without extension, or the `id` field of a JSON line.
    public var id: String
    /// Where it came from: a path, `path:line` for a JSON line, or `-` for standard input.
    public var source: String
    public var text: String
    /// Fields given with the input (JSON lines); they win over what is found in the text.
    public var given: GivenFields
    /// What the reader had to do to read it (e.g. "not valid UTF-8; read as Windows-1252").
    public var notes: [String]
    /// What the reader already left out, with why (a web page's navigation, comments, share buttons...).
    public var removed: [RemovedText]

    public init(
        id: String, source: String, text: String, given: GivenFields = GivenFields(), notes: [String] = [], removed: [RemovedText] = []
    ) {
        self.id = id
        self.source = source
        self.text = text
        self.given = given
        self.notes = notes
        self.removed = removed
    }
}

/// Metadata supplied alongside the text.
public struct GivenFields: Sendable, Hashable, Codable {
    public var url: String?
    public var title: String?
    public var published: String?
    public var outlet: String?
    /// The author as the source states it (a web page's metadata).
    public var author: String?
    /// Where `published` was found, when the reader found it ("JSON-LD datePublished ...").
    public var publishedSource: String?
    public init(
        url: String? = nil, title: String? = nil, published: String? = nil, outlet: String? = nil, author: String? = nil,
        publishedSource: String? = nil
    ) {
        self.url = url
        self.title = title
        self.published = published
        self.outlet = outlet
        self.author = author
        self.publishedSource = publishedSource
    }
}

/// An input that could not be read, and why.
public struct Skipped: Sendable, Codable, Hashable {
    public var source: String
    public var reason: String
    public init(source: String, reason: String) {
        self.source = source
        self.reason = reason
    }
}
