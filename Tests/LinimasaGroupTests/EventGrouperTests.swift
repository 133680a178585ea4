import Testing
import LinimasaCore
import LinimasaText
@testable import LinimasaGroup

@Suite struct EventGrouperTests {
    func profile(_ id: String, day: Int?, source: EventDay.Source = .text, hints: [Int] = [], others: [Int] = [], terms: [UInt64: Float]) -> ArticleProfile {
        let v = TermVector(terms, limit: 40)
        return ArticleProfile(
            id: id, outlet: nil, published: day, publishedValue: day.map { CivilDate(daysSinceEpoch: $0).description },
            eventDay: day.map { EventDay(day: $0, source: source) } ?? EventDay(day: Int.min, source: .published),
            partialHints: hints, otherDays: ArticleProfile.otherDayBits(others, around: day ?? 0), terms: v, signature: [UInt16](repeating: .max, count: 60))
    }

    let call: [UInt64: Float] = [1: 5, 2: 4, 3: 3, 4: 2, 5: 1, 6: 1]
    let other: [UInt64: Float] = [11: 5, 12: 4, 13: 3, 14: 2, 15: 1]

    func groups(_ g: EventGrouper) -> Set<Set<String>> {
        Set(g.events().map { Set($0.members.map { g.profiles[$0].id }) })
    }

    @Test func sameDaySimilarArticlesJoinOtherDaysDoNot() {
        let g = EventGrouper()
        g.add(profile("a", day: 100, terms: call))
        g.add(profile("b", day: 100, terms: call.merging([7: 2]) { $0 + $1 }))
        g.add(profile("c", day: 107, terms: call))
        g.add(profile("d", day: 100, terms: other))
        #expect(groups(g) == [["a", "b"], ["c"], ["d"]])
    }

    @Test func aPublicationDayBoundsTheHappeningFromAbove() {
        let g = EventGrouper()
        g.add(profile("text", day: 100, terms: call))
        g.add(profile("pub", day: 102, source: .published, terms: call))
        g.add(profile("before", day: 99, source: .published, terms: call))
        #expect(groups(g) == [["text", "pub"], ["before"]])
    }

    @Test func anUndatedArticleJoinsItsBestMatchInEitherOrder() {
        let jan2 = CivilDate(year: 2022, month: 1, day: 2)!.daysSinceEpoch
        let sep29 = CivilDate(year: 2021, month: 9, day: 29)!.daysSinceEpoch
        let profiles = [
            profile("call", day: jan2, terms: call),
            profile("meeting", day: sep29, terms: call),
            profile("undated", day: nil, hints: [103], terms: call),
        ]
        for order in [[0, 1, 2], [2, 1, 0], [1, 2, 0]] {
            let g = EventGrouper()
            for i in order { g.add(profiles[i]) }
            #expect(groups(g) == [["call", "undated"], ["meeting"]])
        }
    }

    @Test func undatedArticlesNeverBridgeTwoEvents() {
        let g = EventGrouper()
        g.add(profile("x", day: 100, terms: call))
        g.add(profile("y", day: 300, terms: call))
        g.add(profile("u", day: nil, terms: call))
        // Without a hint it may join only other undated articles.
        #expect(groups(g) == [["x"], ["y"], ["u"]])
    }

    /// Templated daily reports (a weather forecast for "today, 22 October" and the one for "tomorrow"
    /// published two days before) are near-copies of each other but report different days: the text
    /// that dates its happening on day D is no copy of one published before D - 1. A copy stamped the
    /// day before (a time zone apart) is still a copy.
    @Test func aTextIsNoCopyOfOnePublishedDaysBeforeItsHappening() {
        func forecast(_ id: String, published: Int, day: EventDay) -> ArticleProfile {
            ArticleProfile(
                id: id, outlet: nil, published: published, publishedValue: CivilDate(daysSinceEpoch: published).description,
                eventDay: day, partialHints: [], terms: TermVector(call, limit: 40), signature: (0..<60).map { UInt16($0) })
        }
        let today = forecast("today", published: 100, day: EventDay(day: 100, source: .text))
        let g = EventGrouper()
        g.add(today)
        g.add(forecast("two days before", published: 98, day: EventDay(day: 98, source: .published)))
        #expect(groups(g) == [["today"], ["two days before"]])
        let h = EventGrouper()
        h.add(forecast("stamped the day before", published: 99, day: EventDay(day: 99, source: .published)))
        h.add(today)
        #expect(groups(h) == [["today", "stamped the day before"]])
    }

