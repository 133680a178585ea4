import Foundation
import LinimasaCore
import Testing

@testable import LinimasaHTML

/// A page written for the test: navigation, share buttons, a caption, an ad slot, related links,
/// comments, a sidebar and a footer around four paragraphs, with JSON-LD and OpenGraph metadata.
struct PageExtractorTests {
    static let pages = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/pages")

    static func page(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: pages.appendingPathComponent(name)))
    }

    @Test func theArticleAndNothingElse() throws {
        let page = try #require(PageExtractor.extract(try Self.page("banjir.html")))
        #expect(page.paragraphs.count == 4, "\(page.paragraphs)")
        #expect(page.paragraphs.first?.hasPrefix("Bekasi - Banjir merendam") == true)
        #expect(page.paragraphs.last?.hasPrefix("Pemerintah kota") == true)
        let text = page.paragraphs.joined(separator: "\n")
        for leftover in ["Beranda", "Facebook", "Iklan", "Hujan deras diprediksi", "Semoga cepat surut", "Harga cabai", "Copyright", "Baca juga: ini bukan"] {
            #expect(!text.contains(leftover), "\(leftover)")
        }
    }

    @Test func everyBlockLeftOutHasItsReason() throws {
        let page = try #require(PageExtractor.extract(try Self.page("banjir.html")))
        func reason(_ prefix: String) -> RemovalReason? { page.removed.first { $0.text.hasPrefix(prefix) }?.reason }
        #expect(reason("Beranda") == .navigation)
        #expect(reason("Facebook") == .shareButtons)
        #expect(reason("Warga mengungsi") == .photoCaption)
        #expect(reason("Iklan") == .advertisement)
        #expect(reason("Hujan deras diprediksi") == .relatedLinks)
        #expect(reason("Semoga cepat surut") == .comments)
        #expect(reason("Harga cabai") == .navigation || reason("Harga cabai") == .relatedLinks)
        #expect(reason("Copyright") == .footer)
        #expect(reason("Banjir Rendam Ratusan Rumah di Bekasi") == .title)
        // Scripts and styles are markup, not text: never in the article, never "removed" as text.
        #expect(!page.removed.contains { $0.text.contains("tracking") || $0.text.contains("color: red") })
    }

    @Test func whatThePageSaysAboutItself() throws {
        let page = try #require(PageExtractor.extract(try Self.page("banjir.html")))
        #expect(page.title == "Banjir Rendam Ratusan Rumah di Bekasi")
        #expect(page.author == "Rina Wulandari")
        #expect(page.outlet == "Warta Contoh")
        #expect(page.published == "2024-01-15T09:30:00+07:00")
        #expect(page.publishedSource?.hasPrefix("JSON-LD datePublished") == true)
        #expect(page.canonicalURL == "https://warta.contoh.id/read/2024/01/15/123/banjir-rendam-ratusan-rumah")
        #expect(page.language == "id")
    }

    @Test func datesFromMetaTagsTimeAndURL() {
        #expect(PageMetadata.isoDate("2023-11-02 10:15:00") == "2023-11-02T10:15:00")
        #expect(PageMetadata.isoDate("2023-11-02T10:15:00.000Z") == "2023-11-02T10:15:00Z")
        #expect(PageMetadata.isoDate("2023/11/02 10:15 WIB") == "2023-11-02T10:15:00+07:00")
        #expect(PageMetadata.isoDate("2023-11-02T10:15:00+0700") == "2023-11-02T10:15:00+07:00")
        #expect(PageMetadata.isoDate("kemarin") == nil)
        #expect(PageMetadata.urlDay("https://news.detik.com/read/2023/11/02/101500/1234/judul") == "2023-11-02")
        #expect(PageMetadata.urlDay("https://www.contoh.com/berita/20231102101500-4-123/judul") == "2023-11-02")
        #expect(PageMetadata.urlDay("https://www.contoh.com/berita/d-8171947/judul") == nil)
        let html = Array(#"<html><head><title>Judul berita yang cukup panjang - Contoh.com</title></head><body><time datetime="2021-03-04T08:00:00+07:00">4 Maret</time><p>Isi berita yang cukup panjang untuk menjadi satu paragraf, dengan koma, dan titik.</p></body></html>"#.utf8)
        let page = PageExtractor.extract(html)
        #expect(page?.published == "2021-03-04T08:00:00+07:00")
        #expect(page?.title == "Judul berita yang cukup panjang")
    }

    @Test func gzipAndBadPages() throws {
        let plain = try Self.page("banjir.html")
        let packed = try Self.page("banjir-gz.html.gz")
        #expect(Gzip.isCompressed(packed))
        #expect(Gzip.decompress(packed) == plain)
        #expect(Gzip.decompress(Array(packed.prefix(packed.count / 2))) == nil)
        // Nothing but markup and links: no article.
        #expect(PageExtractor.extract(Array("<html><body><nav><a href='/'>Home</a></nav><script>x()</script></body></html>".utf8)) == nil)
        #expect(PageExtractor.extract([]) == nil)
        // Truncated mid-tag, a stray byte: what is there is still read.
        var cut = Array(plain.prefix(plain.count * 2 / 3))
        cut.append(0xFF)
        #expect(PageExtractor.extract(cut)?.paragraphs.isEmpty == false)
    }

    @Test func visibleDateLines() {
        #expect(VisibleDate.day(in: "Selasa, 23/02/2016 15:32 WIB", monthFirst: false) == "2016-02-23")
        #expect(VisibleDate.day(in: "Veröffentlicht am 19. Juli 2014", monthFirst: false) == "2014-07-19")
        #expect(VisibleDate.day(in: "Posted on July 19, 2014 by admin", monthFirst: true) == "2014-07-19")
        #expect(VisibleDate.day(in: "03/04/2019", monthFirst: true) == "2019-03-04")
        #expect(VisibleDate.day(in: "03/04/2019", monthFirst: false) == "2019-04-03")
        #expect(VisibleDate.day(in: "19.07.2014, 10:15 Uhr", monthFirst: false) == "2014-07-19")
        #expect(VisibleDate.day(in: "Rabu, 7 Oktober 2015", monthFirst: false) == "2015-10-07")
        #expect(VisibleDate.day(in: "Juli 2014", monthFirst: false) == nil)
        #expect(VisibleDate.day(in: "1.234.567 views", monthFirst: false) == nil)
        let html = Array(#"<html lang="de"><body><span class="entry-date">19.07.2014</span><div class="content"><p>Ein Absatz, der lang genug ist, um als Text zu gelten, mit Kommas, und so weiter.</p></div></body></html>"#.utf8)
        #expect(PageExtractor.extract(html)?.published == "2014-07-19")
    }
}
