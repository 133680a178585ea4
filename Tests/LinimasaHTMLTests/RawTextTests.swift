import Testing

@testable import LinimasaHTML

/// Code and styles are left out before the parse; everything else reaches libxml2 as it was.
struct RawTextTests {
    func strip(_ s: String) -> String? { RawText.stripped(Array(s.utf8)).map { String(decoding: $0, as: UTF8.self) } }

    @Test func codeAndStylesGoTheirElementsAndDataStay() {
        let page = """
            <html><head><style>p { color: red }</style><script type="text/javascript">var a = "<div>x</div>"; if (a < b) {}</script>\
            <script type="application/ld+json">{"datePublished": "2023-11-02"}</script><SCRIPT>var c</SCRIPT ></head>\
            <body><p>Teks</p><script src="x.js"></script></body></html>
            """
        #expect(
            strip(page) == """
                <html><head><style></style><script type="text/javascript"></script>\
                <script type="application/ld+json">{"datePublished": "2023-11-02"}</script><SCRIPT></SCRIPT ></head>\
                <body><p>Teks</p><script src="x.js"></script></body></html>
                """)
    }

    @Test func aScriptStartsOnlyWhereATagCan() {
        // In a comment, in an attribute's value, or as part of a longer name: nothing is left out.
        #expect(strip("<!-- <script>var a</script> --><p>a</p>") == nil)
        #expect(strip("<a title=\"x > <script>y\" href='<style>'>z</a><scripts>q</scripts><script-x>r</script-x><p>w</p>") == nil)
        #expect(strip("<p>no tags of code</p>") == nil)
        // A comment's end is its own: after it, a script is a script.
        #expect(strip("<!-- a --><script>b</script>") == "<!-- a --><script></script>")
    }

    @Test func aScriptEndsAtItsFirstEndTagInAnyCase() {
        #expect(strip("<script>if (a</b) {} '</div>'</ScRiPt><p>kata</p>") == "<script></ScRiPt><p>kata</p>")
        // Cut short: the rest is the script's, as libxml2 reads it.
        #expect(strip("<p>a</p><script>var x = 1; <p>b</p>") == "<p>a</p><script>")
        // A start tag cut short before its `>` leaves the page as it was.
        #expect(strip("<p>a</p><script type=\"text/javascript") == nil)
    }

    @Test func theArticleIsTheSameWithAndWithoutTheCode() throws {
        let page = try PageExtractorTests.page("banjir.html")
        let noisy = Array(String(decoding: page, as: UTF8.self).replacingOccurrences(
            of: "</head>", with: "<style>.a{}</style><script>var s = '<p>Iklan palsu</p>';</script></head>").utf8)
        let a = try #require(PageExtractor.extract(page))
        let b = try #require(PageExtractor.extract(noisy))
        #expect(a == b)
    }
}
