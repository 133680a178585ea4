import Foundation
import GRDB
import Linimasa
import Testing

@testable import LinimasaStore

/// Helpers shared by the store's tests: the seeds, a stemmer, a fresh folder a test.
enum Fixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let seeds = root.appendingPathComponent("Fixtures/seeds")

    /// Needs Debian's hunspell-id (`scripts/test.sh` installs it).
    static let stemmer: Stemmer? = StemmerRegistry.load(
        directory: ProcessInfo.processInfo.environment["LINIMASA_HUNSPELL_DIR"] ?? HunspellLexicon.defaultDirectory)

    static func folder() throws -> URL {
        let u = FileManager.default.temporaryDirectory.appendingPathComponent("linimasa-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
        return u
    }

    static func store(_ dir: URL) throws -> Store {
        try Store(path: dir.appendingPathComponent("test.sqlite").path, stemmer: try #require(stemmer, "install hunspell-id"))
    }

    static func ingester(_ store: Store) -> Ingester {
        Ingester(store: store, runner: BatchRunner(pipeline: Pipeline(), reader: InputReader(), jobs: 2), batchSize: 2)
    }

    static func doc(_ id: String, _ text: String, outlet: String = "Contoh", published: String = "2022-03-01T09:00:00+07:00") -> RawDocument {
        RawDocument(id: id, source: id, text: text, given: GivenFields(title: nil, published: published, outlet: outlet))
    }
}

@Suite struct StoreTests {
    @Test func ingestsTheSeedsOnceAndKnowsThemAgain() throws {
        let dir = try Fixture.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Fixture.store(dir)
        let first = try Fixture.ingester(store).ingest(paths: [Fixture.seeds.path])
        #expect((first.new, first.updated, first.unchanged, first.skipped) == (5, 0, 0, 0))
        #expect(first.events == 3 && first.stories == 1)
        let again = try Fixture.ingester(store).ingest(paths: [Fixture.seeds.path])
        #expect((again.new, again.updated, again.unchanged) == (0, 0, 5))
        #expect(try store.status().articles == 5)

        // The store's timeline is the one `timeline` computes from the same files.
        let builder = TimelineBuilder(stemmer: Fixture.stemmer)
        var articles: [Article] = []
        _ = try BatchRunner(pipeline: Pipeline(), reader: InputReader(), jobs: 1).run(
            paths: [Fixture.seeds.path], onArticle: { articles.append($0) }, onSkipped: { _ in })
        builder.add(articles)
        let direct = builder.timeline()
        let stored = try store.timeline()
        #expect(stored.stories.map(\.id) == direct.stories.map(\.id))
        #expect(Set(stored.stories.flatMap { $0.events.map { Set($0.articles) } }) == Set(direct.stories.flatMap { $0.events.map { Set($0.articles) } }))
        #expect(stored.stories.first?.events.map(\.date) == ["2020-12-29", "2021-09-29", "2022-01-02"])
        #expect(stored.articles.count == 5)
        #expect(try store.isCurrent())
    }

    /// Stories kept from the last ingest and stories summarised anew make the timeline a full run gives.
    @Test func incrementalRegroupingGivesTheFullTimeline() throws {
        let dir = try Fixture.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Fixture.store(dir)
        _ = try Fixture.ingester(store).ingest(paths: [Fixture.seeds.path])
        let extra = [
            Fixture.doc("pasar", "Jakarta - Harga cabai rawit di pasar induk naik lagi pada Selasa (1/3/2022), kata para pedagang."),
            Fixture.doc(
                "turki", "Ankara - Presiden Turki Recep Tayyip Erdogan menelepon Presiden Rusia Vladimir Putin pada Minggu (2/1/2022) membahas Suriah.",
                outlet: "Kabar Contoh", published: "2022-01-02T20:00:00+07:00"),
        ]
        var seeds: [Article] = []
        _ = try BatchRunner(pipeline: Pipeline(), reader: InputReader(), jobs: 1).run(
            paths: [Fixture.seeds.path], onArticle: { seeds.append($0) }, onSkipped: { _ in })
        let encoder = Rendering.jsonEncoder(pretty: false)
        // First an article of its own (the seeds' story is kept), then one that joins the seeds' story.
        for (k, expectedSummarised) in [(1, 1), (2, 1)] {
            let r = try Fixture.ingester(store).ingest(documents: [extra[k - 1]])
            #expect(r.summarised == expectedSummarised, "step \(k)")
            let builder = TimelineBuilder(stemmer: Fixture.stemmer)
            builder.add(seeds + extra.prefix(k).map(Pipeline().analyze))
            let direct = builder.timeline()
            let stored = try store.timeline()
            #expect(stored.stories.count == direct.stories.count)
            #expect(try stored.stories.map { try encoder.encode($0) } == direct.stories.map { try encoder.encode($0) }, "step \(k)")
            #expect(try store.entities().map(\.name) == builder.entities().map(\.name))
            #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM pending") } == 0)
        }
        let all = try Fixture.ingester(store)
        all.regroupAll = true
        #expect(try all.ingest(documents: []).summarised == 2)  // asked to, it summarises every story again
        #expect(try Fixture.ingester(store).ingest(documents: []).summarised == nil)  // otherwise a current timeline is left alone
    }

    /// Issue 13: a deleted article leaves the store as if it had never been added: the stored
    /// timeline and entities equal a fresh timeline of the articles that remain, and search no
    /// longer finds it.
    @Test func deletingArticlesGivesTheTimelineOfTheRest() throws {
        let dir = try Fixture.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Fixture.store(dir)
        let extra = [
            Fixture.doc("pasar", "Jakarta - Harga cabai rawit di pasar induk naik lagi pada Selasa (1/3/2022), kata para pedagang."),
            Fixture.doc(
                "turki", "Ankara - Presiden Turki Recep Tayyip Erdogan menelepon Presiden Rusia Vladimir Putin pada Minggu (2/1/2022) membahas Suriah.",
                outlet: "Kabar Contoh", published: "2022-01-02T20:00:00+07:00"),
        ]
        _ = try Fixture.ingester(store).ingest(paths: [Fixture.seeds.path])
        _ = try Fixture.ingester(store).ingest(documents: extra)
        var seeds: [Article] = []
        _ = try BatchRunner(pipeline: Pipeline(), reader: InputReader(), jobs: 1).run(
            paths: [Fixture.seeds.path], onArticle: { seeds.append($0) }, onSkipped: { _ in })
        let encoder = Rendering.jsonEncoder(pretty: false)
        // One article alone in its story, then one in the seeds' story, then one of the seeds.
        var remaining = seeds + extra.map(Pipeline().analyze)
        for id in ["pasar", "turki", seeds[0].id] {
            let (report, missing) = try Fixture.ingester(store).delete(ids: [id, "tidak-ada"])
            #expect(report.deleted == 1 && missing == ["tidak-ada"], "\(id)")
            remaining.removeAll { $0.id == id }
            let builder = TimelineBuilder(stemmer: Fixture.stemmer)
            builder.add(remaining)
            let direct = builder.timeline()
            let stored = try store.timeline()
            #expect(try stored.stories.map { try encoder.encode($0) } == direct.stories.map { try encoder.encode($0) }, "after deleting \(id)")
            #expect(try store.entities().map(\.name) == builder.entities().map(\.name), "after deleting \(id)")
            #expect(try store.article(id: id) == nil)
            #expect(try store.isCurrent())
        }
        #expect(try store.search(SearchOptions(query: SearchQuery("cabai"))).totalArticles == 0)
    }

    /// Issue 13: grouping data kept in a form this version cannot read (an earlier binary format)
    /// is made again from the stored articles, and the timeline is what a fresh run gives.
    @Test func groupingDataFromAnEarlierFormatIsRebuilt() throws {
        let dir = try Fixture.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Fixture.store(dir)
        _ = try Fixture.ingester(store).ingest(paths: [Fixture.seeds.path])
        let before = try store.timeline()
        try store.write { db in
            try db.execute(sql: "UPDATE prepared SET blob = X'00'")
            try Store.setVersion(db, "articles_version", try Store.version(db, "articles_version") + 1)
        }
        let r = try Fixture.ingester(store).regroup()
        #expect(r.stories == before.stories.count)
        let encoder = Rendering.jsonEncoder(pretty: false)
        #expect(try store.timeline().stories.map { try encoder.encode($0) } == before.stories.map { try encoder.encode($0) })
        let blobs = try store.read { db in try Data.fetchAll(db, sql: "SELECT blob FROM prepared") }
        #expect(blobs.allSatisfy { (try? PreparedArticle(binary: [UInt8]($0))) != nil })
    }

    /// Issue 13: a store written by an earlier version (kept as a fixture: the seeds, made by the
    /// version that added the crawl table) opens, reads and takes new articles. A later version that
    /// changes the schema or the grouping data's form must keep this test passing.
    @Test func aStoreFromAnEarlierVersionStillWorks() throws {
        let dir = try Fixture.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("old.sqlite").path
        try FileManager.default.copyItem(at: Fixture.root.appendingPathComponent("Fixtures/stores/seeds-v3-crawl.store"), to: URL(fileURLWithPath: path))
        let store = try Store(path: path, stemmer: Fixture.stemmer)
        #expect(try store.quickCheck() == nil)
        #expect(try store.stories().items.count == 1)
        #expect(try store.search(SearchOptions(query: SearchQuery("Erdogan"))).totalArticles >= 1)
        // Its full-text indexes are what today's tokenizer makes of the same text: FTS5 tokenizes the
        // rows again and compares (an error if a single word comes out otherwise).
        try store.write { db in
            try db.execute(sql: "INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
            try db.execute(sql: "INSERT INTO events_fts(events_fts) VALUES ('integrity-check')")
        }
        let r = try Fixture.ingester(store).ingest(documents: [Fixture.doc("pasar", "Jakarta - Harga cabai rawit di pasar induk naik lagi pada Selasa (1/3/2022), kata para pedagang.")])
        #expect(r.new == 1 && r.articles == 6)
        #expect(try store.isCurrent())
        // The old articles' grouping data moved to its own table (v6-prepared-apart), and they are
        // grouped with the new one: the seeds' story and the new article's.
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM prepared") } == 6)
        #expect(try store.stories().items.count == 2)
        // The entities' rows of the old store are found by entity and article (name) together now:
        // a changed entity's deletions look up one row each, not all the entity's rows.
        try store.read { db in
            let indexes = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('article_entities', 'entity_names')")
            #expect(Set(indexes) == ["article_entities_pair", "article_entities_article", "entity_names_pair", "entity_names_name"])
            for (sql, index) in [
                ("DELETE FROM article_entities WHERE entity = 1 AND article = 'x'", "article_entities_pair"),
                ("DELETE FROM entity_names WHERE entity = 1 AND name = 'x'", "entity_names_pair"),
                ("SELECT article FROM article_entities WHERE entity = 1", "article_entities_pair"),
                // What an ingest reads first, from the index alone.
                ("SELECT key, hash FROM articles", "COVERING INDEX articles_key_hash"),
            ] {
                let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }.joined(separator: "; ")
                #expect(plan.contains(index), "\(sql): \(plan)")
            }
        }
    }

    @Test func aChangedArticleReplacesItsOldVersion() throws {
        let dir = try Fixture.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Fixture.store(dir)
        let text = "Jakarta - Menteri Luar Negeri Retno Marsudi bertemu Menteri Luar Negeri Turki di Ankara, Selasa (1/3/2022). Keduanya membahas perdagangan."
        _ = try Fixture.ingester(store).ingest(documents: [Fixture.doc("a1", text)])
        let changed = text.replacingOccurrences(of: "perdagangan", with: "kerja sama pertahanan")
        let r = try Fixture.ingester(store).ingest(documents: [Fixture.doc("a1", changed)])
        #expect((r.new, r.updated, r.unchanged) == (0, 1, 0))
        let a = try #require(try store.article(id: "a1"))
        #expect(a.article.body.joined().contains("pertahanan"))
        #expect(try store.status().articles == 1)
        // The index follows the new text, not the old.
        #expect(try store.search(SearchOptions(query: SearchQuery("pertahanan"))).totalArticles == 1)
        #expect(try store.search(SearchOptions(query: SearchQuery("perdagangan"))).totalArticles == 0)
        // Within one batch, the last version of an id wins.
        let twice = try Fixture.ingester(store).ingest(documents: [Fixture.doc("b1", text), Fixture.doc("b1", changed)])
        #expect(twice.new == 1 && twice.updated == 0 && twice.skipped == 1)  // one article, counted once (issue 16)
        #expect(try store.article(id: "b1")?.article.body.joined().contains("pertahanan") == true)
    }

    @Test func badInputsAreSkippedWithReasonsAndTheRestIsKept() throws {
        let dir = try Fixture.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try Data([0xFF, 0xFE, 0x00, 0x00, 0x00]).write(to: input.appendingPathComponent("binary.txt"))
        try "{\"text\": \"Jakarta - Harga beras naik di pasar induk, Senin (7/3/2022).\", \"id\": \"ok1\"}\nnot json\n"
            .write(to: input.appendingPathComponent("lines.jsonl"), atomically: false, encoding: .utf8)
        let store = try Fixture.store(dir)
        var reasons: [String] = []
        let r = try Fixture.ingester(store).ingest(paths: [input.path], onSkipped: { reasons.append("\($0.source): \($0.reason)") })
        #expect(r.new == 1)
        #expect(r.skipped == 2)
        #expect(reasons.contains { $0.contains("lines.jsonl:2") && $0.contains("JSON") })
        #expect(reasons.contains { $0.contains("binary.txt") })
    }

    /// A second writer waits for the first (here 0.2 s), then says plainly that the store is busy;
    /// nothing of its batch is written, and the store is unharmed.
    @Test func aSecondWriterWaitsThenSaysTheStoreIsBusy() throws {
        let dir = try Fixture.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("busy.sqlite").path
        let first = try Store(path: path, stemmer: Fixture.stemmer)
        let second = try Store(path: path, stemmer: Fixture.stemmer, busySeconds: 0.2)
        let doc = Fixture.doc("b1", "Jakarta - Harga beras naik di pasar induk, Senin (7/3/2022), kata pedagang.")
        try first.pool.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            defer { try? db.execute(sql: "ROLLBACK") }
            do {
                _ = try Fixture.ingester(second).ingest(documents: [doc])
                Issue.record("the second writer did not wait for the first")
            } catch let e as StoreError {
                #expect(e.description.contains("busy"), "\(e)")
                #expect(e.description.contains(path))
            }
        }
        #expect(try second.status().articles == 0)
        #expect(try Fixture.ingester(second).ingest(documents: [doc]).new == 1)
    }

    @Test func opensOnlyAStore() throws {
        let dir = try Fixture.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let notDB = dir.appendingPathComponent("notes.sqlite")
        try "just some text, not a database".write(to: notDB, atomically: false, encoding: .utf8)
        #expect(throws: StoreError.self) { try Store(path: notDB.path, stemmer: Fixture.stemmer) }
        #expect(throws: StoreError.self) { try Store(path: dir.appendingPathComponent("none.sqlite").path, mustExist: true) }
        // A store indexed with the stemmer needs it when opened again.
        let path = dir.appendingPathComponent("s.sqlite").path
        _ = try Store(path: path, stemmer: try #require(Fixture.stemmer))
        #expect(throws: StoreError.self) { try Store(path: path, lexicon: dir.path) }
    }
}

/// Issue 16, item 5: another program's SQLite file is refused untouched: no tables added, no WAL.
@Suite struct ForeignFileTests {
    @Test func aForeignSQLiteFileIsLeftAsItIs() throws {
        let dir = try Fixture.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("other.sqlite").path
        let q = try DatabaseQueue(path: path)
        try q.write { db in try db.execute(sql: "CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes(text) VALUES ('milik orang lain')") }
        try q.close()
        let before = try #require(FileManager.default.contents(atPath: path))
        #expect(throws: StoreError.self) { try Store(path: path, stemmer: nil) }
        #expect(throws: StoreError.self) { try Store(path: path, lexicon: dir.path, mustExist: true) }
        #expect(FileManager.default.contents(atPath: path) == before)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    /// Issue 16, item 6: two openers making one new store at the same moment both succeed.
    @Test func twoOpenersOfOneNewStoreBothSucceed() throws {
        let dir = try Fixture.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        for k in 0..<12 {
            let path = dir.appendingPathComponent("race-\(k).sqlite").path
            let failures = FailureBox()
            DispatchQueue.concurrentPerform(iterations: 2) { _ in
                do { _ = try Store(path: path, stemmer: nil) } catch { failures.add("\(error)") }
            }
            #expect(failures.messages.isEmpty, "\(failures.messages)")
        }
    }

    final class FailureBox: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var messages: [String] = []
        func add(_ m: String) {
            lock.lock()
            messages.append(m)
            lock.unlock()
        }
    }

    /// Issue 16, item 13: one id twice in one input is one article, counted once.
    @Test func aRepeatedIdInOneInputIsCountedOnce() throws {
        let dir = try Fixture.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Fixture.store(dir)
        let a = Fixture.doc("dup", "Jakarta - Versi pertama berita tentang banjir di Bekasi pada Senin (3/1/2022).")
        let b = Fixture.doc("dup", "Jakarta - Versi kedua berita tentang banjir di Bekasi pada Senin (3/1/2022), dengan angka terbaru.")
        let r = try Fixture.ingester(store).ingest(documents: [a, b])
        #expect(r.new == 1)
        #expect(r.updated == 0)
        #expect(r.skipped == 1)
        #expect(r.skippedInputs.first?.reason.contains("later one is kept") == true)
        #expect(try store.article(id: "dup")?.article.bodyText.contains("Versi kedua") == true)
    }

    /// Issue 16, item 13: a damaged store is found by its quick check and not reported current.
    @Test func aDamagedStoreIsNotCurrent() throws {
        let dir = try Fixture.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("test.sqlite").path
        do {
            let store = try Fixture.store(dir)
            _ = try Fixture.ingester(store).ingest(paths: [Fixture.seeds.path])
            #expect(try store.quickCheck() == nil)
            #expect(try store.status().integrity == "ok")
            try store.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
            try store.pool.close()
        }
        // Overwrite pages in the middle of the file (not the header) with noise.
        let h = try #require(FileHandle(forUpdatingAtPath: path))
        let size = try h.seekToEnd()
        try h.seek(toOffset: size / 2)
        try h.write(contentsOf: Data((0..<16_384).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }))
        try h.close()
        let damaged = try Store(path: path, stemmer: Fixture.stemmer)
        let problem = try damaged.quickCheck()
        #expect(problem != nil)
        if let status = try? damaged.status() {
            #expect(!status.current)
            #expect(status.integrity.hasPrefix("damaged"))
        }
    }

    @Test func aNewStoreCarriesItsMarkAndOpensAgain() throws {
        let dir = try Fixture.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.sqlite").path
        let store = try Store(path: path, stemmer: nil)
        #expect(try store.pool.read { db in try Int32.fetchOne(db, sql: "PRAGMA application_id") } == Store.applicationID)
        _ = try Store(path: path, stemmer: nil)
    }
}

