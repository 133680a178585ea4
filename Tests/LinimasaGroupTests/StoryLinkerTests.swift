import Testing
import LinimasaCore
import LinimasaText
@testable import LinimasaGroup

/// How the time between two events weighs on their being one story.
@Suite struct StoryLinkerTests {
    /// Stories of one-article events, as sets of the articles' ids.
    func stories(_ items: [(id: String, day: Int, terms: [UInt64: Float])]) -> Set<Set<String>> {
        let profiles = items.map { i in
            ArticleProfile(
                id: i.id, outlet: nil, published: i.day, publishedValue: nil, eventDay: EventDay(day: i.day, source: .text),
                partialHints: [], terms: TermVector(i.terms, limit: 40), signature: [])
        }
        let events = profiles.indices.map { GroupedEvent(members: [$0], day: profiles[$0].eventDay, duplicates: []) }
        let found = StoryLinker().stories(events, vectors: profiles.map(\.terms), profiles: profiles)
        return Set(found.map { Set($0.map { profiles[$0].id }) })
    }

    let arrest: [UInt64: Float] = [1: 1, 2: 2]
    /// Cosine 0.2 with `arrest`: a thread's modest likeness.
    let hearing: [UInt64: Float] = [1: 1, 3: 2]
    /// Cosine 0.6 with `arrest`.
    let retold: [UInt64: Float] = [1: 1, 2: 2, 5: 3]

    /// News threads come in bursts: a modest likeness three days apart is one story, four months
    /// apart it is not (with a year's half-life, as before, it was).
    @Test func aModestLikenessJoinsWithinDaysNotMonthsApart() {
        #expect(stories([("arrest", 100, arrest), ("hearing", 103, hearing)]) == [["arrest", "hearing"]])
        #expect(stories([("arrest", 100, arrest), ("hearing", 220, hearing)]) == [["arrest"], ["hearing"]])
    }

    /// Events much alike stay one thread however far apart: the decay stops at a floor (without it
    /// this pair, 400 days apart, would part).
    @Test func eventsMuchAlikeStayOneThreadAcrossAYear() {
        #expect(stories([("arrest", 100, arrest), ("retold", 500, retold)]) == [["arrest", "retold"]])
    }

    /// Two reports of one thread, each led by its own angle (eight heavy words of its own), sharing
    /// the case's four words next in weight (cosine 0.18): found as candidates by their twelve
    /// heaviest terms, one story. By their six heaviest (before) they were never compared.
    @Test func aThreadSharedBelowEachEventsLeadingWordsIsFound() {
        var a: [UInt64: Float] = [:], b: [UInt64: Float] = [:]
        for k in 0..<8 {
            a[UInt64(100 + k)] = 3
            b[UInt64(200 + k)] = 3
        }
        for k in 0..<4 {
            a[UInt64(300 + k)] = 2
            b[UInt64(300 + k)] = 2
        }
        #expect(stories([("a", 100, a), ("b", 102, b)]) == [["a", "b"]])
        var narrow = StoryLinker()
        narrow.keyTerms = 6
        let profiles = [("a", a), ("b", b)].map { id, t in
            ArticleProfile(
                id: id, outlet: nil, published: 100, publishedValue: nil, eventDay: EventDay(day: 100, source: .text), partialHints: [],
                terms: TermVector(t, limit: 40), signature: [])
        }
        let events = profiles.indices.map { GroupedEvent(members: [$0], day: profiles[$0].eventDay, duplicates: []) }
        #expect(narrow.stories(events, vectors: profiles.map(\.terms), profiles: profiles).count == 2)
    }
}
