import Foundation
import LinimasaCore
import Testing

@testable import LinimasaHTML

/// A page written for the test: navigation, share buttons, a caption, an ad slot, related links,
/// comments, a sidebar and a footer around four paragraphs, with JSON-LD and OpenGraph metadata.
struct PageExtractorTests {
    static let pages = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/pages")

    /// How `PageExtractor` names the last resort for a page's day (`PageDateScan`).
    static let lastResort = "the day written most often"

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
        // A comment's parts named "content" are still the comment.
        #expect(reason("Tahun lalu juga begini") == .comments)
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
        #expect(PageMetadata.urlDay("https://weisser-ring.de/media-news/meldungen/29-10-2021") == "2021-10-29")
        #expect(PageMetadata.urlDay("https://contoh.id/arsip/03.04.2021") == "2021-04-03")
        #expect(PageMetadata.urlDay("https://example.com/archive/10-29-2021") == "2021-10-29")
        #expect(PageMetadata.urlDay("https://contoh.id/berita/12-34-2021") == nil)
        #expect(PageMetadata.urlDay("https://web.archive.org/web/20110106123456/http://www.contoh.de/artikel") == nil)
        #expect(PageMetadata.urlDay("https://web.archive.org/web/20110106123456/http://www.contoh.de/2010/12/29/artikel") == "2010-12-29")
        let html = Array(#"<html><head><title>Judul berita yang cukup panjang - Contoh.com</title></head><body><time datetime="2021-03-04T08:00:00+07:00">4 Maret</time><p>Isi berita yang cukup panjang untuk menjadi satu paragraf, dengan koma, dan titik.</p></body></html>"#.utf8)
        let page = PageExtractor.extract(html)
        #expect(page?.published == "2021-03-04T08:00:00+07:00")
        #expect(page?.title == "Judul berita yang cukup panjang")
        // With nothing else: a video's upload date, then hAtom's titled date.
        let para = "<p>Isi berita yang cukup panjang untuk menjadi satu paragraf, dengan koma, dan titik.</p>"
        let video = PageExtractor.extract(
            Array(#"<html><head><script type="application/ld+json">{"@type": "VideoObject", "uploadDate": "2020-04-04T20:57:00.000+02:00"}</script></head><body>\#(para)</body></html>"#.utf8))
        #expect(video?.published == "2020-04-04T20:57:00+02:00")
        #expect(video?.publishedSource?.hasPrefix("JSON-LD uploadDate") == true)
        let hatom = PageExtractor.extract(
            Array(#"<html><body><span class="updated" title="2013-04-04T18:52:11+00:00"></span>\#(para)</body></html>"#.utf8))
        #expect(hatom?.published == "2013-04-04T18:52:11+00:00")
        // Last of all, a day beside the page's name in its <title> (dw.com's pages).
        let titled = PageExtractor.extract(Array("<html><head><title>Elefanten in Not | DW | 23.05.2011</title></head><body>\(para)</body></html>".utf8))
        #expect(titled?.published?.hasPrefix("2011-05-23") == true)
        #expect(titled?.publishedSource?.hasPrefix("<title>") == true)
    }

    /// A US outlet's metadata gives 03:28 UTC on 9 November; its readers were shown 8 November (as
    /// nypost.com, ktla.com and pagesix.com pages in htmldate's set): the page's own day is taken.
    /// A time with the outlet's own offset, or a shown day further off, is left as it is.
    @Test func aUTCTimeNearMidnightTakesThePagesOwnDay() {
        func page(_ published: String, shown: String) -> ExtractedPage? {
            let body = (0..<3).map { "<p>Paragraph \($0) of the story, long enough to be read as the article's own text, with commas, and a full stop.</p>" }
                .joined()
            return PageExtractor.extract(
                Array(
                    """
                    <html lang="en"><head><title>A headline long enough to be a title</title>
                    <script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "\(published)"}</script></head>
                    <body><div class="byline">By A. Writer</div><div class="date">\(shown)</div><article>\(body)</article></body></html>
                    """.utf8))
        }
        #expect(page("2023-11-09T03:28:35Z", shown: "November 8, 2023")?.published?.hasPrefix("2023-11-08") == true)
        #expect(page("2023-11-09T03:28:35+00:00", shown: "Published Nov. 8, 2023 10:28pm")?.published?.hasPrefix("2023-11-08") == true)
        #expect(page("2023-11-09T03:28:35-05:00", shown: "November 8, 2023")?.published == "2023-11-09T03:28:35-05:00")
        #expect(page("2023-11-09T03:28:35Z", shown: "November 5, 2023")?.published == "2023-11-09T03:28:35Z")
    }

    /// A time given in UTC is read in the zone of the outlet's country, as its address says: 23:00
    /// UTC is the next day in Berlin (an hour ahead in winter, two in summer) and 17:30 UTC the next
    /// day in Jakarta (detik.com's address says no country; its language does); a country whose
    /// zone is not known, or a page that shows the UTC day beside the time, keeps it.
    @Test func aUTCTimeIsReadInTheOutletsCountry() {
        func page(_ published: String, url: String, time: String? = nil) -> ExtractedPage? {
            let body = (0..<3).map { "<p>Paragraph \($0) of the story, long enough to be read as the article's own text, with commas, and a full stop.</p>" }
                .joined()
            let head = time == nil ? "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"datePublished\": \"\(published)\"}</script>" : ""
            let stamp = time.map { "<time datetime=\"\(published)\">\($0)</time>" } ?? ""
            return PageExtractor.extract(
                Array("<html\(url.contains("detik") ? " lang=\"id\"" : "")><head><title>A headline long enough to be a title</title>\(head)</head><body>\(stamp)<article>\(body)</article></body></html>".utf8),
                url: url)
        }
        #expect(page("2021-11-04T23:00Z", url: "https://www.kas.de/de/x")?.published == "2021-11-05T00:00:00+01:00")
        #expect(page("2019-10-18T22:04:00Z", url: "https://www.nachrichten.at/a;art1")?.published == "2019-10-19T00:04:00+02:00")
        #expect(page("2023-11-01T23:01:00Z", url: "https://www.repubblica.it/esteri/")?.published == "2023-11-02T00:01:00+01:00")
        #expect(page("2024-03-05T17:30:00Z", url: "https://news.detik.com/berita/d-1")?.published == "2024-03-06T00:30:00+07:00")
        #expect(page("2024-03-05T10:30:00+00:00", url: "https://news.detik.com/berita/d-1")?.published == "2024-03-05T17:30:00+07:00")
        #expect(page("2023-11-09T04:15:00Z", url: "https://abcnews.go.com/Politics/x")?.published == "2023-11-09T04:15:00Z")
        #expect(page("2019-12-26T23:07:45+00:00", url: "https://www.talent.ch/?p=5031", time: "26/12/2019")?.published?.hasPrefix("2019-12-26") == true)
        // Summer time ends on the last Sunday of October at 01:00 UTC.
        #expect(LocalZone.local("2023-10-29T00:59:00Z", country: "de") == "2023-10-29T02:59:00+02:00")
        #expect(LocalZone.local("2023-10-29T01:00:00Z", country: "de") == "2023-10-29T02:00:00+01:00")
        #expect(LocalZone.local("2023-03-26T00:30:00Z", country: "de") == "2023-03-26T01:30:00+01:00")
        #expect(LocalZone.local("2023-03-26T01:30:00Z", country: "de") == "2023-03-26T03:30:00+02:00")
    }

    /// The day most of the page's stated publication times agree on wins over the first one found
    /// (outdoor-magazin.com: JSON-LD says the 4th, Open Graph's article time and the bare date the
    /// 6th); a date line one day off a UTC time in the middle of the day is no local day of it; the
    /// article's dateline may come after its heading, lead and byline; a labelled publication date
    /// outweighs a bare meta date.
    @Test func statedTimesVoteAndDatelinesFollowABylineAndLead() {
        func page(head: String, before: String = "", opening: [String] = [], url: String? = nil) -> ExtractedPage? {
            let body = (opening + (0..<3).map { "Paragraph \($0) of the story, long enough to be read as the article's own text, with commas, and a full stop." })
                .map { "<p>\($0)</p>" }.joined()
            return PageExtractor.extract(
                Array("<html><head><title>A headline long enough to be a title</title>\(head)</head><body>\(before)<article>\(body)</article></body></html>".utf8),
                url: url)
        }
        let voted = page(
            head: """
                <script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2022-01-04T07:29:00"}</script>
                <meta property="article:published_time" content="2022-01-06T08:29:34"><meta name="date" content="2022-01-06">
                """)
        #expect(voted?.published?.hasPrefix("2022-01-06") == true)
        #expect(page(head: "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"datePublished\": \"2022-01-04T07:29:00\"}</script><meta name=\"date\" content=\"2022-01-06\">")?
            .published?.hasPrefix("2022-01-04") == true)
        // 13:01 UTC on the 30th is the 30th in Dresden, whatever a line above the article says.
        let midday = page(
            head: "<meta property=\"article:published_time\" content=\"2023-10-30T13:01:18+00:00\">", before: "<div class=\"date\">31. Oktober 2023</div>",
            url: "https://www.dawo-dresden.de/x")
        #expect(midday?.published?.hasPrefix("2023-10-30") == true)
        let late = page(
            head: "<meta property=\"article:published_time\" content=\"2023-11-09T04:15:00+00:00\">", before: "<div class=\"date\">November 8, 2023</div>",
            url: "https://example.com/x")
        #expect(late?.published?.hasPrefix("2023-11-08") == true)
        let dateline = page(head: "", opening: ["Zum Tag des Gedenkens erinnern die Wirtschaftsweiber an verfolgte Lesben.", "Von Claudia Lindner", "27.1.2022 - Bei der Erinnerung an die Verfolgten wird oft vergessen, wer sie waren."])
        #expect(dateline?.published == "2022-01-27")
        // The date the page labels as its publication's outweighs a bare meta date, but not the
        // article's own Open Graph time; a book's "Erscheinungsdatum" is no label of the page's.
        let labelled = page(head: "<meta name=\"date\" content=\"2019-07-03\">", before: "<div>Veröffentlicht am 29.06.2019</div>")
        #expect(labelled?.published == "2019-06-29")
        let stated = page(head: "<meta property=\"article:published_time\" content=\"2019-07-03T10:00:00\">", before: "<div>Veröffentlicht am 29.06.2019</div>")
        #expect(stated?.published?.hasPrefix("2019-07-03") == true)
        let book = page(head: "<meta name=\"date\" content=\"2017-09-09\">", before: "<div>Erscheinungsdatum: 14.08.2017</div>")
        #expect(book?.published == "2017-09-09")
        // Nothing else: a line above the article with a date, even one mostly of links.
        let linked = page(head: "", before: "<div><a href=\"/autor/tanja\">Tanja Karrasch</a>3.11.2023</div>")
        #expect(linked?.published == "2023-11-03")
        // The article's close says when it was written, or is the date alone under a signature; a
        // related item's date ("Photos // 9 novembre 2021") is neither.
        func closing(_ lines: [String]) -> String? {
            let body = ((0..<3).map { "Paragraph \($0) of the story, long enough to be read as the article's own text, with commas, and a full stop." } + lines)
                .map { "<p>\($0)</p>" }.joined()
            return PageExtractor.extract(Array("<html><head><title>A headline long enough to be a title</title></head><body><article>\(body)</article></body></html>".utf8))?.published
        }
        func closingSource(_ lines: [String]) -> String? {
            let body = ((0..<3).map { "Paragraph \($0) of the story, long enough to be read as the article's own text, with commas, and a full stop." } + lines)
                .map { "<p>\($0)</p>" }.joined()
            return PageExtractor.extract(Array("<html><head><title>A headline long enough to be a title</title></head><body><article>\(body)</article></body></html>".utf8))?.publishedSource
        }
        #expect(closing(["Dieser Beitrag wurde am Samstag, 3. Dezember 2011 um 10:00 Uhr veröffentlicht und unter Cybercrime gespeichert."]) == "2011-12-03")
        #expect(closing(["Benni", "10. September 2017"]) == "2017-09-10")
        // (Only the last resort, the day the page writes most, takes it.)
        #expect(closing(["Photos // 9 novembre 2021"]) == "2021-11-09")
        #expect(closingSource(["Photos // 9 novembre 2021"])?.hasPrefix(Self.lastResort) == true)
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

    @Test func jsonLDThatIsNotJSON() {
        let html = Array("""
            <html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "Satu
            dua", "datePublished": "2023-11-02T11:44:25.962-04:00",}</script></head>
            <body><article><p>Isi berita yang cukup panjang untuk menjadi satu paragraf, dengan koma, dan titik.</p></article></body></html>
            """.utf8)
        let page = PageExtractor.extract(html)
        #expect(page?.published == "2023-11-02T11:44:25-04:00")
        #expect(page?.publishedSource?.hasPrefix("JSON-LD datePublished") == true)
    }

    /// A `div` left open in a menu button or a `noscript`: libxml2 nests the rest of the page in it, which
    /// must not take the article with it (people.com's pages were read as empty). JSON-LD's strings
    /// are read with their character references, as the page escaped them for HTML.
    @Test func anArticleNestedInAButtonByParserRecoveryIsRead() {
        let paragraphs = (0..<20).map { "<p>Paragraph \($0) of the story, long enough to count as its text, with commas, and a full stop.</p>" }.joined()
        let html = Array(
            """
            <html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "Her &#39;Ride or Die&#39; Partner &amp; Steve", "datePublished": "2023-11-02T11:44:25-04:00"}</script></head>
            <body><header><button class="menu" aria-label="Main menu"><svg></svg><div>
            </button></header><main><article>\(paragraphs)</article></main><button>Load more</button></body></html>
            """.utf8)
        let page = PageExtractor.extract(html)
        #expect(page?.paragraphs.count == 20)
        #expect(page?.paragraphs.first?.hasPrefix("Paragraph 0 of the story") == true)
        #expect(page?.title == "Her 'Ride or Die' Partner & Steve")
        #expect(PageMetadata.decodingCharacterReferences("a &#x27;b&#x27; &copy; & c &#;") == "a 'b' &copy; & c &#;")
        // The same with a notice to turn on JavaScript (parcoabruzzo.it); a real notice is still left out.
        let notice = Array(
            """
            <html><body><noscript><div id="nojava"></noscript><main><article>\(paragraphs)</article></main>
            <noscript>Aktifkan JavaScript untuk membaca komentar.</noscript></body></html>
            """.utf8)
        let read = PageExtractor.extract(notice)
        #expect(read?.paragraphs.count == 20)
        #expect(read?.paragraphs.contains { $0.contains("JavaScript") } == false)
    }

    /// No metadata and no date line above: the article's opening date is its day ("Karlsruhe,
    /// (12.11.2021). Traditionell …"), but not a date the first sentence tells of ("Am 12.03.2020 hat
    /// …"); a label ending its block gives the date of the next block ("<h5>Datum: </h5>03.11.2021").
    @Test func theArticlesOpeningDateAndALabelBeforeItsDate() {
        func page(_ first: String, after: String = "") -> ExtractedPage? {
            let rest = (0..<3).map { "<p>Absatz \($0) des Artikels, lang genug, um als sein Text zu gelten, mit Kommas, und einem Punkt.</p>" }.joined()
            return PageExtractor.extract(Array("<html lang=\"de\"><body><div class=\"content\"><p>\(first)</p>\(rest)</div>\(after)</body></html>".utf8))
        }
        #expect(page("Karlsruhe, (12.11.2021). Traditionell gedenken evangelische Gemeinden der Verstorbenen, mit Kerzen.")?.published == "2021-11-12")
        #expect(page("27.1.2022 - Bei der Erinnerung an die Verfolgten spielt die Stadt eine Rolle, sagt sie.")?.published == "2022-01-27")
        // Not the opening rule's: only the last resort, the day the page writes most, takes it.
        let told = page("Am 12.03.2020 hat die Regierung beschlossen, die Schulen zu schließen, und zwar sofort.")
        #expect(told?.publishedSource?.hasPrefix(Self.lastResort) == true, "\(told?.publishedSource ?? "-")")
        let labelled = page("Ein Absatz ohne Datum, lang genug, um als Text zu gelten, mit Kommas.", after: "<div class=\"col-md-4\"><h5 class=\"title-inline\">Datum: </h5>03.11.2021</div>")
        #expect(labelled?.published == "2021-11-03")
    }

    /// A photo page's article element ends with its widgets' labels: they are controls, not text;
    /// a short closing sentence stays.
    @Test func widgetLabelsEndingTheArticleAreLeftOut() {
        let html = Array(
            """
            <html><body><div class="content"><p>PT PLN hari ini resmi mengoperasikan Gardu Induk (GI) 150 kV Milenium, bagian dari GITET Balaraja.</p>
            <p>Gardu itu melayani kawasan industri di Tangerang, kata manajer PLN.</p><p>Sampai jumpa.</p>
            <div>Rating ( voters)</div><div>Vote Photo</div><div>More Photos</div></div></body></html>
            """.utf8)
        let page = PageExtractor.extract(html)
        #expect(page?.paragraphs.last == "Sampai jumpa.")
        #expect(page?.removed.contains { $0.text == "Vote Photo" && $0.reason == .callToAction } == true)
        // The caption said again, shorter, right after the full one.
        let repeated = PageExtractor.extract(
            Array(
                """
                <html><body><div class="content"><p>PT PLN hari ini resmi mengoperasikan Gardu Induk (GI) 150 kV Milenium, bagian dari GITET Balaraja.</p>
                <p>PT PLN resmi mengoperasikan Gardu Induk (GI) 150 kV Milenium.</p><p>Gardu itu melayani kawasan industri di Tangerang, kata manajer PLN.</p></div></body></html>
                """.utf8))
        #expect(repeated?.paragraphs.count == 2)
        // Credits split into a label and its value, and a copyright line, end the element too.
        let credits = PageExtractor.extract(
            Array(
                """
                <html><body><div class="content"><p>Kontes ini akan memilih 20 film terbaik, dan juara pertama mendapat hadiah uang tunai.</p>
                <p>Pemenang diumumkan pekan depan di Istanbul, kata panitia kepada wartawan.</p>
                <div>Editor</div><div>: Agung Kurniawan</div><div>COPYRIGHT © ANTARA 2016</div></div></body></html>
                """.utf8))
        #expect(credits?.paragraphs.count == 2)
        #expect(credits?.removed.contains { $0.text == "Editor" && $0.reason == .byline } == true)
        #expect(credits?.removed.contains { $0.text == ": Agung Kurniawan" && $0.reason == .byline } == true)
        #expect(credits?.removed.contains { $0.text.hasPrefix("COPYRIGHT") && $0.reason == .footer } == true)
        #expect(repeated?.removed.contains { $0.text.hasPrefix("PT PLN resmi") && $0.reason == .photoCaption } == true)
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

    /// No metadata and no date line by the article: a date the page labels as its own, anywhere
    /// ("Erschienen am" in a footer), is its day; an unlabelled date (an event's, in the sidebar) is not.
    @Test func aLabelledDateAnywhereOnThePage() {
        func page(_ footer: String) -> ExtractedPage? {
            let body = (0..<3).map { "<p>Absatz \($0) des Artikels, lang genug, um als sein Text zu gelten, mit Kommas, und einem Punkt.</p>" }.joined()
            return PageExtractor.extract(
                Array(
                    """
                    <html lang="de"><head><title>Eine Überschrift, lang genug für einen Titel</title></head>
                    <body><nav><a href="/">Start</a> <a href="/a">Archiv</a></nav><h1>Eine Überschrift, lang genug für einen Titel</h1>
                    <div class="content">\(body)</div><aside><p>Konzert im Park, 12.08.2023</p></aside>
                    <footer><p>\(footer)</p><p>Lesungen: 61</p></footer></body></html>
                    """.utf8))
        }
        let labelled = page("Letzte Änderung: 31.10.2023 - 14:49:39, Erschienen am: 01.11.2023")
        #expect(labelled?.published == "2023-11-01")
        #expect(labelled?.publishedSource?.hasPrefix("labelled date") == true)
        // No label: not the labelled rule's; the last resort takes the one day the page writes.
        let unlabelled = page("Kontakt und Impressum")
        #expect(unlabelled?.publishedSource?.hasPrefix(Self.lastResort) == true, "\(unlabelled?.publishedSource ?? "-")")
    }
}

/// Issue 12: RSS 2.0, Atom and sitemaps (news sitemaps and indexes).
struct FeedReaderTests {
    @Test func rss() throws {
        let rss = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>Warta Contoh</title>
            <item><title>Banjir di Bekasi</title><link>https://warta.contoh.id/read/1</link>
              <pubDate>Mon, 15 Jan 2024 09:30:00 +0700</pubDate><description><![CDATA[<p>Banjir <b>merendam</b> rumah.</p>]]></description></item>
            <item><title>Tanpa tautan</title></item>
            </channel></rss>
            """
        let feed = try #require(FeedReader.read(Array(rss.utf8)))
        #expect(feed.kind == .rss && feed.title == "Warta Contoh")
        #expect(feed.entries == [FeedEntry(url: "https://warta.contoh.id/read/1", title: "Banjir di Bekasi", published: "2024-01-15T09:30:00+07:00", summary: "Banjir merendam rumah.")])
    }

    @Test func atomAndSitemaps() throws {
        let atom = """
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title>
            <entry><title>Satu</title><link rel="alternate" href="https://b.id/1"/><updated>2024-02-01T10:00:00Z</updated><summary>Ringkas.</summary></entry>
            </feed>
            """
        let a = try #require(FeedReader.read(Array(atom.utf8)))
        #expect(a.kind == .atom && a.entries.first?.url == "https://b.id/1" && a.entries.first?.published == "2024-02-01T10:00:00Z")
        let news = """
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
            <url><loc>https://c.id/berita/1</loc><news:news><news:publication_date>2024-03-01T08:00:00+07:00</news:publication_date><news:title>Judul</news:title></news:news></url>
            <url><loc>https://c.id/berita/2</loc><lastmod>2024-03-02</lastmod></url>
            </urlset>
            """
        let s = try #require(FeedReader.read(Array(news.utf8)))
        #expect(s.kind == .sitemap && s.entries.map(\.url) == ["https://c.id/berita/1", "https://c.id/berita/2"])
        #expect(s.entries[0].title == "Judul" && s.entries[0].published == "2024-03-01T08:00:00+07:00" && s.entries[1].published == "2024-03-02")
        let index = "<sitemapindex><sitemap><loc>https://c.id/sitemap-1.xml</loc></sitemap></sitemapindex>"
        #expect(FeedReader.read(Array(index.utf8))?.kind == .sitemapIndex)
        #expect(FeedReader.read(Array("<html><body>bukan feed</body></html>".utf8)) == nil)
        #expect(FeedReader.read(Array("tidak ada".utf8)) == nil)
    }
}

/// The page reader's word functions run over bytes and scalars for speed; they must say what the
/// plain definitions over characters and strings say.
@Suite struct PageWordTests {
    static let texts = [
        "PT PLN resmi mengoperasikan Gardu Induk (GI) 150 kV Milenium.", "“Kami siap,” katanya — lalu pergi…",
        "Cafe\u{301} au lait, naïve façade", "東京 2020: 金メダル", "Rp 1,2 triliun/tahun; 3½ persen", "  \u{301}x  ", "", "a-b_c d'e 😀 f",
    ]

    @Test func wordsAreRunsOfLettersAndDigits() {
        for s in Self.texts {
            let reference = s.lowercased().split { !$0.isLetter && !$0.isNumber }
            #expect(PageExtractor.words(s) == reference, "\(s)")
            #expect(PageExtractor.normalized(s) == s.lowercased().filter { $0.isLetter || $0.isNumber }, "\(s)")
            #expect(PageExtractor.wordCount(s, atMost: 100) == reference.count, "\(s)")
            #expect(PageExtractor.wordCount(s, atMost: 2) == min(2, reference.count), "\(s)")
        }
    }

    /// Class and id words read in place give the furniture, article weight and date marks that the
    /// rules give on the words as strings.
    @Test func classWordsAreReadInPlace() throws {
        let cases: [(String, RemovalReason?, Int, Bool, Bool)] = [
            ("article-share", .shareButtons, 1, false, false), ("article-related", .relatedLinks, 1, false, false), ("article-tag", nil, 1, false, false),
            ("related-posts terkait", .relatedLinks, -1, false, false), ("post-footer content-tags", .footer, 1, false, false),
            ("entry-date published", nil, 1, true, true), ("Comments-Area", .comments, -1, false, false), ("x2 ÜBER", nil, 0, false, false),
            ("posted-on", nil, 0, false, true), ("updated", nil, 0, true, true), ("upd", nil, 0, false, false), ("AdSlot ad", .advertisement, -1, false, false),
        ]
        for (cls, reason, weight, titled, dated) in cases {
            let page = "<html><body><div class=\"\(cls)\">teks</div></body></html>"
            let doc = try #require(HTMLDocument(Array(page.utf8)))
            var div: Node? = nil
            try #require(doc.root).descendants { n in if n.name == "div" { div = n } }
            let node = try #require(div)
            let summary = Hints.summary(node)
            #expect(Hints.reason(kind: TagKind(node), summary: summary, role: nil) == reason, "\(cls)")
            #expect(Hints.weight(summary) == weight, "\(cls)")
            let marks = PageMetadata.dateMarks(node)
            #expect(marks.titled == titled && marks.namesDate == dated, "\(cls)")
        }
    }

    /// The collector's name table reads libxml2's bytes as the sets of names say: each known name
    /// has its kinds, a name that only starts like one (or is longer than any) has none.
    @Test func tagKindsAreTheSetsOfNames() throws {
        let names = BlockCollector.dropped.union(BlockCollector.blockTags).union(BlockCollector.landmarks).union(["a", "span", "articlex", "b", "verylongelementname"])
        let page = "<html><body>" + names.sorted().map { "<\($0)>x</\($0)>" }.joined() + "</body></html>"
        let doc = try #require(HTMLDocument(Array(page.utf8)))
        var seen = Set<String>()
        try #require(doc.root).descendants { n in
            guard n.isElement else { return }
            let name = n.name, kind = TagKind(n)
            seen.insert(name)
            #expect(kind.contains(.dropped) == BlockCollector.dropped.contains(name), "\(name)")
            #expect(kind.contains(.block) == BlockCollector.blockTags.contains(name), "\(name)")
            #expect(kind.contains(.landmark) == BlockCollector.landmarks.contains(name), "\(name)")
            #expect(kind.contains(.mayHoldThePage) == BlockCollector.mayHoldThePage.contains(name), "\(name)")
            #expect(kind.contains(.link) == (name == "a"), "\(name)")
            #expect(kind.contains(.pageOrArticle) == ["html", "body", "main", "article"].contains(name), "\(name)")
        }
        #expect(seen.isSuperset(of: ["a", "span", "articlex", "p", "figcaption", "nav"]))
    }
}