@Suite struct SearchTests {
    static func store() throws -> (Store, URL) {
        let dir = try Fixture.folder()
        let store = try Fixture.store(dir)
        _ = try Fixture.ingester(store).ingest(paths: [Fixture.seeds.path])
        _ = try Fixture.ingester(store).ingest(documents: [
            Fixture.doc(
                "rudal", "Kyiv - Militer Rusia menyerang kota itu dengan rudal-rudal jelajah pada Selasa (1/3/2022) pagi, kata pejabat setempat.",
                outlet: "Kantor Berita Contoh", published: "2022-03-01T10:00:00+07:00"),
            Fixture.doc(
                "pasar", "Jakarta - Harga cabai di pasar induk naik lagi pada Selasa (1/3/2022), kata pedagang.", outlet: "Warta Pasar",
                published: "2022-03-01T11:00:00+07:00"),
        ])
        return (store, dir)
    }

    @Test func stemmedWordsFindTheirFamily() throws {
        let (store, dir) = try Self.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try store.search(SearchOptions(query: SearchQuery("serangan rudal")))
        #expect(r.articles.first?.id == "rudal")  // an article of the seeds speaks of "serangan" and "rudal" too
        #expect(!r.articles.map(\.id).contains("pasar"))
        #expect(r.articles[0].snippet.contains("<mark>menyerang</mark>"))
        #expect(r.articles[0].snippet.contains("<mark>rudal</mark>-<mark>rudal</mark>"))
        // Events are searched too (the event's title and summary).
        #expect(r.events.contains { $0.story != nil })
        #expect(try store.search(SearchOptions(query: SearchQuery("pertemuan Erdogan"))).articles.contains { $0.id.hasPrefix("000") })
    }

