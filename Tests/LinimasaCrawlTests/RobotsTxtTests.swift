import Testing

@testable import LinimasaCrawl

struct RobotsTxtTests {
    @Test func groupsRulesAndDelay() {
        let text = """
            # a comment
            User-agent: OtherBot
            Disallow: /

            User-agent: *
            Disallow: /private
            Allow: /private/open
            Disallow: /*.pdf$
            Crawl-delay: 2

            User-agent: Linimasa
            Disallow: /no-linimasa
            """
        let star = RobotsTxt(text, userAgent: "SomeCrawler/2.0")
        #expect(!star.allows("/private/x"))
        #expect(star.allows("/private/open/x"))
        #expect(!star.allows("/files/a.pdf") && star.allows("/files/a.pdf?x=1"))
        #expect(star.allows("/news/1"))
        #expect(star.crawlDelay == 2)
        let mine = RobotsTxt(text, userAgent: "Linimasa/1.0 (news reader)")
        #expect(!mine.allows("/no-linimasa/1"))
        #expect(mine.allows("/private/x"), "our own group replaces the * group")
        #expect(RobotsTxt("User-agent: *\nDisallow:\n", userAgent: "x").allows("/anything"))
        #expect(RobotsTxt.allowAll.allows("/"))
    }
}
