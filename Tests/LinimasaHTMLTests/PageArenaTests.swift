import CPageArena
import Foundation
import LinimasaCore
import Testing

@testable import LinimasaHTML

/// libxml2's allocations go to a page's arena while it is parsed, and the arena's end frees them.
struct PageArenaTests {
    static func page() throws -> [UInt8] { try PageExtractorTests.page("banjir.html") }

    @Test func aPagesTreeIsInItsArena() throws {
        let bytes = try Self.page()
        let doc = try #require(HTMLDocument(bytes))
        // The tree of a 6 KB page: a chunk at least, not nothing (the hooks are installed).
        #expect(doc.arenaSize >= 256 * 1024)
        #expect(doc.root?.name == "html")
    }

    @Test func blocksKeepTheirBytesAndComeFromWhereTheyShould() {
        _ = PageArena.libxml2Ready
        let arena = PageArena()!
        var small: UnsafeMutableRawPointer? = nil
        var large: UnsafeMutableRawPointer? = nil
        arena.during {
            small = lm_hook_malloc(100)
            for k in 0..<100 { small!.storeBytes(of: UInt8(k), toByteOffset: k, as: UInt8.self) }
            large = lm_hook_malloc(100_000)  // a chunk of its own
            large!.storeBytes(of: 7, toByteOffset: 99_999, as: UInt8.self)
        }
        #expect(arena.size >= 256 * 1024 + 100_000)
        // Grown after the arena's time: a heap block, with the arena block's bytes.
        let grown = lm_hook_realloc(small, 5000)!
        #expect((0..<100).allSatisfy { grown.load(fromByteOffset: $0, as: UInt8.self) == UInt8($0) })
        #expect(large!.load(fromByteOffset: 99_999, as: UInt8.self) == 7)
        lm_hook_free(large)  // an arena block: nothing happens
        lm_hook_free(grown)  // a heap block: freed
        let copy = lm_hook_strdup("Jakarta")!
        #expect(String(cString: copy) == "Jakarta")
        lm_hook_free(copy)
    }

    /// Broken pages leave libxml2's last error on the thread; it must not point into an arena that
    /// has gone when the next page (or feed) replaces it. Pages and feeds in turn on two threads,
    /// with an attribute read through libxml2 (an entity in it) and freed by the hooks.
    @Test func brokenPagesAndFeedsInTurnOnTwoThreads() throws {
        let good = try Self.page()
        let broken = Array("<html><body><p>Satu &bogus; <b><i>dua</b></i><div class=\"a &amp; b\">tiga<p>empat</td></tr></table>".utf8)
        let badFeed = Array("<rss><channel><item><link>https://a.example/1</link></item><item><link>&nope;</link></rss".utf8)
        let expected = PageExtractor.extract(good)?.paragraphs
        let results = parallelMap([0, 1], jobs: 2, context: {}) { _, _ in
            var ok = 0
            for _ in 0..<150 {
                if let doc = HTMLDocument(broken), let root = doc.root {
                    var classes: [String] = []
                    root.descendants { n in if let c = n.attribute("class") { classes.append(c) } }
                    if classes == ["a & b"] { ok += 1 }
                }
                if FeedReader.read(badFeed)?.entries.first?.url == "https://a.example/1" { ok += 1 }
                if PageExtractor.extract(good)?.paragraphs == expected { ok += 1 }
            }
            return ok
        }
        #expect(results == [450, 450])
    }
}