    @Test func phrasesKeepTheirOrder() throws {
        let (store, dir) = try Self.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let phrase = try store.search(SearchOptions(query: SearchQuery("\"Laut Hitam\"")))
        #expect(phrase.totalArticles >= 1)
        #expect(try store.search(SearchOptions(query: SearchQuery("\"Hitam Laut\""))).totalArticles == 0)
        let either = try store.search(SearchOptions(query: SearchQuery("cabai OR rudal")))
        #expect(Set(either.articles.map(\.id)).isSuperset(of: ["rudal", "pasar"]))
        #expect(try store.search(SearchOptions(query: SearchQuery("cabai AND rudal"))).totalArticles == 0)
        let without = try store.search(SearchOptions(query: SearchQuery("Selasa NOT cabai")))
        #expect(without.articles.map(\.id).contains("rudal") && !without.articles.map(\.id).contains("pasar"))
        #expect(try store.search(SearchOptions(query: SearchQuery("pasa*"))).articles.contains { $0.id == "pasar" })
    }

    /// The index holds stems, so a prefix is stemmed as a word is: a whole word read as a prefix finds
    /// at least what the word finds ("serangan*" is "serang*"; read as written it found nothing).
    @Test func aWholeWordAsAPrefixFindsWhatTheWordFinds() throws {
        let (store, dir) = try Self.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        for word in ["serangan", "menyerang", "Presiden", "rudal"] {
            let plain = try store.search(SearchOptions(query: SearchQuery(word)))
            let prefix = try store.search(SearchOptions(query: SearchQuery(word + "*")))
            #expect(plain.totalArticles > 0, "\(word)")
            #expect(prefix.totalArticles >= plain.totalArticles, "\(word)*")
            #expect(Set(prefix.articles.map(\.id)).isSuperset(of: plain.articles.map(\.id)), "\(word)*")
        }
    }

