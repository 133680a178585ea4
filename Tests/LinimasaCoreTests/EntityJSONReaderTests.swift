import Foundation
import LinimasaText
import Testing

@testable import LinimasaCore

/// The store's fast reader of entity lists gives what `JSONDecoder` gives, and nothing for what
/// is not such a list.
struct EntityJSONReaderTests {
    static let pieces = ["Jakarta", "Prabowo Subianto", "\"quoted\"", "back\\slash", "a/b", "tab\there", "line\nbreak", "ctl\u{1}x", "é",
        "Sĩ", "😀 emoji", "𝕏", "", " ", "Kemenkeu (Kementerian Keuangan)"]

    static func random(_ rng: inout SplitMix) -> EntitySummary {
        func word() -> String { (0..<Int(rng.next() % 3 + 1)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined() }
        func words() -> [String] { (0..<Int(rng.next() % 4)).map { _ in word() } }
        return EntitySummary(
            name: word(), kind: ["PER", "ORG", "LOC"][Int(rng.next() % 3)], aliases: words(), roles: words(),
            mentions: Int(rng.next() % 1000) - (rng.next() % 10 == 0 ? 5 : 0), articles: words(), events: words())
    }

    @Test func readsWhatTheWriterWritesAsJSONDecoderDoes() throws {
        var rng = SplitMix(seed: 7)
        for _ in 0..<500 {
            let list = (0..<Int(rng.next() % 5)).map { _ in Self.random(&rng) }
            let text = EntitySummary.compactJSON(list)
            let fast = try #require(EntitySummary.list(compactJSON: text), "\(text)")
            #expect(fast == list)
            #expect(fast == (try JSONDecoder().decode([EntitySummary].self, from: Data(text.utf8))))
        }
        // JSONEncoder's output (escaped slashes and \u escapes, other spacing) is read too.
        let e = EntitySummary(name: "a/b 😀", kind: "ORG", aliases: ["\u{1}"], roles: [], mentions: 3, articles: ["x"], events: [])
        let encoded = String(decoding: try JSONEncoder().encode([e]), as: UTF8.self)
        #expect(EntitySummary.list(compactJSON: encoded) == [e])
        #expect(EntitySummary.list(compactJSON: " [ ] ") == [])
        #expect(EntitySummary.list(compactJSON: #"[{"aliases":[],"articles":[],"events":[],"kind":"PER","mentions":1,"name":"\ud83d\ude00","roles":[]}]"#)?.first?.name == "😀")
    }

    @Test func anythingElseIsNil() {
        let good = #"[{"aliases":[],"articles":[],"events":[],"kind":"PER","mentions":1,"name":"A","roles":[]}]"#
        #expect(EntitySummary.list(compactJSON: good) != nil)
        for bad in [
            "", "{}", "[", "[{}]", good + "x", String(good.dropLast()),
            good.replacingOccurrences(of: #""mentions":1"#, with: #""mentions":"1""#),
            good.replacingOccurrences(of: #","roles":[]"#, with: ""),
            good.replacingOccurrences(of: #""name":"A""#, with: #""name":"A","name":"B""#),
            good.replacingOccurrences(of: #""A""#, with: #""\x""#),
            good.replacingOccurrences(of: #""A""#, with: #""\ud83d""#),
            good.replacingOccurrences(of: #""A""#, with: "\"a\u{1}b\""),
            good.replacingOccurrences(of: #""mentions":1"#, with: #""mentions":99999999999999999999999"#),
        ] {
            #expect(EntitySummary.list(compactJSON: bad) == nil, "\(bad)")
        }
    }
}