    /// Two reports of a ceremony held on day 97 and announced on day 100: each text gives both days
    /// and leads with another. They are one event when each gives the day the other chose (in either
    /// order); a text that gives only its own day is not joined to one dated otherwise, nor are two
    /// texts when only one gives the other's day (a hearing recalling the arrest).
    @Test func textsDatingOneHappeningDifferentlyJoinWhenEachGivesTheOthersDay() {
        let profiles = [
            profile("ceremony", day: 97, others: [100], terms: call),
            profile("announcement", day: 100, others: [97], terms: call),
            profile("recalls it", day: 100, others: [97], terms: call.merging([20: 9]) { $0 + $1 }),
            profile("arrest", day: 95, terms: call),
            profile("hearing", day: 99, others: [95], terms: call),
        ]
        for order in [[0, 1, 2, 3, 4], [4, 3, 2, 1, 0], [2, 0, 4, 1, 3]] {
            let g = EventGrouper()
            for i in order { g.add(profiles[i]) }
            let found = groups(g)
            #expect(found.contains(["ceremony", "announcement", "recalls it"]))
            #expect(found.contains(["arrest"]) && found.contains(["hearing"]))
        }
        // The same pair with unlike texts stays apart: the looser threshold still asks for likeness.
        let g = EventGrouper()
        g.add(profile("ceremony", day: 97, others: [100], terms: call))
        g.add(profile("unlike", day: 100, others: [97], terms: call.merging(other) { $0 + $1 }.merging([21: 12, 22: 12]) { $0 + $1 }))
        #expect(groups(g) == [["ceremony"], ["unlike"]])
    }
}

@Suite struct SpeakerWordsTests {
    /// Speakers are compared by the first five letters of their names' words: spellings of one name
    /// meet, other people do not, and an article that quotes no one rules nothing out.
    @Test func speakersMeetBySpellingsOfOneName() {
        let zelensky = EventGrouper.speakerWords(["Volodymyr Zelensky"])
        let zelenskyy = EventGrouper.speakerWords(["Zelenskyy"])
        let sarmuji = EventGrouper.speakerWords(["Muhammad Sarmuji"])
        let budi = EventGrouper.speakerWords(["Budi Prasetyo", "KPK"])
        #expect(EventGrouper.shareAny(zelensky, zelenskyy))
        #expect(!EventGrouper.shareAny(sarmuji, budi))
        #expect(EventGrouper.shareAny(sarmuji, EventGrouper.speakerWords(["Sarmuji"])))
        #expect(EventGrouper.shareAny(sarmuji, []))
        // Words under three letters say nothing ("Dr", "AS").
        #expect(EventGrouper.speakerWords(["Dr AS"]).isEmpty)
    }
}

/// Linking weighs another article's terms as it meets them instead of keeping every article's
/// weighted vector (or what it says happened, without its names' words): the cosines must be the
/// ones of the vectors, to the bit, or the events would move with the change of method.
@Suite struct LinkWeightsTests {
    @Test func termsWeighedAsTheyAreMetGiveTheWeightedVectorsCosine() {
        var rng = SystemRandomNumberGenerator()
        let g = EventGrouper()
        for n in 0..<200 {
            var terms: [UInt64: Float] = [:]
            for _ in 0..<Int.random(in: 0...50, using: &rng) { terms[UInt64.random(in: 0..<400, using: &rng)] = Float.random(in: 0.1...4, using: &rng) }
            g.add(ArticleProfile(
                id: "a\(n)", outlet: nil, published: 100, publishedValue: nil, eventDay: EventDay(day: 100, source: .text),
                partialHints: [], terms: TermVector(terms, limit: 40), signature: []))
        }
        // Each article's names: some of its own terms and some it does not have.
        let names = (0..<g.count).map { i in
            var n: [UInt64: Float] = [:]
            for k in g.profiles[i].terms.keys where Bool.random(using: &rng) && Bool.random(using: &rng) { n[UInt64(k)] = 1 }
            n[UInt64.random(in: 0..<400, using: &rng)] = 1
            return TermVector(n, limit: 32)
        }
        var compared = 0, actions = 0
        for i in 0..<g.count {
            let v = g.weighted(i)
            let idf = v.keys.map(g.inverseDocumentFrequency)
            let mine = v.removing(termsOf: names[i])
            let mineIDF = EventGrouper.values(of: mine.keys, in: v.keys, idf)
            for c in 0..<g.count {
                let expected = v.cosine(g.weighted(c))
                let (length, actionLength) = g.lengths(c, names: names[c])
                #expect(g.lengths(c, names: nil).length == length)
                #expect(g.cosine(v, idf: idf, c, length: length).bitPattern == expected.bitPattern)
                if expected > 0 { compared += 1 }
                let theirs = g.weighted(c).removing(termsOf: names[c])
                #expect(theirs.isEmpty == (actionLength == 0))
                guard !theirs.isEmpty else { continue }
                let said = mine.cosine(theirs)
                #expect(g.cosine(mine, idf: mineIDF, c, length: length, action: (names[c], actionLength)).bitPattern == said.bitPattern)
                if said > 0 { actions += 1 }
            }
        }
        #expect(compared > 1000 && actions > 1000)
    }
}