    @Test func filtersByOutletDayAndEntity() throws {
        let (store, dir) = try Self.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let q = try SearchQuery("Rusia")
        let all = try store.search(SearchOptions(query: q)).totalArticles
        #expect(all >= 4)
        #expect(try store.search(SearchOptions(query: q, outlet: "kantor berita contoh")).articles.map(\.id) == ["rudal"])
        let early = try store.search(SearchOptions(query: q, to: "2021-01-31"))
        #expect(!early.articles.isEmpty && early.articles.allSatisfy { ($0.date ?? "") <= "2021-01-31" })
        #expect(early.totalArticles < all)
        let erdogan = try store.search(SearchOptions(query: q, entity: "Recep Tayyip Erdogan"))
        #expect(erdogan.totalArticles >= 3 && !erdogan.articles.map(\.id).contains("rudal"))
        #expect(try store.search(SearchOptions(query: q, entity: "Nobody Atall")).totalArticles == 0)
    }

    /// Issue 16, item 13: `%` and `_` in an outlet filter are letters, not wildcards, and `offset`
    /// pages events as it pages articles.
    @Test func outletFilterIsLiteralAndEventsPage() throws {
        let (store, dir) = try Self.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let q = try SearchQuery("Selasa")
        #expect(try !store.search(SearchOptions(query: q, outlet: "Warta Pasar")).events.isEmpty)
        #expect(try store.search(SearchOptions(query: q, outlet: "%")).events.isEmpty)
        #expect(try store.search(SearchOptions(query: q, outlet: "Warta_Pasar")).events.isEmpty)
        let first = try store.search(SearchOptions(query: try SearchQuery("Rusia"), limit: 1))
        let second = try store.search(SearchOptions(query: try SearchQuery("Rusia"), limit: 1, offset: 1))
        #expect(first.events.count == 1 && second.events.count == 1)
        #expect(first.events.first?.id != second.events.first?.id)
    }

