import Foundation
import Testing

@testable import Linimasa
@testable import LinimasaTimeline

/// What a store keeps of an article for regrouping: the binary form gives back exactly what went in.
@Suite struct PreparedArticleTests {
    @Test func binaryRoundTripKeepsEveryField() throws {
        let builder = TimelineBuilder(stemmer: TimelineTests.stemmer)
        let prepared = builder.prepared(TimelineTests.seeds)
        #expect(prepared.count == 5)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for p in prepared {
            let bytes = p.binary()
            let back = try PreparedArticle(binary: bytes)
            #expect(try encoder.encode(back) == encoder.encode(p), "\(p.id)")
            #expect(bytes.count < (try encoder.encode(p)).count, "binary is smaller than JSON")
        }
        #expect(prepared.contains { !$0.digest.quotes.isEmpty && !$0.digest.entities.isEmpty && !$0.digest.claims.isEmpty })
    }

    @Test func damagedBytesAreRefused() throws {
        let p = try #require(TimelineBuilder(stemmer: nil).prepared(TimelineTests.seeds).first)
        let bytes = p.binary()
        for cut in [0, 1, bytes.count / 2, bytes.count - 1] {
            #expect(throws: (any Error).self) { try PreparedArticle(binary: Array(bytes.prefix(cut))) }
        }
        #expect(throws: (any Error).self) { try PreparedArticle(binary: [99] + bytes.dropFirst()) }
        #expect(throws: (any Error).self) { try PreparedArticle(binary: bytes + [0]) }
    }

    /// Grouping from kept data gives the timeline that grouping the articles gives.
    @Test func groupingPreparedArticlesGivesTheSameTimeline() throws {
        let a = TimelineBuilder(stemmer: TimelineTests.stemmer)
        a.add(TimelineTests.seeds)
        let b = TimelineBuilder(stemmer: TimelineTests.stemmer)
        b.add(prepared: try a.prepared(TimelineTests.seeds).map { try PreparedArticle(binary: $0.binary()) })
        #expect(a.timeline() == b.timeline())
    }
}
