import Foundation
import Testing

@testable import Linimasa

/// `Article.compactJSON()` writes what `JSONEncoder` (sorted keys, slashes unescaped) writes.
@Suite struct ArticleJSONTests {
    static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }

    @Test func theSeedsAreWrittenAsTheEncoderWritesThem() throws {
        for a in SeedTests.articles.values {
            #expect(a.compactJSON() == String(decoding: try Self.encoder().encode(a), as: UTF8.self), "\(a.id)")
        }
    }

    @Test func escapesAndEmptyFieldsAsTheEncoder() throws {
        var control = ""
        for i in 0..<32 { control.append(Character(Unicode.Scalar(UInt8(i)))) }
        let odd = control + "\u{7F} \"kutip\" \\ / é 😀 </script>"
        let a = Article(
            id: odd, source: "a/b.txt", language: .en, outlet: nil, title: odd, author: "", dateline: nil,
            published: Published(value: "2022-01-02T03:04:05+07:00", method: .explicit, evidence: odd, bound: nil), body: [odd, ""],
            removed: [RemovedText(text: odd, reason: .shareButtons)], sentences: [TextSpan(text: odd, start: 0, end: -1)],
            times: [TimeExpression(text: "Senin", start: 3, end: 8, value: "2022-01-03", granularity: .day)],
            citations: [Citation(outlet: "Antara", phrase: odd)],
            entities: [Entity(name: odd, kind: "PER", canonical: "X", aliases: [], roles: [odd], mentions: [TextSpan(text: "X", start: 1, end: 2)])],
            quotes: [Quote(text: odd, speaker: nil, verb: "kata", start: 0, end: 10, direct: true)], notes: [odd])
        #expect(a.compactJSON() == String(decoding: try Self.encoder().encode(a), as: UTF8.self))
        let decoded = try JSONDecoder().decode(Article.self, from: Data(a.compactJSON().utf8))
        #expect(decoded == a)
        #expect(JSONBytes.prettyPrinted(Array(a.compactJSON().utf8)) == Array(try Rendering.jsonEncoder(pretty: true).encode(a)))
    }

    /// The compact bytes laid out as the pretty encoder lays them out, and indented as `analyze`'s
    /// document holds them (`Rendering.reportPiece`).
    @Test func prettyPrintedAsTheEncoder() throws {
        let pretty = Rendering.jsonEncoder(pretty: true)
        for a in SeedTests.articles.values {
            let expected = Array(try pretty.encode(a))
            #expect(JSONBytes.prettyPrinted(Array(a.compactJSON().utf8)) == expected, "\(a.id)")
            let indented = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n")
            #expect(try Rendering.reportPiece(a) == indented, "\(a.id)")
        }
        // Nested and empty containers, and brackets, colons and commas inside strings.
        struct Odd: Encodable {
            var a: [String: [Int]] = ["x": [], "y": [1, 2]]
            var b: [String: String] = [:]
            var c = "{[,:]} \"q\" \\"
            var d: [[String]] = [[], ["e"]]
        }
        #expect(JSONBytes.prettyPrinted(Array(try ArticleJSONTests.encoder().encode(Odd()))) == Array(try pretty.encode(Odd())))
    }
}