    /// Issue 16, item 9: the work of one query is bounded: short prefixes are words, at most four
    /// prefixes and 32 words are read, and each cut is said.
    @Test func queriesWithUnboundedWorkAreBounded() throws {
        let everyLetter = "abcdefghijklmnopqrstuvwxyz".map { "\($0)*" }.joined(separator: " OR ")
        for text in [everyLetter, "a*", "ru*", "rus* OR tur* OR mos* OR ank* OR sya*", Array(repeating: "kata", count: 40).joined(separator: " OR ")] {
            let q = try SearchQuery(text)
            #expect(!q.notes.isEmpty, "\(text.prefix(40))")
            let stars = q.expression.filter { $0 == "*" }.count
            #expect(stars <= SearchQuery.maximumPrefixes, "\(q.expression)")
            #expect(!q.expression.contains("\"a\"*") && !q.expression.contains("\"ru\"*"), "\(q.expression)")
            #expect(q.expression.components(separatedBy: "\"").count / 2 <= SearchQuery.maximumTerms)
        }
        let fine = try SearchQuery("rus* OR tur*")
        #expect(fine.notes.isEmpty && fine.expression == "\"rus\"* OR \"tur\"*")
    }

    /// A query is read as a search box reads it: what is left open is closed, what dangles is left
    /// out, and the reading is said; nothing reaches SQLite that it cannot parse.
    @Test(arguments: [
        ("\"Laut Hitam", "\"Laut Hitam\""), ("AND", ""), ("Rusia OR", "\"Rusia\""), ("OR Rusia", "\"Rusia\""),
        ("NOT Rusia", "\"Rusia\""), ("(Rusia", "( \"Rusia\" )"), ("Rusia)", "\"Rusia\""), ("()", ""), ("***", ""),
        ("- + ^ :", ""), ("\"\"", ""), ("a OR () b", "\"a\" OR \"b\""), ("(a OR)", "( \"a\" )"), ("a AND OR b", "\"a\" OR \"b\""),
    ])
    func looseQueriesAreReadAndSaid(_ text: String, _ expression: String) throws {
        let q = try SearchQuery(text)
        #expect(q.expression == expression, "\(text)")
        #expect(!q.notes.isEmpty, "\(text)")
        let (store, dir) = try Self.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try store.search(SearchOptions(query: q))
        #expect(r.notes == q.notes)
        if expression.isEmpty { #expect(r.totalArticles == 0) }
    }

    @Test(arguments: ["rudal-rudal", "C++ Rusia", "Turki: \"Laut Hitam\" *", "col:umn", "NEAR(a b)", "a AND (b OR c)", "'Rusia'", "Rusia^2"])
    func punctuationNeverReachesSQLite(_ text: String) throws {
        let (store, dir) = try Self.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let q = try SearchQuery(text)
        _ = try store.search(SearchOptions(query: q))  // no SQL error
    }
}

/// Issue 13: the entities an increment did not change keep their rows; a changed one keeps its
/// row when it keeps its name and kind, and only its names' and articles' differences are written.
@Suite struct EntityWritesTests {
    static func entity(_ name: String, kind: String = "PER", aliases: [String] = [], articles: [String]) -> (EntitySummary, String) {
        let e = EntitySummary(name: name, kind: kind, aliases: aliases, roles: [], mentions: articles.count, articles: articles, events: [])
        return (e, e.compactJSON())
    }

