import Foundation
import LinimasaText
import Testing

@testable import LinimasaCore

/// The store's fast readers of stories and events give what `JSONDecoder` gives, and nothing for
/// what is not a story or an event as the store writes them.
struct TimelineJSONReaderTests {
    static func randomEvent(_ rng: inout SplitMix) -> Event {
        let pieces = EntityJSONReaderTests.pieces
        func word() -> String { (0..<Int(rng.next() % 3 + 1)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined() }
        func words() -> [String] { (0..<Int(rng.next() % 4)).map { _ in word() } }
        func maybe() -> String? { rng.next() % 3 == 0 ? nil : word() }
        let grains: [Granularity] = [.time, .day, .week, .month, .year, .range, .partial]
        return Event(
            id: word(), date: maybe(), granularity: grains[Int(rng.next() % 7)], dateSource: maybe(), title: word(), summary: words(),
            articles: words(), reports: (0..<Int(rng.next() % 3)).map { _ in Report(id: word(), outlet: maybe(), published: maybe(), copyOf: maybe()) },
            outlets: words(), sources: words(), duplicates: (0..<Int(rng.next() % 3)).map { _ in words() }, mentions: Int(rng.next() % 50) - 2,
            entities: words(),
            quotes: (0..<Int(rng.next() % 3)).map { _ in
                QuoteRef(text: word(), speaker: maybe(), verb: maybe(), direct: rng.next() % 2 == 0, article: word(), outlet: maybe())
            },
            disagreements: (0..<Int(rng.next() % 2)).map { _ in
                Disagreement(
                    about: word(), claims: (0..<Int(rng.next() % 3)).map { _ in ClaimSide(value: word(), articles: words(), outlets: words(), sentences: words()) })
            })
    }

    static func randomStory(_ rng: inout SplitMix) -> Story {
        let events = (0..<Int(rng.next() % 4)).map { _ in randomEvent(&rng) }
        let e = randomEvent(&rng)
        return Story(
            id: e.id, title: e.title, keywords: e.summary, articles: e.articles, events: events,
            entities: (0..<Int(rng.next() % 3)).map { _ in EntityJSONReaderTests.random(&rng) }, quotes: events.flatMap(\.quotes),
            sources: e.outlets.map { SourceUse(outlet: $0, sources: e.sources) }, disagreements: events.flatMap(\.disagreements))
    }

    @Test func readsWhatTheWriterWritesAsJSONDecoderDoes() throws {
        var rng = SplitMix(seed: 11)
        for _ in 0..<300 {
            let story = Self.randomStory(&rng)
            let text = story.compactJSON()
            let fast = try #require(Story.read(compactJSON: text), "\(text)")
            #expect(fast == story)
            #expect(fast == (try JSONDecoder().decode(Story.self, from: Data(text.utf8))))
            for e in story.events {
                #expect(Event.read(compactJSON: e.compactJSON()) == e)
            }
        }
        // JSONEncoder's output (escaped slashes, its own spacing when pretty) is read too.
        let story = Self.randomStory(&rng)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted]
        #expect(Story.read(compactJSON: String(decoding: try encoder.encode(story), as: UTF8.self)) == story)
    }

    /// What `compactJSON()` wrote is canonical (it can be copied in the writer's place); the same
    /// event in other bytes (spacing, key order, escapes the writer does not write) is read but is not.
    @Test func onlyTheWritersOwnBytesAreCanonical() throws {
        var rng = SplitMix(seed: 21)
        for _ in 0..<200 {
            let e = Self.randomEvent(&rng)
            var canonical = false
            #expect(Event.read(compactJSON: e.compactJSON(), canonical: &canonical) == e)
            #expect(canonical, "\(e.compactJSON())")
        }
        var e = Self.randomEvent(&rng)
        e.title = "a/b"
        e.mentions = 0
        let good = e.compactJSON()
        let plain = JSONEncoder()
        plain.outputFormatting = [.sortedKeys]
        let pretty = JSONEncoder()
        pretty.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        for other in [
            String(decoding: try plain.encode(e), as: UTF8.self),  // "a\/b"
            String(decoding: try pretty.encode(e), as: UTF8.self),
            good.replacingOccurrences(of: #""title":"a/b""#, with: #""title":"a\u002fb""#),
            good.replacingOccurrences(of: #""mentions":0"#, with: #""mentions":-0"#),
            good.replacingOccurrences(of: #"{"articles":"#, with: #"{ "articles":"#),
            good + "\n",
        ] {
            var canonical = true
            let read = Event.read(compactJSON: other, canonical: &canonical)
            #expect(read == e, "\(other)")
            #expect(!canonical, "\(other)")
        }
        // Keys out of the writer's order: the title first.
        let reordered = #"{"title":"a/b","# + good.dropFirst().replacingOccurrences(of: #","title":"a/b""#, with: "")
        var canonical = true
        #expect(Event.read(compactJSON: reordered, canonical: &canonical) == e)
        #expect(!canonical)
    }

    @Test func anythingElseIsNil() throws {
        var rng = SplitMix(seed: 3)
        var event = Self.randomEvent(&rng)
        event.date = "2025-08-21"
        event.mentions = 4
        let good = event.compactJSON()
        #expect(Event.read(compactJSON: good) == event)
        for bad in [
            "", "{}", "[]", good + "x", String(good.dropLast()), "null",
            good.replacingOccurrences(of: #""mentions":4"#, with: #""mentions":"4""#),
            good.replacingOccurrences(of: #""mentions":4,"#, with: ""),
            good.replacingOccurrences(of: #""mentions":4"#, with: #""mentions":4,"mentions":4"#),
            good.replacingOccurrences(of: #""mentions":4"#, with: #""mentions":4,"extra":1"#),
            good.replacingOccurrences(of: #""granularity":"\#(event.granularity.rawValue)""#, with: #""granularity":"fortnight""#),
            good.replacingOccurrences(of: #""date":"2025-08-21""#, with: #""date":nul"#),
        ] {
            #expect(Event.read(compactJSON: bad) == nil, "\(bad)")
        }
        // An event written before `sources` was kept has no such key: not ours, the decoder's to read.
        let older = good.replacingOccurrences(of: #""sources":"#, with: #""sourcesOld":"#)
        #expect(Event.read(compactJSON: older) == nil)
        let story = Story(id: "s", title: "t", keywords: [], articles: [], events: [event])
        #expect(Story.read(compactJSON: story.compactJSON()) == story)
        #expect(Story.read(compactJSON: story.compactJSON().replacingOccurrences(of: #""title":"t""#, with: #""title":7"#)) == nil)
    }
}

/// The writer's integers are what `String(_:)` writes for them (the encoder's digits).
struct JSONBytesIntTests {
    @Test func integersAreWrittenAsTheirDecimalDigits() {
        var rng = SplitMix(seed: 5)
        let values = [0, 1, -1, 9, 10, -10, 99, 100, Int.max, Int.min, Int.min + 1, 1_000_000_007]
            + (0..<500).map { _ in Int(truncatingIfNeeded: rng.next()) >> Int(rng.next() % 64) }
        for v in values {
            let w = JSONBytes()
            w.int(v)
            #expect(String(decoding: w.bytes, as: UTF8.self) == String(v))
        }
    }
}
