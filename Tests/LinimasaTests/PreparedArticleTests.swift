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

    /// The builder keeps digests as bytes in chunks; each one reads back as it went in, whether it
    /// shares a chunk, starts a new one or is longer than a chunk.
    @Test func digestsKeptAsBytesReadBackAsTheyWentIn() throws {
        let prepared = TimelineBuilder(stemmer: TimelineTests.stemmer).prepared(TimelineTests.seeds)
        var table = NameTable()
        var digests: [ArticleDigest] = []
        for p in prepared + prepared.reversed() {
            var d = p.digest
            d.packed = table.pack(d.entities)
            d.entities = []
            digests.append(d)
        }
        let sizes = prepared.map { $0.binary().count }
        // Chunks smaller than the longest digest and larger than the shortest.
        var arena = DigestArena(chunkSize: (sizes.min()! + sizes.max()!) / 2)
        for d in digests { arena.append(d) }
        #expect(arena.count == digests.count)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for (i, d) in digests.enumerated() {
            let back = arena.digest(i, id: d.ref.id)
            #expect(try encoder.encode(back) == encoder.encode(d), "\(i)")
            #expect(back.packed.fields == d.packed.fields && back.packed.names == d.packed.names && back.packed.roles == d.packed.roles)
            #expect(arena.ref(i, id: d.ref.id) == d.ref)
            let names = arena.names(i)
            #expect(names.language == d.language && names.packed.fields == d.packed.fields && names.packed.roles == d.packed.roles)
        }
        #expect(digests.contains { !$0.quotes.isEmpty && $0.packed.count > 0 && !$0.claims.isEmpty && $0.dateSentence != nil })
        // Texts the lead holds (kept as where they stand in it) and texts it does not.
        #expect(digests.contains { d in d.quotes.contains { $0.text.utf8.count >= 8 && d.leadText.contains($0.text) } })
        #expect(digests.contains { d in d.quotes.contains { !d.leadText.contains($0.text) } })
        #expect(digests.contains { d in d.dateSentence.map { d.leadText.contains($0) } == true })
    }
}