    @Test func onlyWhatChangedIsWritten() {
        let before = [
            Self.entity("Prabowo Subianto", aliases: ["Prabowo"], articles: ["a", "b"]), Self.entity("KPK", kind: "ORG", articles: ["a"]),
            Self.entity("Jakarta", kind: "LOC", articles: ["c"]),
        ]
        let old = before.enumerated().map { k, x in EntityWrites.OldRow(id: Int64(k + 1), hash: Store.hash(x.1), name: x.0.name, kind: x.0.kind) }
        let after = [
            before[1],  // unchanged
            Self.entity("Prabowo Subianto", aliases: ["Prabowo", "Pak Prabowo"], articles: ["a", "b", "d"]),  // changed, same name and kind
            Self.entity("Bandung", kind: "LOC", articles: ["d"]),  // new
        ]
        let plan = EntityWrites(old: old, new: after)
        #expect(plan.updated.map(\.id) == [Int64(1)])
        #expect(plan.updated.first?.names == ["Prabowo Subianto", "Prabowo", "Pak Prabowo"])
        #expect(plan.updated.first?.articles == ["a", "b", "d"])
        #expect(plan.inserted.map(\.entity.name) == ["Bandung"])
        #expect(plan.gone == [Int64(3)])
        // Nothing changed: nothing to write.
        let same = EntityWrites(old: old, new: before)
        #expect(same.updated.isEmpty && same.inserted.isEmpty && same.gone.isEmpty)
        // A row whose hash an earlier version did not keep is written once more, in place.
        let unhashed = old.map { var r = $0; r.hash = ""; return r }
        let rewritten: [Int64] = EntityWrites(old: unhashed, new: before).updated.map(\.id)
        #expect(rewritten == [1, 2, 3])
    }

    @Test func rowsAgreeOnlyWithTheirJSON() {
        let (e, json) = Self.entity("Prabowo Subianto", aliases: ["Prabowo"], articles: ["a", "b"])
        let one: Int64 = 1, two: Int64 = 2
        let entities: [(Int64, String)] = [(one, json)]
        let names: [(Int64, String)] = [(one, "Prabowo Subianto"), (one, "Prabowo")]
        let articles: [(Int64, String)] = [(one, "a"), (one, "b")]
        let twice: [(Int64, String)] = names + [(one, "Prabowo")]
        let short: [(Int64, String)] = [(one, "a")]
        let orphan: [(Int64, String)] = articles + [(two, "c")]
        #expect(e.name == "Prabowo Subianto")
        let agree = EntityWrites.rowsAgree(entities: entities, names: names, articles: articles)
        #expect(agree)
        let doubled = EntityWrites.rowsAgree(entities: entities, names: twice, articles: articles)
        #expect(!doubled)
        let missing = EntityWrites.rowsAgree(entities: entities, names: names, articles: short)
        #expect(!missing)
        let stray = EntityWrites.rowsAgree(entities: entities, names: names, articles: orphan)
        #expect(!stray)
    }
}
