// Missing values are written as JSON `null`, not left out: the schema is a contract and every
// key is always there.

extension Article {
    enum CodingKeys: String, CodingKey {
        case id, source, language, outlet, title, author, dateline, published, body, removed, sentences, times, citations, entities, quotes, notes
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(source, forKey: .source)
        try c.encode(language, forKey: .language)
        try c.encode(outlet, forKey: .outlet)
        try c.encode(title, forKey: .title)
        try c.encode(author, forKey: .author)
        try c.encode(dateline, forKey: .dateline)
        try c.encode(published, forKey: .published)
        try c.encode(body, forKey: .body)
        try c.encode(removed, forKey: .removed)
        try c.encode(sentences, forKey: .sentences)
        try c.encode(times, forKey: .times)
        try c.encode(citations, forKey: .citations)
        try c.encode(entities, forKey: .entities)
        try c.encode(quotes, forKey: .quotes)
        try c.encode(notes, forKey: .notes)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id), source: try c.decode(String.self, forKey: .source),
            language: try c.decode(Language.self, forKey: .language), outlet: try c.decodeIfPresent(String.self, forKey: .outlet),
            title: try c.decodeIfPresent(String.self, forKey: .title), author: try c.decodeIfPresent(String.self, forKey: .author),
            dateline: try c.decodeIfPresent(String.self, forKey: .dateline), published: try c.decode(Published.self, forKey: .published),
            body: try c.decode([String].self, forKey: .body), removed: try c.decode([RemovedText].self, forKey: .removed),
            sentences: try c.decode([Sentence].self, forKey: .sentences), times: try c.decode([TimeExpression].self, forKey: .times),
            citations: try c.decodeIfPresent([Citation].self, forKey: .citations) ?? [],
            entities: try c.decodeIfPresent([Entity].self, forKey: .entities) ?? [],
            quotes: try c.decodeIfPresent([Quote].self, forKey: .quotes) ?? [],
            notes: try c.decodeIfPresent([String].self, forKey: .notes) ?? [])
    }
}

extension Published {
    enum CodingKeys: String, CodingKey { case value, method, evidence, bound }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(value, forKey: .value)
        try c.encode(method, forKey: .method)
        try c.encode(evidence, forKey: .evidence)
        try c.encode(bound, forKey: .bound)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            value: try c.decodeIfPresent(String.self, forKey: .value), method: try c.decode(PublishedMethod.self, forKey: .method),
            evidence: try c.decodeIfPresent(String.self, forKey: .evidence), bound: try c.decodeIfPresent(String.self, forKey: .bound))
    }
}
