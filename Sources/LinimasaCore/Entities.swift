/// Where a name occurs: its text and Unicode scalar offsets into `Article.bodyText`.
public typealias Mention = TextSpan

/// A person, organisation or place named in an article, with every name it goes by there.
public struct Entity: Sendable, Codable, Hashable {
    /// The fullest name the article uses: "Recep Tayyip Erdogan".
    public var name: String
    /// PER, ORG, LOC (EVT, FNB, TIME, QTY where a model offers them).
    public var kind: String
    /// The name all articles agree on after alias resolution ("Amerika Serikat" for "AS").
    public var canonical: String
    /// Every distinct name seen: "Recep Tayyip Erdogan", "Erdogan", "Reccep Tayyip Erdogan".
    public var aliases: [String]
    /// Titles and roles seen before the name, not part of it: "Menteri Luar Negeri Turki", "Menlu".
    public var roles: [String]
    public var mentions: [Mention]
    public init(name: String, kind: String, canonical: String, aliases: [String], roles: [String], mentions: [Mention]) {
        self.name = name
        self.kind = kind
        self.canonical = canonical
        self.aliases = aliases
        self.roles = roles
        self.mentions = mentions
    }
}

/// Something someone said: a direct quote or reported speech, with its speaker when found.
public struct Quote: Sendable, Codable, Hashable {
    /// The words quoted (without quotation marks) or the reported clause.
    public var text: String
    /// The speaker's canonical name, or nil when the text does not say.
    public var speaker: String?
    /// The reporting verb's base: kata, ujar, ungkap, jelas, tutur, tambah, sebut, tegas, menurut, said, told, added …
    public var verb: String?
    /// Unicode scalar offsets of `text` in `Article.bodyText`.
    public var start: Int
    public var end: Int
    /// True for words in quotation marks, false for reported speech.
    public var direct: Bool
    public init(text: String, speaker: String?, verb: String?, start: Int, end: Int, direct: Bool) {
        self.text = text
        self.speaker = speaker
        self.verb = verb
        self.start = start
        self.end = end
        self.direct = direct
    }
}

extension Quote {
    enum CodingKeys: String, CodingKey { case text, speaker, verb, start, end, direct }

    /// Writes `null` for an unknown speaker or verb: every key is always there.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(text, forKey: .text)
        try c.encode(speaker, forKey: .speaker)
        try c.encode(verb, forKey: .verb)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encode(direct, forKey: .direct)
    }
}
