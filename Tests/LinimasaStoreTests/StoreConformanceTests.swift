import Foundation
import Linimasa
import LinimasaText
import Testing

@testable import LinimasaStore

/// The stores `CollectionStore` has.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, memory, postgres
    var testDescription: String { rawValue }

    /// The PostgreSQL server the tests may make databases on (`scripts/test.sh` starts a throwaway
    /// cluster and sets it); without it the suite runs on the other stores.
    static let postgresURL = ProcessInfo.processInfo.environment["LINIMASA_TEST_POSTGRES"].flatMap(PostgresURL.init)

    static var available: [StoreKind] { postgresURL == nil ? [.sqlite, .memory] : allCases }

    /// Runs `sql` on the test server's `postgres` database.
    static func administer(_ sql: String) throws { try PostgresStore.administer(try #require(postgresURL), sql) }

    /// A new, empty store of this kind (an SQLite one in a fresh folder, removed by `cleanup`).
    func make() throws -> (store: any CollectionStore, cleanup: () -> Void) {
        let stemmer = try #require(Fixture.stemmer, "install hunspell-id")
        switch self {
        case .sqlite:
            let dir = try Fixture.folder()
            return (try Store(path: dir.appendingPathComponent("test.sqlite").path, stemmer: stemmer), { try? FileManager.default.removeItem(at: dir) })
        case .memory:
            return (MemoryStore(stemmer: stemmer), {})
        case .postgres:
            // A database of its own for each test, dropped after.
            var url = try #require(Self.postgresURL)
            url.database = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            try Self.administer("CREATE DATABASE \(url.database)")
            let store = try PostgresStore(url: url, stemmer: stemmer)
            return (store, {
                store.shutdown()
                try? Self.administer("DROP DATABASE IF EXISTS \(url.database)")
            })
        }
    }
}

/// One behaviour for every store: what `ingest`, `delete`, the crawler, the reading commands and the
/// server rely on, run against the SQLite store and the in-memory one (and the next store after).
@Suite struct StoreConformanceTests {
    static let extra = [
        Fixture.doc("pasar", "Jakarta - Harga cabai rawit di pasar induk naik lagi pada Selasa (1/3/2022), kata para pedagang."),
        Fixture.doc(
            "turki", "Ankara - Presiden Turki Recep Tayyip Erdogan menelepon Presiden Rusia Vladimir Putin pada Minggu (2/1/2022) membahas Suriah.",
            outlet: "Kabar Contoh", published: "2022-01-02T20:00:00+07:00"),
        Fixture.doc(
            "banjir", "Bandung - Banjir merendam ratusan rumah di Dayeuhkolot pada Rabu (2/3/2022). Warga mengungsi ke masjid.",
            outlet: "Warta Contoh", published: "2022-03-02T10:00:00+07:00"),
    ]

    static var seeds: [Article] {
        var out: [Article] = []
        _ = try? BatchRunner(pipeline: Pipeline(), reader: InputReader(), jobs: 1).run(
            paths: [Fixture.seeds.path], onArticle: { out.append($0) }, onSkipped: { _ in })
        return out
    }

    static func ingester(_ store: any CollectionStore, at date: Date = Date(timeIntervalSince1970: 1_700_000_000)) -> Ingester {
        Ingester(store: store, runner: BatchRunner(pipeline: Pipeline(), reader: InputReader(), jobs: 2), batchSize: 2, clock: { date })
    }

    /// The stored timeline is, byte for byte, the timeline `timeline` computes from the same articles.
    static func expectFresh(_ store: any CollectionStore, _ articles: [Article], _ step: String) throws {
        let builder = TimelineBuilder(stemmer: Fixture.stemmer)
        builder.add(articles)
        let encoder = Rendering.jsonEncoder(pretty: false)
        let stored = try store.timeline()
        #expect(try stored.stories.map { try encoder.encode($0) } == builder.timeline().stories.map { try encoder.encode($0) }, "\(step)")
        #expect(try store.entities().map(\.name) == builder.entities().map(\.name), "\(step)")
        #expect(try store.isCurrent(), "\(step)")
        #expect(try store.status().articles == articles.count, "\(step)")
    }

    @Test(arguments: StoreKind.available) func ingestReadAndKnowAgain(kind: StoreKind) throws {
        let (store, cleanup) = try kind.make()
        defer { cleanup() }
        let first = try Self.ingester(store).ingest(paths: [Fixture.seeds.path])
        #expect((first.new, first.updated, first.unchanged) == (5, 0, 0))
        let again = try Self.ingester(store).ingest(paths: [Fixture.seeds.path])
        #expect((again.new, again.updated, again.unchanged) == (0, 0, 5))
        try Self.expectFresh(store, Self.seeds, "seeds")

        let status = try store.status()
        #expect((status.articles, status.stories, status.current, status.stemming) == (5, 1, true, "hunspell-id"))
        let page = try store.stories(page: 1, perPage: 20, order: .recent)
        #expect(page.total == 1 && page.items.count == 1)
        let story = try #require(try store.story(id: page.items[0].id))
        #expect(story.events.count == 3)
        let event = try #require(try store.event(id: story.events[0].id))
        #expect(event.story.id == story.id)
        let record = try #require(try store.article(id: story.events[0].articles[0]))
        #expect(record.event == story.events[0].id && record.story == story.id)
        #expect(record.added == "2023-11-14T22:13:20Z")
        #expect(try store.article(id: "tidak-ada") == nil)
        #expect(try store.event(id: "tidak-ada") == nil)
        #expect(try store.story(id: "tidak-ada") == nil)
        #expect(throws: StoreError.self) { try store.timeline(story: "tidak-ada", from: nil, to: nil) }
        // One page of a story's timeline, and a date range.
        let one = try #require(try store.storyPage(id: story.id, from: nil, to: nil, offset: 1, limit: 1, maxEntities: 3))
        #expect(one.eventsTotal == 3 && one.story.events.map(\.id) == [story.events[1].id] && one.story.entities.count <= 3)
        let day = try #require(story.events[0].date)
        let ranged = try store.timeline(story: nil, from: day, to: day)
        #expect(ranged.stories.flatMap(\.events).allSatisfy { $0.date == day })
    }

    /// Issue 13: adds, replacements and deletions in random order leave what a fresh timeline of
    /// the articles that remain gives.
    @Test(arguments: StoreKind.available) func changesInAnyOrderEqualAFreshTimeline(kind: StoreKind) throws {
        let (store, cleanup) = try kind.make()
        defer { cleanup() }
        let seeds = Self.seeds
        var generator = SplitMix(seed: 13)
        var present: [String: Article] = [:]
        let pool = Self.extra + Self.extra.map { d in
            var changed = d
            changed.text += " Pemerintah setempat menyiapkan bantuan."
            return changed
        }
        _ = try Self.ingester(store).ingest(paths: [Fixture.seeds.path])
        for s in seeds { present[s.id] = s }
        for step in 0..<8 {
            if generator.next() % 3 == 0, let id = present.keys.sorted().randomElement(using: &generator) {
                let (report, missing) = try Self.ingester(store).delete(ids: [id])
                #expect(report.deleted == 1 && missing.isEmpty)
                present[id] = nil
                #expect(try store.article(id: id) == nil)
            } else {
                let d = pool.randomElement(using: &generator)!
                _ = try Self.ingester(store).ingest(documents: [d])
                present[d.id] = Pipeline().analyze(d)
            }
            try Self.expectFresh(store, present.values.sorted { $0.id < $1.id }, "step \(step)")
            if let pg = store as? PostgresStore {
                #expect(try pg.countsAgree(), "step \(step)")
                #expect(try pg.entityRowsAgree(), "step \(step)")
            }
            if let sqlite = store as? Store { #expect(try sqlite.entityRowsAgree(), "step \(step)") }
        }
    }

    @Test(arguments: StoreKind.available) func aRegroupingFromAnOlderStateIsRefused(kind: StoreKind) throws {
        let (store, cleanup) = try kind.make()
        defer { cleanup() }
        _ = try Self.ingester(store).add(documents: [Self.extra[0]])
        let state = try #require(try store.groupingState(force: false))
        _ = try Self.ingester(store).add(documents: [Self.extra[1]])
        var made = false
        #expect(
            try !store.saveGrouping(version: state.version) { _ in
                made = true
                return []
            })
        #expect(!made)
        #expect(try !store.isCurrent())
        #expect(try Self.ingester(store).regroup().stories == 2)
        #expect(try store.isCurrent())
        #expect(try store.groupingState(force: false) == nil)
    }

    @Test(arguments: StoreKind.available) func crawlRecordsMerge(kind: StoreKind) throws {
        let (store, cleanup) = try kind.make()
        defer { cleanup() }
        try store.saveCrawl([CrawlRecord(url: "https://a.example/1", kind: "page", status: 200, etag: "\"e1\"", fetched: "2025-01-01T00:00:00Z")])
        try store.saveCrawl([CrawlRecord(url: "https://a.example/1", kind: "page", status: 304, fetched: "2025-01-02T00:00:00Z")])
        let r = try #require(try store.crawlRecords(["https://a.example/1", "https://a.example/2"])["https://a.example/1"])
        #expect(r.status == 304 && r.etag == "\"e1\"" && r.fetched == "2025-01-02T00:00:00Z")
        #expect(try store.crawlRecords(["https://a.example/2"]).isEmpty)
        // A page kept as an article is found by its canonical URL until the article is deleted.
        var page = Self.extra[0]
        page.id = "https://a.example/3"
        _ = try Self.ingester(store).add(
            documents: [page],
            crawl: [CrawlRecord(url: "https://a.example/3?x=1", kind: "page", status: 200, fetched: "2025-01-03T00:00:00Z", canonical: page.id, article: page.id)])
        #expect(try store.crawledCanonical(page.id) == "https://a.example/3?x=1")
        _ = try Self.ingester(store).delete(ids: [page.id])
        #expect(try store.crawledCanonical(page.id) == nil)
    }

    /// Both stores answer the same searches with the same articles in the same order, the same
    /// totals and events: matching and BM25 ranking are one behaviour, whatever computes them.
    @Test func searchAnswersAlike() throws {
        var stores: [(StoreKind, any CollectionStore, () -> Void)] = []
        for kind in StoreKind.available {
            let (s, c) = try kind.make()
            stores.append((kind, s, c))
            _ = try Self.ingester(s).ingest(paths: [Fixture.seeds.path])
            _ = try Self.ingester(s).ingest(documents: Self.extra)
        }
        defer { for (_, _, c) in stores { c() } }
        let plain = ["Presiden", "serangan rudal", "\"Presiden Rusia\"", "Rusia OR banjir", "Presiden NOT Turki", "pres*", "serangan*",
            "(Putin OR Erdogan) AND telepon", "tidakadakatasemacamini", "AND", "harga cabai"]
        var searches = try plain.map { SearchOptions(query: try SearchQuery($0)) }
        searches.append(SearchOptions(query: try SearchQuery("Rusia"), outlet: "kabar contoh"))
        searches.append(SearchOptions(query: try SearchQuery("Presiden"), from: "2022-01-01", to: "2022-01-31"))
        searches.append(SearchOptions(query: try SearchQuery("Presiden"), entity: "Vladimir Putin"))
        searches.append(SearchOptions(query: try SearchQuery("Presiden"), limit: 2, offset: 1))
        for options in searches {
            let text = options.query.text
            let answers = try stores.map { try $0.1.search(options) }
            let sqlite = answers[0]
            for (k, a) in answers.enumerated().dropFirst() {
                let kind = stores[k].0
                #expect(a.totalArticles == sqlite.totalArticles, "\(kind) \(text)")
                #expect(a.articles.map(\.id) == sqlite.articles.map(\.id), "\(kind) \(text)")
                #expect(zip(a.articles, sqlite.articles).allSatisfy { abs($0.score - $1.score) < 1e-6 * max(1, abs($1.score)) }, "\(kind) \(text)")
                #expect(a.events.map(\.id) == sqlite.events.map(\.id), "\(kind) \(text)")
                #expect(a.articles.map(\.event) == sqlite.articles.map(\.event), "\(kind) \(text)")
                #expect(a.notes == sqlite.notes)
            }
            for a in answers { #expect(a.articles.allSatisfy { $0.snippet.contains("<mark>") }, "\(text)") }
            // The stores that make their own snippets make the same ones (PostgreSQL from the words it keeps,
            // the in-memory store from the text).
            if let m = stores.firstIndex(where: { $0.0 == .memory }), let p = stores.firstIndex(where: { $0.0 == .postgres }) {
                #expect(answers[p].articles.map(\.snippet) == answers[m].articles.map(\.snippet), "\(text)")
                #expect(answers[p].events.map(\.snippet) == answers[m].events.map(\.snippet), "\(text)")
            }
        }
        #expect(try stores[0].1.search(SearchOptions(query: try SearchQuery("Presiden"))).totalArticles > 0)
    }

    /// A long article (past the words a PostgreSQL `tsvector` counts exactly: positions up to 16383,
    /// 256 a word) and short ones ranked alike by every store, a word and a prefix.
    @Test func longArticlesRankAlike() throws {
        let sentence = "Harga cabai rawit di pasar induk naik lagi menurut para pedagang di Jakarta. "
        let long = Fixture.doc("panjang", "Jakarta - " + String(repeating: sentence, count: 1500), published: "2022-03-01T09:00:00+07:00")
        // Articles without the words, so that the words weigh something (BM25's idf).
        let others = (1...8).map { k in
            Fixture.doc("lain\(k)", "Surabaya - Tim sepak bola kota itu menang \(k) gol pada laga Minggu (6/3/2022) di stadion.")
        }
        var answers: [(StoreKind, SearchResults, SearchResults)] = []
        for kind in StoreKind.available {
            let (s, close) = try kind.make()
            defer { close() }
            _ = try Self.ingester(s).ingest(documents: Self.extra + others + [long])
            answers.append((kind, try s.search(SearchOptions(query: try SearchQuery("cabai"))), try s.search(SearchOptions(query: try SearchQuery("rawi*")))))
        }
        let sqlite = answers[0]
        #expect(sqlite.1.articles.map(\.id).sorted() == ["panjang", "pasar"] && sqlite.2.articles.count == 2)
        #expect(sqlite.1.articles.allSatisfy { $0.score > 0.1 })
        for a in answers.dropFirst() {
            for (x, y) in [(a.1, sqlite.1), (a.2, sqlite.2)] {
                #expect(x.articles.map(\.id) == y.articles.map(\.id), "\(a.0)")
                #expect(zip(x.articles, y.articles).allSatisfy { abs($0.score - $1.score) < 1e-6 * max(1, abs($1.score)) }, "\(a.0)")
            }
        }
    }

    /// A search ranks only the window's most recently added matches, alike in every store; the total
    /// still counts them all.
    @Test func aSearchRanksTheNewestMatches() throws {
        // Added one at a time, so that the order of rows is the order here; the older ones say "cabai" more.
        let docs = (1...8).map { k in
            Fixture.doc("c\(k)", "Jakarta - " + String(repeating: "Harga cabai naik. ", count: 9 - k) + "Pedagang pasar mengeluh pada Selasa (1/3/2022).")
        }
        let others = (1...6).map { k in Fixture.doc("o\(k)", "Surabaya - Tim sepak bola kota itu menang \(k) gol pada laga Minggu (6/3/2022).") }
        var answers: [(StoreKind, SearchResults, SearchResults)] = []
        for kind in StoreKind.available {
            let (s, close) = try kind.make()
            defer { close() }
            _ = try Self.ingester(s).ingest(documents: others)
            for d in docs { _ = try Self.ingester(s).ingest(documents: [d]) }
            var windowed = SearchOptions(query: try SearchQuery("cabai"))
            windowed.window = 3
            answers.append((kind, try s.search(windowed), try s.search(SearchOptions(query: try SearchQuery("cabai")))))
        }
        for (kind, windowed, all) in answers {
            #expect(windowed.totalArticles == 8 && all.totalArticles == 8, "\(kind)")
            #expect(Set(windowed.articles.map(\.id)) == ["c6", "c7", "c8"], "\(kind)")
            #expect(all.articles.map(\.id) == (1...8).map { "c\($0)" }, "\(kind)")
            #expect(windowed.articles.map(\.id) == answers[0].1.articles.map(\.id), "\(kind)")
        }
    }

    /// A page of a story's timeline, with and without dates, is the same from every store (the
    /// SQLite store reads it from the events' rows, the others cut it from the whole story).
    @Test func storyPagesAlike() throws {
        var pages: [[Data]] = []
        var cleanups: [() -> Void] = []
        defer { for c in cleanups { c() } }
        let encoder = Rendering.jsonEncoder(pretty: false)
        for kind in StoreKind.available {
            let (s, c) = try kind.make()
            cleanups.append(c)
            _ = try Self.ingester(s).ingest(paths: [Fixture.seeds.path])
            _ = try Self.ingester(s).ingest(documents: Self.extra)
            var out: [Data] = []
            for story in try s.stories(page: 1, perPage: 50, order: .start).items {
                for (from, to, offset, limit, most) in [
                    (nil, nil, 0, 50, 50), (nil, nil, 1, 1, 2), ("2021-01-01", nil, 0, 2, 50), (nil, "2021-12-31", 0, 50, 1),
                    ("2022-01-02", "2022-01-02", 0, 50, 50), ("2030-01-01", nil, 0, 50, 50), (nil, nil, 7, 3, 50),
                ] as [(String?, String?, Int, Int, Int)] {
                    let page = try #require(try s.storyPage(id: story.id, from: from, to: to, offset: offset, limit: limit, maxEntities: most))
                    out.append(try encoder.encode(page))
                }
            }
            pages.append(out)
        }
        #expect(pages[0].count == 21)
        for p in pages.dropFirst() { #expect(p == pages[0]) }
    }

    @Test func storyListsAlike() throws {
        var answers: [[[String]]] = []
        var cleanups: [() -> Void] = []
        defer { for c in cleanups { c() } }
        for kind in StoreKind.available {
            let (s, c) = try kind.make()
            cleanups.append(c)
            _ = try Self.ingester(s).ingest(paths: [Fixture.seeds.path])
            _ = try Self.ingester(s).ingest(documents: Self.extra)
            answers.append(try StoryOrder.allCases.map { order in try s.stories(page: 1, perPage: 2, order: order).items.map(\.id) + s.stories(page: 2, perPage: 2, order: order).items.map(\.id) })
        }
        #expect(answers.allSatisfy { $0 == answers[0] })
        // The seeds' story (the Ankara telephone call joins it), the market and the flood.
        #expect(answers[0].allSatisfy { $0.count == 3 })
    }
}

/// What a user sees when the PostgreSQL server cannot be used: the server named, the reason, and
/// never the password.
@Suite struct PostgresErrorTests {
    @Test func aServerThatIsNotThereIsNamedWithoutThePassword() throws {
        // Port 1 on loopback: nothing listens there.
        let address = "postgres://news:rahasia-sekali@127.0.0.1:1/linimasa"
        do {
            _ = try Collections.open(address)
            Issue.record("opened a server that is not there")
        } catch let e as PostgresStoreError {
            #expect(e.description.hasPrefix("postgres://news@127.0.0.1:1/linimasa: cannot connect"), "\(e)")
            #expect(!e.description.contains("rahasia"))
        }
    }

    /// A collection written before the words' counts were kept gets them from its articles and
    /// events when it is next opened, and searches it as before.
    @Test(.enabled(if: StoreKind.postgresURL != nil)) func aCollectionWithoutWordCountsIsMigrated() throws {
        let (made, cleanup) = try StoreKind.postgres.make()
        defer { cleanup() }
        let store = try #require(made as? PostgresStore)
        _ = try StoreConformanceTests.ingester(store).ingest(paths: [Fixture.seeds.path])
        let query = try SearchQuery("presiden")
        let before = try store.search(SearchOptions(query: query))
        // As the version before left it: no tables of counts, the migration not applied.
        try store.execute(["DROP TABLE article_terms", "DROP TABLE event_terms", "DELETE FROM linimasa_migrations WHERE name = 'v3-terms'"])
        let reopened = try PostgresStore(url: store.url, stemmer: Fixture.stemmer)
        defer { reopened.shutdown() }
        #expect(try reopened.countsAgree())
        let after = try reopened.search(SearchOptions(query: query))
        #expect(before.totalArticles > 0)
        #expect(after.articles.map(\.id) == before.articles.map(\.id) && after.articles.map(\.score) == before.articles.map(\.score))
    }

    /// A collection written before entities were written by difference gets the hash column and
    /// the pair indexes when it is next opened; its next regrouping writes each entity once more in
    /// place, and the rows agree with the entities after it.
    @Test(.enabled(if: StoreKind.postgresURL != nil)) func aCollectionWithoutEntityHashesIsMigrated() throws {
        let (made, cleanup) = try StoreKind.postgres.make()
        defer { cleanup() }
        let store = try #require(made as? PostgresStore)
        _ = try StoreConformanceTests.ingester(store).ingest(paths: [Fixture.seeds.path])
        try store.execute([
            "ALTER TABLE entities DROP COLUMN hash", "DROP INDEX entity_names_pair", "DROP INDEX article_entities_pair",
            "CREATE INDEX article_entities_entity ON article_entities(entity)", "DELETE FROM linimasa_migrations WHERE name = 'v4-entity-writes'",
        ])
        let reopened = try PostgresStore(url: store.url, stemmer: Fixture.stemmer)
        defer { reopened.shutdown() }
        _ = try StoreConformanceTests.ingester(reopened).ingest(documents: [StoreConformanceTests.extra[0]])
        #expect(try reopened.entityRowsAgree())
        try StoreConformanceTests.expectFresh(reopened, StoreConformanceTests.seeds + [Pipeline().analyze(StoreConformanceTests.extra[0])], "migrated")
    }

    @Test func anAddressThatIsNotOneIsSaidSo() {
        #expect(PostgresURL("postgres://") == nil)
        #expect(PostgresURL("mysql://a@b/c") == nil)
        let u = PostgresURL("postgresql://ana:pw@db.example/berita")
        #expect(u?.port == 5432 && u?.database == "berita" && u?.display == "postgres://ana@db.example:5432/berita")
        #expect(throws: PostgresStoreError.self) { try Collections.open("postgres://:5432") }
    }
}

/// The PostgreSQL store counts phrases over the bytes of its space-separated words; that must be what
/// the in-memory index counts over arrays of words, for words, phrases (repeated words included,
/// whose occurrences overlap) and prefixes, in any column.
@Suite struct PhraseCounterTests {
    @Test func countsAsTheWordArraysDo() {
        var random = SplitMix(seed: 11)
        let vocabulary = ["a", "ab", "abc", "b", "harga", "hargai", "cabai", "é", "naik"]
        for _ in 0..<300 {
            let columns = (0..<2).map { _ in (0..<Int(random.next() % 12)).map { _ in vocabulary[Int(random.next() % UInt64(vocabulary.count))] } }
            let phrases = (0..<3).map { _ in
                ((0..<(1 + Int(random.next() % 3))).map { _ in vocabulary[Int(random.next() % UInt64(vocabulary.count))] }, random.next() % 3 == 0)
            }
            let counted = SearchWords.Counter(phrases).counts(in: columns.map { $0.joined(separator: " ") })
            for (k, p) in phrases.enumerated() {
                #expect(counted[k] == MemorySearchIndex.frequencies(p.0, prefix: p.1, in: columns), "\(p) in \(columns)")
            }
        }
        // "a a" twice in "a a a": overlapping occurrences count.
        #expect(SearchWords.Counter([(["a", "a"], false)]).counts(in: ["a a a"]) == [[2]])
    }
}

/// Words are found over UTF-8 bytes with ASCII read from a table; that must be what a walk over
/// `Character`s finds: accents precomposed and combining, CR LF, emoji joined by ZWJ, digits of
/// other scripts, marks after ASCII letters, curly quotes and dashes.
@Suite struct WordWalkTests {
    static func characterWalk(_ text: String) -> [Range<String.Index>] {
        var out: [Range<String.Index>] = []
        var i = text.startIndex
        while i < text.endIndex {
            guard MemorySearchIndex.isWordCharacter(text[i]) else {
                i = text.index(after: i)
                continue
            }
            var j = i
            while j < text.endIndex && MemorySearchIndex.isWordCharacter(text[j]) { j = text.index(after: j) }
            out.append(i..<j)
            i = j
        }
        return out
    }

    @Test func theByteWalkFindsTheWordsOfTheCharacterWalk() {
        let pieces = [
            "a", "Z", "9", " ", ".", "-", "\r\n", "\n", "\r", "é", "e\u{301}", "a\u{308}", "\u{301}", "“", "”", "—", "٣", "²", "日本",
            "👩\u{200D}💻", "🇮🇩", "\u{200B}", "ß", "Ω", "_", "'", "\u{00A0}", "x\u{0301}\u{0302}", "Rp16.300", "(23/4/2025)",
        ]
        var random = SplitMix(seed: 5)
        for _ in 0..<2000 {
            let text = (0..<Int(random.next() % 14)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            var found: [Range<String.Index>] = []
            MemorySearchIndex.forEachWord(in: text) { found.append($0); return true }
            #expect(found == Self.characterWalk(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        // Stopping early stops.
        var first: [String] = []
        MemorySearchIndex.forEachWord(in: "satu dua tiga") { first.append("satu dua tiga"[$0].description); return false }
        #expect(first == ["satu"])
    }

    /// The index's words are folded bytewise when they are ASCII: the same words Foundation's
    /// lower-casing and diacritic folding give, on every word the walk finds in random text.
    @Test func foldedIsFoundationsFolding() {
        let pieces = [
            "a", "Z", "Q", "9", " ", "-", "é", "E\u{301}", "Ä", "ß", "Ø", "İ", "ı", "Ω", "٣", "日本", "ŞİŞLİ", "Jakarta", "COVID19", "Mëtro",
            "ǅ", "ﬁ", "Æ", "@", "[", "`", "{",
        ]
        var random = SplitMix(seed: 11)
        var ascii = 0
        for _ in 0..<3000 {
            let text = (0..<Int(random.next() % 8)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            MemorySearchIndex.forEachWord(in: text) { range in
                let word = text[range]
                if word.utf8.allSatisfy({ $0 < 0x80 }) { ascii += 1 }
                #expect(MemorySearchIndex.folded(word) == String(word).lowercased().folding(options: .diacriticInsensitive, locale: nil), "\(word)")
                return true
            }
        }
        #expect(ascii > 200)
    }

    @Test func columnsWithLooseSpacesAreCountedAsWords() {
        // Not the store's own form (one space between words): counted after splitting, as before.
        let counter = SearchWords.Counter([(["harga"], false), (["harga", "naik"], false), (["har"], true)])
        #expect(counter.counts(in: [" harga  naik ", "harga naik  harga"]) == [[1, 2], [1, 1], [1, 2]])
        #expect(counter.counts(in: ["harga naik harga", "hargai naik"]) == [[2, 0], [1, 0], [2, 1]])
    }
}

@Suite struct MarkupTests {
    /// Text from articles is escaped wherever `&`, `<`, `>` or `"` stand, a combining mark after
    /// them included (a walk over characters left "<\u{301}" as it was); the match markers become tags.
    @Test func everyMarkupCharacterIsEscaped() {
        #expect(TimelineRendering.esc("a<b>&\"c\u{301}<\u{301}") == "a&lt;b&gt;&amp;&quot;c\u{301}&lt;\u{301}")
        #expect(TimelineRendering.esc("tanpa tanda") == "tanpa tanda")
        #expect(Store.markup("x \u{E000}<y>\u{E001} “z” \u{E000}é\u{E001}") == "x <mark>&lt;y&gt;</mark> “z” <mark>é</mark>")
        #expect(Store.markup(nil) == "")
    }
}

/// A deletion and a writer at once on one PostgreSQL collection: each takes the version's row first,
/// so one waits for the other; neither is refused as a deadlock, and the counts stay true.
@Suite struct PostgresDeletionTests {
    @Test(.enabled(if: StoreKind.postgresURL != nil)) func aDeletionBesideAWriterWaitsItsTurn() throws {
        let (made, cleanup) = try StoreKind.postgres.make()
        defer { cleanup() }
        let writer = try #require(made as? PostgresStore)
        let deleter = try PostgresStore(url: writer.url, stemmer: Fixture.stemmer)
        defer { deleter.shutdown() }
        let articles = StoreConformanceTests.extra.map { Pipeline().analyze($0) }
        let prepared = TimelineBuilder(stemmer: Fixture.stemmer).prepared(articles)
        let rows = try Ingester.encodeRows(articles.map { ($0, "h-" + $0.id, false) }, prepared: prepared, written: "2025-01-01T00:00:00Z", jobs: 1)
            .map(\.row)
        // Deleted in the reverse order of the writer's, so that each would lock what the other needs.
        let ids = rows.map(\.key).reversed().map { $0 }
        let failures = Failures()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            for _ in 0..<150 {
                do { try writer.saveArticles(rows, crawl: []) } catch { failures.add("write: \(error)") }
            }
        }
        DispatchQueue.global().async(group: group) {
            for _ in 0..<150 {
                do { _ = try deleter.deleteArticles(ids) } catch { failures.add("delete: \(error)") }
            }
        }
        group.wait()
        #expect(failures.all.isEmpty, "\(failures.all.prefix(3))")
        #expect(try writer.countsAgree())
    }

    final class Failures: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [String] = []
        func add(_ s: String) { lock.lock(); list.append(s); lock.unlock() }
        var all: [String] { lock.lock(); defer { lock.unlock() }; return list }
    }
}

/// The `tsvector` literal PostgreSQL rows are written with, written as bytes: the literal the
/// string-building form made (kept here as the reference), on random words with quotation marks,
/// backslashes, accents and repeats, and positions past PostgreSQL's last.
@Suite struct PostgresLiteralTests {
    static func reference(_ first: [String], _ second: [String]) -> String {
        var positions: [String: [String]] = [:]
        var order: [String] = []
        func add(_ w: String, _ p: Int, _ weight: String) {
            if positions[w] == nil { order.append(w) }
            positions[w, default: []].append("\(min(p, 16383))\(weight)")
        }
        for (k, w) in first.enumerated() { add(w, k + 1, "A") }
        for (k, w) in second.enumerated() { add(w, first.count + 2 + k, "B") }
        return order.map { w in
            "'" + w.replacingOccurrences(of: "'", with: "''").replacingOccurrences(of: "\\", with: "\\\\") + "':" + positions[w]!.joined(separator: ",")
        }.joined(separator: " ")
    }

    @Test func vectorIsTheStringBuiltLiteral() {
        let words = ["harga", "naik", "o'neil", "a\\b", "'", "\\", "café", "日本", "rudal", "x", "''", "2025"]
        var random = SplitMix(seed: 3)
        for round in 0..<400 {
            func column(_ n: Int) -> [String] { (0..<n).map { _ in words[Int(random.next() % UInt64(words.count))] } }
            let first = column(Int(random.next() % 6))
            let second = column(round % 50 == 0 ? 17_000 : Int(random.next() % 40))
            #expect(PostgresStore.vector(first, second) == Self.reference(first, second))
        }
        #expect(PostgresStore.vector([], []) == "")
        #expect(PostgresStore.quotedLexeme("o'ne\\il") == "o''ne\\\\il")
    }
}
