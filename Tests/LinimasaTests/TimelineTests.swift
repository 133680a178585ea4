import Foundation
import Testing

@testable import Linimasa
@testable import LinimasaTimeline

/// Events, stories and near-duplicates on the seeds and on copies made from them.
@Suite struct TimelineTests {
    static let stemmer: Stemmer? = {
        let dir = ProcessInfo.processInfo.environment["LINIMASA_HUNSPELL_DIR"] ?? HunspellLexicon.defaultDirectory
        guard let dic = FileManager.default.contents(atPath: dir + "/id_ID.dic"),
            let aff = FileManager.default.contents(atPath: dir + "/id_ID.aff")
        else { return nil }
        return Stemmer(lexicon: HunspellLexicon(dic: Array(dic), aff: Array(aff)))
    }()

    static let pipeline = Pipeline()

    static var seeds: [Article] { SeedTests.articles.values.sorted { $0.id < $1.id } }

    static func text(_ prefix: String) throws -> String {
        let url = try #require(
            try FileManager.default.contentsOfDirectory(at: SeedTests.fixtures, includingPropertiesForKeys: nil)
                .first { $0.lastPathComponent.hasPrefix(prefix) })
        return try String(contentsOf: url, encoding: .utf8)
    }

    static func analyze(_ text: String, id: String) -> Article {
        pipeline.analyze(RawDocument(id: id, source: id, text: text))
    }

    func events(_ articles: [Article], oneByOne: Bool = false) -> Set<Set<String>> {
        var config = TimelineBuilder.Configuration()
        config.jobs = 1
        let b = TimelineBuilder(stemmer: Self.stemmer, configuration: config)
        if oneByOne { for a in articles { b.add([a]) } } else { b.add(articles) }
        return Set(b.timeline().stories.flatMap { $0.events.map { Set($0.articles) } })
    }

    @Test func seedsMakeThreeEventsInOneStory() throws {
        let b = TimelineBuilder(stemmer: Self.stemmer)
        b.add(Self.seeds)
        let t = b.timeline()
        #expect(t.stories.count == 1)
        let story = try #require(t.stories.first)
        #expect(story.articles.count == 5)
        let got = story.events.map { e in (e.date, e.articles.map { String($0.prefix(3)) }.sorted()) }
        #expect(got.count == 3)
        #expect(got.map(\.0) == ["2020-12-29", "2021-09-29", "2022-01-02"])
        #expect(got.map(\.1) == [["003", "004"], ["000"], ["001", "002"]])
        // The sources each event's articles cite (EXPECTED.md, "Sources the articles cite").
        #expect(story.events.map { Set($0.sources) } == [["The New Arab", "Reuters", "TASS"], ["Arab News"], ["AFP", "TASS", "Daily Sabah"]])
        // Dated by what happened: E3 was reported on 3 January about a call on Sunday 2 January.
        #expect(story.events.allSatisfy { $0.dateSource == "text" && $0.granularity == .day })
        // Summaries are whole sentences of the articles' own text, never removed lines.
        let bodies = Self.seeds.map { $0.sentences.map(\.text) }.flatMap { $0 }
        let removed = Self.seeds.flatMap { $0.removed.map(\.text) }
        for e in story.events {
            #expect(!e.summary.isEmpty)
            for s in e.summary {
                #expect(bodies.contains(s))
                #expect(!removed.contains { $0.contains(s) || s.contains($0) })
            }
        }
    }

    /// The stories handed over one batch at a time are the timeline's, in its order, and a story
    /// handed back by `reusing` takes its place among the ones summarised.
    @Test func storiesOneAtATimeAreTheTimelinesStories() throws {
        var config = TimelineBuilder.Configuration()
        config.jobs = 2
        let b = TimelineBuilder(stemmer: Self.stemmer, configuration: config)
        b.add(GroupingRulesTests.background + Self.seeds)
        let whole = b.timeline().stories
        #expect(whole.count > 5)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(try b.timeline().stories.map { try encoder.encode($0) } == whole.map { try encoder.encode($0) })
        for batch in [1, 3, 1024] {
            var streamed: [Story] = []
            b.forEachStory(batch: batch) { streamed.append($0) }
            #expect(try streamed.map { try encoder.encode($0) } == whole.map { try encoder.encode($0) }, "batch \(batch)")
        }
        // Every other story kept as it was: the others are summarised again, in their places.
        let kept = Dictionary(uniqueKeysWithValues: whole.enumerated().filter { $0.offset % 2 == 0 }.map { ($0.element.id, $0.element) })
        var asked = 0
        var mixed: [Story] = []
        b.forEachStory(reusing: { plan in
            asked += 1
            return kept[plan.id].map { Story(id: $0.id, title: "kept", keywords: [], articles: plan.articles, events: [], entities: []) }
        }, batch: 2) { mixed.append($0) }
        #expect(asked == whole.count)
        #expect(mixed.map(\.id) == whole.map(\.id))
        #expect(mixed.map { Set($0.articles) } == whole.map { Set($0.articles) })
        for (k, story) in mixed.enumerated() { #expect((story.title == "kept") == (k % 2 == 0)) }
        #expect(b.articleRefs().map(\.id) == b.timeline().articles.map(\.id))
    }

    @Test func backgroundFactsAreNotEvents() {
        let t = TimelineBuilder(stemmer: Self.stemmer)
        t.add(Self.seeds)
        let dates = t.timeline().stories.flatMap { $0.events.compactMap(\.date) }
        #expect(!dates.contains { $0.hasPrefix("2019") || $0.hasPrefix("2014") || $0.hasPrefix("1952") })
    }

    @Test func orderDoesNotChangeTheEvents() throws {
        var articles = Self.seeds
        // Copies and rewrites so that links of every kind take part.
        let t4 = try Self.text("004")
        articles.append(Self.analyze("Dimensy.id Mobile\n" + t4.replacingOccurrences(of: "RMOL", with: "Dimensy"), id: "005_copy"))
        let t1 = try Self.text("001")
        articles.append(Self.analyze(t1.components(separatedBy: "\n").dropLast(6).joined(separator: "\n"), id: "006_short"))
        let batch = events(articles)
        #expect(batch.count == 3)
        var rng = SplitMix(seed: 7)
        for _ in 0..<12 {
            var shuffled = articles
            shuffled.shuffle(using: &rng)
            #expect(events(shuffled, oneByOne: true) == batch)
        }
    }

    @Test func syndicatedCopiesAreFoundWithTheEarliestAsOriginal() throws {
        // One wire story in five outlets: other headers, a caption, a different last paragraph.
        let base = try Self.text("004")
        let lines = base.components(separatedBy: "\n")
        var articles: [Article] = []
        for (k, outlet) in ["Kompas", "Tempo", "Antara", "Republika", "Suara"].enumerated() {
            var l = lines
            l.insert("\(outlet).com | Berita terkini", at: 0)
            l.insert("Foto: ilustrasi \(outlet)", at: min(6, l.count))
            if k % 2 == 1 { l = Array(l.dropLast(3)) + ["Baca berita \(outlet) lainnya di aplikasi kami."] }
            let text = l.joined(separator: "\n").replacingOccurrences(of: "30 Desember 2020 06:08", with: "30 Desember 2020 0\(6 + k):08")
            articles.append(Self.analyze(text, id: "wire_\(k)"))
        }
        let b = TimelineBuilder(stemmer: Self.stemmer)
        b.add(articles.reversed())
        let t = b.timeline()
        let e = try #require(t.stories.first?.events.first)
        #expect(t.stories.flatMap(\.events).count == 1)
        #expect(Set(e.duplicates.map { $0[1] }) == ["wire_1", "wire_2", "wire_3", "wire_4"])
        #expect(e.duplicates.allSatisfy { $0[0] == "wire_0" })
        #expect(e.reports.map(\.id) == ["wire_0", "wire_1", "wire_2", "wire_3", "wire_4"])
        #expect(e.reports.map(\.copyOf) == [nil, "wire_0", "wire_0", "wire_0", "wire_0"])
    }

    @Test func sameRivalsAWeekApartAreTwoEvents() throws {
        // The phone call of 2 January, and a made-up call between the same two leaders a week later.
        let t1 = try Self.text("001")
        let later = t1.replacingOccurrences(of: "Senin (3/1/2022)", with: "Senin (10/1/2022)")
            .replacingOccurrences(of: "Minggu (2/1)", with: "Minggu (9/1)")
            .replacingOccurrences(of: "03 Jan 2022 14:50", with: "10 Jan 2022 14:50")
        let a = Self.analyze(t1, id: "call_1")
        let b = Self.analyze(later, id: "call_2")
        #expect(b.published.value?.hasPrefix("2022-01-10") == true)
        let ev = events([a, b])
        #expect(ev == [["call_1"], ["call_2"]])
    }

    @Test func jsonHasTheContractKeys() throws {
        let b = TimelineBuilder(stemmer: Self.stemmer)
        b.add(Self.seeds)
        let json = try TimelineRendering.json(TimelineReport(b.timeline(), skipped: []))
        let o = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let story = try #require((o["stories"] as? [[String: Any]])?.first)
        for k in ["id", "title", "articles", "events", "entities", "quotes", "sources", "disagreements"] {
            #expect(story[k] != nil, "story key \(k)")
        }
        let event = try #require((story["events"] as? [[String: Any]])?.first)
        for k in ["id", "date", "granularity", "title", "summary", "articles", "duplicates", "entities", "quotes", "disagreements", "sources"] {
            #expect(event[k] != nil, "event key \(k)")
        }
        let entity = try #require((story["entities"] as? [[String: Any]])?.first)
        for k in ["name", "kind", "aliases", "roles", "mentions", "articles", "events"] { #expect(entity[k] != nil, "entity key \(k)") }
        let quote = try #require((story["quotes"] as? [[String: Any]])?.first)
        for k in ["text", "speaker", "verb", "direct", "article", "outlet"] { #expect(quote[k] != nil, "quote key \(k)") }
        let claim = try #require(((story["disagreements"] as? [[String: Any]])?.first?["claims"] as? [[String: Any]])?.first)
        for k in ["value", "articles", "outlets", "sentences"] { #expect(claim[k] != nil, "claim key \(k)") }
        let html = TimelineRendering.html(b.timeline())
        #expect(html.hasPrefix("<!doctype html>") && html.contains("2021-09-29"))
    }
}

/// Capitalised common words the tagger took for people, as `timeline` showed them on real 2025
/// detik.com news, are kept out of events and stories when the lexicon is there.
@Suite struct DerivedWordPeopleTests {
    static func person(_ name: String) -> Entity {
        Entity(name: name, kind: "PER", canonical: name, aliases: [name], roles: [], mentions: [Mention(text: name, start: 0, end: name.count)])
    }

    @Test func derivedWordsAreNotPeopleButNamesAre() throws {
        let stemmer = try #require(TimelineTests.stemmer, "hunspell-id is installed by scripts/setup.sh")
        for word in ["Batalkan", "Pelayanan", "Perekonomian", "Memasuki", "Keuangannya"] {
            #expect(EntityFinder.isDerivedWordAsPerson(Self.person(word), stemmer: stemmer), "\(word)")
        }
        for name in ["Agung", "Puan", "Setiawan", "Kurniawan", "Ramadhan", "Perdana", "Santoso", "Hidayat", "Dermawan", "Pramono"] {
            #expect(!EntityFinder.isDerivedWordAsPerson(Self.person(name), stemmer: stemmer), "\(name)")
        }
        // Only one-word people: a place or a longer name is not judged so.
        var place = Self.person("Perbatasan")
        place.kind = "LOC"
        #expect(!EntityFinder.isDerivedWordAsPerson(place, stemmer: stemmer))
        #expect(!EntityFinder.isDerivedWordAsPerson(Self.person("Pelayanan Prima"), stemmer: stemmer))
    }

    @Test func theyStayOutOfEventsAndStories() throws {
        let stemmer = try #require(TimelineTests.stemmer, "hunspell-id is installed by scripts/setup.sh")
        var a = TimelineTests.seeds[0]
        a.entities.append(Self.person("Batalkan"))
        let b = TimelineBuilder(stemmer: stemmer)
        b.add([a])
        let story = try #require(b.timeline().stories.first)
        #expect(!story.entities.contains { $0.name == "Batalkan" })
        #expect(!story.events.contains { $0.entities.contains("Batalkan") })
        #expect(!story.entities.isEmpty)
    }
}
