/// A story and its parts written straight into JSON bytes: what `JSONEncoder` with sorted keys
/// and unescaped slashes writes for them, byte for byte (`TimelineJSONTests` holds the two
/// together), without the encoder's tree of boxed values, which was a third of what a story page
/// cost the server. Keys in sorted order; every optional written, a missing one as null, as the
/// types' `encode(to:)` write them.
extension JSONBytes {
    /// `eventJSON`: the events' JSON as `compactJSON()` writes it, with each event's id, copied in
    /// their place when the ids are the story's events' (a store's page reads them so; otherwise
    /// the events are written).
    public func story(_ s: Story, eventJSON: [(id: String, json: String)]? = nil) {
        object {
            key("articles"); strings(s.articles)
            key("disagreements"); array(s.disagreements) { disagreement($0) }
            key("entities"); array(s.entities) { entitySummary($0) }
            key("events")
            if let eventJSON, eventJSON.count == s.events.count, zip(eventJSON, s.events).allSatisfy({ $0.id == $1.id }) {
                array(eventJSON) { written($0.json) }
            } else {
                array(s.events) { event($0) }
            }
            key("id"); string(s.id)
            key("keywords"); strings(s.keywords)
            key("quotes"); array(s.quotes) { quote($0) }
            key("sources"); array(s.sources) { u in object { key("outlet"); string(u.outlet); key("sources"); strings(u.sources) } }
            key("title"); string(s.title)
        }
    }

    public func event(_ e: Event) {
        object {
            key("articles"); strings(e.articles)
            key("date"); optional(e.date)
            key("dateSource"); optional(e.dateSource)
            key("disagreements"); array(e.disagreements) { disagreement($0) }
            key("duplicates"); array(e.duplicates) { strings($0) }
            key("entities"); strings(e.entities)
            key("granularity"); string(e.granularity.rawValue)
            key("id"); string(e.id)
            key("mentions"); int(e.mentions)
            key("outlets"); strings(e.outlets)
            key("quotes"); array(e.quotes) { quote($0) }
            key("reports")
            array(e.reports) { r in
                object {
                    key("copyOf"); optional(r.copyOf)
                    key("id"); string(r.id)
                    key("outlet"); optional(r.outlet)
                    key("published"); optional(r.published)
                }
            }
            key("sources"); strings(e.sources)
            key("summary"); strings(e.summary)
            key("title"); string(e.title)
        }
    }

    public func articleRef(_ a: ArticleRef) {
        object {
            key("id"); string(a.id)
            key("outlet"); optional(a.outlet)
            key("published"); optional(a.published)
            key("title"); optional(a.title)
        }
    }

    func disagreement(_ d: Disagreement) {
        object {
            key("about"); string(d.about)
            key("claims")
            array(d.claims) { c in
                object {
                    key("articles"); strings(c.articles)
                    key("outlets"); strings(c.outlets)
                    key("sentences"); strings(c.sentences)
                    key("value"); string(c.value)
                }
            }
        }
    }

    public func entitySummary(_ e: EntitySummary) {
        object {
            key("aliases"); strings(e.aliases)
            key("articles"); strings(e.articles)
            key("events"); strings(e.events)
            key("kind"); string(e.kind)
            key("mentions"); int(e.mentions)
            key("name"); string(e.name)
            key("roles"); strings(e.roles)
        }
    }

    func quote(_ q: QuoteRef) {
        object {
            key("article"); string(q.article)
            key("direct"); bool(q.direct)
            key("outlet"); optional(q.outlet)
            key("speaker"); optional(q.speaker)
            key("text"); string(q.text)
            key("verb"); optional(q.verb)
        }
    }
}

extension JSONBytes {
    /// What `write` writes into a new writer, as text.
    public static func text(_ write: (JSONBytes) -> Void) -> String {
        let w = JSONBytes()
        write(w)
        return String(decoding: w.bytes, as: UTF8.self)
    }
}

extension Story {
    /// The story as `JSONEncoder` (sorted keys, slashes unescaped) writes it, byte for byte.
    public func compactJSON() -> String { JSONBytes.text { $0.story(self) } }
}

extension Event {
    /// The event as `JSONEncoder` (sorted keys, slashes unescaped) writes it, byte for byte.
    public func compactJSON() -> String { JSONBytes.text { $0.event(self) } }
}

extension EntitySummary {
    /// The entity as `JSONEncoder` (sorted keys, slashes unescaped) writes it, byte for byte.
    public func compactJSON() -> String { JSONBytes.text { $0.entitySummary(self) } }

    /// A list of entities as `JSONEncoder` (sorted keys, slashes unescaped) writes it.
    public static func compactJSON(_ list: [EntitySummary]) -> String { JSONBytes.text { w in w.array(list) { w.entitySummary($0) } } }
}
