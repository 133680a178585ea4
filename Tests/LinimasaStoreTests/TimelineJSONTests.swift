import Foundation
import Linimasa
import Testing

@testable import LinimasaStore

/// `StoryTimeline.compactJSON()` writes what `JSONEncoder` (sorted keys, slashes unescaped) writes:
/// the server sends story pages with it.
@Suite struct TimelineJSONTests {
    static func encoded(_ page: StoryTimeline) throws -> String {
        String(decoding: try Rendering.jsonEncoder(pretty: false).encode(page), as: UTF8.self)
    }

    @Test func storyPagesAreWhatTheEncoderWrites() throws {
        let (store, dir) = try SearchTests.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let stories = try store.stories(page: 1, perPage: 50, order: .recent).items
        #expect(!stories.isEmpty)
        for s in stories {
            for (offset, limit) in [(0, 50), (1, 1), (0, 2)] {
                let page = try #require(try store.storyPage(id: s.id, offset: offset, limit: limit))
                #expect(String(decoding: page.compactJSON(), as: UTF8.self) == (try Self.encoded(page)), "\(s.id) \(offset) \(limit)")
            }
        }
    }

    /// The stored stories, heads and events read back by the byte readers give what `JSONDecoder`
    /// gives, so that a story page is the same whichever reads it.
    @Test func storedRowsAreReadAsTheDecoderReadsThem() throws {
        let (store, dir) = try SearchTests.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (stories, heads, events) = try store.read { db in
            (try String.fetchAll(db, sql: "SELECT json FROM stories"), try String.fetchAll(db, sql: "SELECT head FROM stories"),
                try String.fetchAll(db, sql: "SELECT json FROM events"))
        }
        #expect(!stories.isEmpty && heads.count == stories.count && events.count >= stories.count)
        let decoder = JSONDecoder()
        for json in stories + heads {
            let fast = try #require(Story.read(compactJSON: json))
            #expect(fast == (try decoder.decode(Story.self, from: Data(json.utf8))))
        }
        for json in events {
            let fast = try #require(Event.read(compactJSON: json))
            #expect(fast == (try decoder.decode(Event.self, from: Data(json.utf8))))
        }
    }

    /// Every optional missing, strings that need escaping, empty and nested lists.
    @Test func oddValuesAreWrittenAsTheEncoderWritesThem() throws {
        let odd = "a \"quoted\" back\\slash / slash\n\ttab \u{1}\u{1F} ctrl — “kutip” 😀"
        let quote = QuoteRef(text: odd, speaker: nil, verb: "kata", direct: true, article: "a/1", outlet: nil)
        let claims = [ClaimSide(value: odd, articles: ["a"], outlets: [], sentences: [odd])]
        let event = Event(
            id: "e-1", date: nil, granularity: .partial, dateSource: nil, title: odd, summary: [odd, ""], articles: ["a/1"],
            reports: [Report(id: "a/1", outlet: nil, published: nil, copyOf: nil), Report(id: "b", outlet: "X", published: "2022-01-02", copyOf: "a/1")],
            outlets: [], sources: ["TASS"], duplicates: [["a/1", "b"], []], mentions: 0, entities: [odd], quotes: [quote],
            disagreements: [Disagreement(about: "place", claims: claims)])
        let story = Story(
            id: "s-1", title: odd, keywords: [], articles: ["a/1", "b"], events: [event, event],
            entities: [EntitySummary(name: odd, kind: "PER", aliases: [odd, "x"], roles: [], mentions: 3, articles: ["b"], events: ["e-1"])],
            quotes: [quote, quote], sources: [SourceUse(outlet: odd, sources: [])], disagreements: [])
        let page = StoryTimeline(
            story: story, articles: [ArticleRef(id: "a/1", outlet: nil, title: odd, published: nil)], current: false, eventsTotal: 7, offset: -1,
            limit: Int.max)
        #expect(String(decoding: page.compactJSON(), as: UTF8.self) == (try Self.encoded(page)))
        // What the store keeps: a story, its events, its entities.
        let encoder = Rendering.jsonEncoder(pretty: false)
        #expect(story.compactJSON() == String(decoding: try encoder.encode(story), as: UTF8.self))
        #expect(event.compactJSON() == String(decoding: try encoder.encode(event), as: UTF8.self))
        #expect(story.entities[0].compactJSON() == String(decoding: try encoder.encode(story.entities[0]), as: UTF8.self))
        #expect(EntitySummary.compactJSON(story.entities + story.entities) == String(decoding: try encoder.encode(story.entities + story.entities), as: UTF8.self))
        let empty = StoryTimeline(
            story: Story(id: "", title: "", keywords: [], articles: [], events: []), articles: [], current: true, eventsTotal: 0, offset: 0, limit: 0)
        #expect(String(decoding: empty.compactJSON(), as: UTF8.self) == (try Self.encoded(empty)))
    }
}
