import Foundation
import Hummingbird
import HummingbirdTesting
import Linimasa
import LinimasaStore
import Logging
import Testing

@testable import LinimasaServer

/// Every route in-process (HummingbirdTesting), bad input included, and the OpenAPI document
/// checked against what the server does.
@Suite(.serialized) struct ServerTests {
    static let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/seeds")
    static let stemmer: Stemmer? = StemmerRegistry.load(
        directory: ProcessInfo.processInfo.environment["LINIMASA_HUNSPELL_DIR"] ?? HunspellLexicon.defaultDirectory)

    /// A store with the seeds, in a folder of its own.
    static func store() throws -> (Store, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("linimasa-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = try Store(path: dir.appendingPathComponent("s.sqlite").path, stemmer: try #require(stemmer, "install hunspell-id"))
        _ = try Ingester(store: store, runner: BatchRunner(pipeline: Pipeline(), reader: InputReader(), jobs: 2)).ingest(paths: [seeds.path])
        return (store, dir)
    }

    static func app(_ store: any CollectionStore, token: String? = "rahasia", maxBody: Int = 1 << 20) throws -> some ApplicationProtocol {
        var o = ServerOptions()
        o.token = token
        o.maxBodyBytes = maxBody
        o.jobs = 2
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        return Application(router: try LinimasaServer.makeRouter(store: store, options: o, logger: logger))
    }

    static func json(_ r: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: r.body)) as? [String: Any])
    }

    static func errorMessage(_ r: TestResponse) throws -> String {
        let e = try #require(try json(r)["error"] as? [String: Any])
        #expect(e["status"] as? Int == Int(r.status.code))
        return try #require(e["message"] as? String)
    }

    @Test func storiesTimelineEventAndArticle() async throws {
        let (store, dir) = try Self.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await Self.app(store).test(.router) { client in
            let list = try await client.execute(uri: "/api/stories?page=1&per_page=10", method: .get)
            #expect(list.status == .ok)
            let page = try JSONDecoder().decode(Page<StorySummary>.self, from: Data(buffer: list.body))
            #expect(page.total == 1 && page.items.count == 1)
            let id = page.items[0].id
            #expect(page.items[0].events == 3 && page.items[0].firstDay == "2020-12-29")

            let story = try await client.execute(uri: "/api/stories/\(id)", method: .get)
            #expect(story.status == .ok)
            let t = try JSONDecoder().decode(StoryTimeline.self, from: Data(buffer: story.body))
            #expect(t.story.events.map(\.date) == ["2020-12-29", "2021-09-29", "2022-01-02"])
            #expect(t.articles.count == 5 && t.current)
            let ranged = try await client.execute(uri: "/api/stories/\(id)?from=2021-01-01&to=2021-12-31", method: .get)
            let r = try JSONDecoder().decode(StoryTimeline.self, from: Data(buffer: ranged.body))
            #expect(r.story.events.map(\.date) == ["2021-09-29"] && r.eventsTotal == 1)
            #expect(r.articles.map(\.id) == r.story.events[0].articles)
            let paged = try await client.execute(uri: "/api/stories/\(id)?offset=1&limit=1", method: .get)
            let p = try JSONDecoder().decode(StoryTimeline.self, from: Data(buffer: paged.body))
            #expect(p.story.events.map(\.date) == ["2021-09-29"] && p.eventsTotal == 3 && p.offset == 1 && p.limit == 1)
            #expect(p.story.quotes.allSatisfy { q in p.story.events[0].quotes.contains(q) })

            let eventID = t.story.events[0].id
            let event = try await client.execute(uri: "/api/events/\(eventID)", method: .get)
            #expect(event.status == .ok)
            #expect(try JSONDecoder().decode(EventRecord.self, from: Data(buffer: event.body)).story.id == id)

            let articleID = t.story.events[0].articles[0]
            let article = try await client.execute(uri: "/api/articles/\(articleID)", method: .get)
            #expect(article.status == .ok)
            let record = try JSONDecoder().decode(ArticleRecord.self, from: Data(buffer: article.body))
            #expect(record.event == eventID && record.story == id)
            #expect(!record.article.removed.isEmpty, "the article view carries its removed lines")

            for uri in ["/api/stories/nope", "/api/events/nope", "/api/articles/nope", "/api/nothing"] {
                let r = try await client.execute(uri: uri, method: .get)
                #expect(r.status == .notFound, "\(uri)")
                #expect(try !Self.errorMessage(r).isEmpty)
            }
            // Issue 16, item 7: a page number that overflowed (page - 1) × per_page killed the server. Pages
            // up to the documented maximum are answered (empty far past the end); beyond it, refused.
            for uri in ["/api/stories?page=1000000000", "/api/stories?page=1000000000&per_page=200"] {
                let r = try await client.execute(uri: uri, method: .get)
                #expect(r.status == .ok, "\(uri)")
                let page = try JSONSerialization.jsonObject(with: Data(buffer: r.body)) as? [String: Any]
                #expect((page?["items"] as? [Any])?.isEmpty == true)
            }
            for uri in ["/api/stories?page=9223372036854775807", "/api/stories?page=99999999999999999999999"] {
                let r = try await client.execute(uri: uri, method: .get)
                #expect(r.status == .badRequest, "\(uri)")
                #expect(try Self.errorMessage(r).contains("from 1 to 1000000000"))
            }
            for uri in ["/api/stories?page=0", "/api/stories?per_page=x", "/api/stories/\(id)?from=yesterday", "/api/stories/\(id)?limit=0"] {
                let r = try await client.execute(uri: uri, method: .get)
                #expect(r.status == .badRequest, "\(uri)")
                #expect(try Self.errorMessage(r).contains("must be"))
            }
        }
    }

    @Test func searchAndEntities() async throws {
        let (store, dir) = try Self.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await Self.app(store).test(.router) { client in
            let r = try await client.execute(uri: "/api/search?q=pertemuan%20Erdogan", method: .get)
            #expect(r.status == .ok)
            let results = try JSONDecoder().decode(SearchResults.self, from: Data(buffer: r.body))
            #expect(results.totalArticles >= 1 && results.articles[0].snippet.contains("<mark>"))
            let phrase = try await client.execute(uri: "/api/search?q=%22Laut%20Hitam%22&outlet=detikNews", method: .get)
            #expect(phrase.status == .ok)

            // A query is read as a search box reads it, and the reading is said.
            for uri in ["/api/search?q=%22Laut", "/api/search?q=AND"] {
                let loose = try await client.execute(uri: uri, method: .get)
                #expect(loose.status == .ok, "\(uri)")
                #expect(!(try JSONDecoder().decode(SearchResults.self, from: Data(buffer: loose.body))).notes.isEmpty, "\(uri)")
            }
            for uri in ["/api/search", "/api/search?q=", "/api/search?q=x&from=2022-13-45", "/api/search?q=x&from=", "/api/search?q=x&limit=0",
                "/api/search?q=x&offset=1000000001", "/api/search?q=" + String(repeating: "a", count: 600)]
            {
                let bad = try await client.execute(uri: uri, method: .get)
                #expect(bad.status == .badRequest, "\(uri)")
                let message = try Self.errorMessage(bad)
                #expect(!message.contains("SQL") && !message.contains("fts5"), "\(message)")
            }

            let e = try await client.execute(uri: "/api/entities?kind=PER&min_mentions=2", method: .get)
            #expect(e.status == .ok)
            let list = try JSONDecoder().decode(EntityList.self, from: Data(buffer: e.body))
            #expect(list.entities.contains { $0.name == "Recep Tayyip Erdogan" })
            #expect(list.entities.allSatisfy { $0.kind == "PER" && $0.mentions >= 2 })
            #expect(try await client.execute(uri: "/api/entities?kind=ANIMAL", method: .get).status == .badRequest)
        }
    }

    @Test func addingArticlesNeedsTheToken() async throws {
        let (store, dir) = try Self.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let article = """
            {"id": "baru-1", "outlet": "Contoh", "published": "2022-03-01T10:00:00+07:00", "title": "Harga cabai naik",
             "text": "Jakarta - Harga cabai rawit di pasar induk naik lagi pada Selasa (1/3/2022), kata para pedagang."}
            """
        try await Self.app(store, maxBody: 4096).test(.router) { client in
            let none = try await client.execute(uri: "/api/articles", method: .post, body: ByteBuffer(string: article))
            #expect(none.status == .unauthorized)
            let wrong = try await client.execute(
                uri: "/api/articles", method: .post, headers: [.authorization: "Bearer salah"], body: ByteBuffer(string: article))
            #expect(wrong.status == .unauthorized)
            let ok = try await client.execute(
                uri: "/api/articles", method: .post, headers: [.authorization: "Bearer rahasia"], body: ByteBuffer(string: article))
            #expect(ok.status == .created)
            let report = try JSONDecoder().decode(IngestReport.self, from: Data(buffer: ok.body))
            #expect(report.new == 1 && report.articles == 6, "\(report)")
            let again = try await client.execute(
                uri: "/api/articles", method: .post, headers: [.authorization: "Bearer rahasia"], body: ByteBuffer(string: article))
            #expect(again.status == .ok)
            #expect(try JSONDecoder().decode(IngestReport.self, from: Data(buffer: again.body)).unchanged == 1)
            #expect(try await client.execute(uri: "/api/articles/baru-1", method: .get).status == .ok)
            let found = try await client.execute(uri: "/api/search?q=cabai", method: .get)
            #expect(try JSONDecoder().decode(SearchResults.self, from: Data(buffer: found.body)).articles.map(\.id) == ["baru-1"])

            // JSON lines with one bad line: the good one is added, the bad one reported.
            let lines = "{\"text\": \"Jakarta - Harga bawang merah turun, Rabu (2/3/2022).\"}\n{\"title\": \"no text\"}\n"
            let mixed = try await client.execute(
                uri: "/api/articles", method: .post, headers: [.authorization: "Bearer rahasia"], body: ByteBuffer(string: lines))
            let mixedReport = try JSONDecoder().decode(IngestReport.self, from: Data(buffer: mixed.body))
            #expect(mixed.status == .created && mixedReport.new == 1 && mixedReport.skipped == 1)

            for body in ["", "not json at all", "{\"title\": \"no text\"}"] {
                let bad = try await client.execute(
                    uri: "/api/articles", method: .post, headers: [.authorization: "Bearer rahasia"], body: ByteBuffer(string: body))
                #expect(bad.status == .badRequest, "\(body)")
            }
            let big = try await client.execute(
                uri: "/api/articles", method: .post, headers: [.authorization: "Bearer rahasia"],
                body: ByteBuffer(string: "{\"text\": \"" + String(repeating: "kata ", count: 2000) + "\"}"))
            #expect(big.status == .contentTooLarge)
            #expect(try Self.errorMessage(big).contains("4096"))
        }
        try await Self.app(store, token: nil).test(.router) { client in
            let off = try await client.execute(
                uri: "/api/articles", method: .post, headers: [.authorization: "Bearer rahasia"], body: ByteBuffer(string: article))
            #expect(off.status == .forbidden)
        }
    }

    /// The server is written against `CollectionStore`: on the in-memory store it posts, reads,
    /// searches and deletes as on the SQLite one.
    @Test func theServerRunsOnTheInMemoryStore() async throws {
        let store = MemoryStore(stemmer: try #require(Self.stemmer, "install hunspell-id"))
        _ = try Ingester(store: store, runner: BatchRunner(pipeline: Pipeline(), reader: InputReader(), jobs: 2)).ingest(paths: [Self.seeds.path])
        let article = """
            {"id": "baru-1", "outlet": "Contoh", "published": "2022-03-01T10:00:00+07:00", "title": "Harga cabai naik",
             "text": "Jakarta - Harga cabai rawit di pasar induk naik lagi pada Selasa (1/3/2022), kata para pedagang."}
            """
        try await Self.app(store).test(.router) { client in
            let stories = try Self.json(try await client.execute(uri: "/api/stories", method: .get))
            #expect(stories["total"] as? Int == 1)
            let ok = try await client.execute(
                uri: "/api/articles", method: .post, headers: [.authorization: "Bearer rahasia"], body: ByteBuffer(string: article))
            #expect(ok.status == .created)
            let found = try await client.execute(uri: "/api/search?q=cabai", method: .get)
            #expect(try JSONDecoder().decode(SearchResults.self, from: Data(buffer: found.body)).articles.map(\.id) == ["baru-1"])
            let gone = try await client.execute(uri: "/api/articles/baru-1", method: .delete, headers: [.authorization: "Bearer rahasia"])
            #expect(gone.status == .ok)
            #expect(try await client.execute(uri: "/api/articles/baru-1", method: .get).status == .notFound)
            let status = try Self.json(try await client.execute(uri: "/api/status", method: .get))
            #expect(status["articles"] as? Int == 5 && status["current"] as? Bool == true)
        }
    }

    /// Issue 14: two servers on one PostgreSQL database (when the tests have one:
    /// LINIMASA_TEST_POSTGRES): an article posted through one is found through the other, whose
    /// answer cache sees the collection's version change.
    @Test func twoServersShareOnePostgreSQLDatabase() async throws {
        guard var url = ProcessInfo.processInfo.environment["LINIMASA_TEST_POSTGRES"].flatMap(PostgresURL.init) else { return }
        url.database = "s_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try PostgresStore.administer(url, "CREATE DATABASE \(url.database)")
        defer { try? PostgresStore.administer(url, "DROP DATABASE IF EXISTS \(url.database) WITH (FORCE)") }
        let stemmer = try #require(Self.stemmer, "install hunspell-id")
        let one = try PostgresStore(url: url, stemmer: stemmer)
        let two = try PostgresStore(url: url, stemmer: stemmer)
        defer {
            one.shutdown()
            two.shutdown()
        }
        _ = try Ingester(store: one, runner: BatchRunner(pipeline: Pipeline(), reader: InputReader(), jobs: 2)).ingest(paths: [Self.seeds.path])
        let article = """
            {"id": "baru-1", "outlet": "Contoh", "published": "2022-03-01T10:00:00+07:00", "title": "Harga cabai naik",
             "text": "Jakarta - Harga cabai rawit di pasar induk naik lagi pada Selasa (1/3/2022), kata para pedagang."}
            """
        try await Self.app(two).test(.router) { reader in
            let before = try await reader.execute(uri: "/api/search?q=cabai", method: .get)
            #expect(try JSONDecoder().decode(SearchResults.self, from: Data(buffer: before.body)).totalArticles == 0)
            try await Self.app(one).test(.router) { writer in
                let ok = try await writer.execute(
                    uri: "/api/articles", method: .post, headers: [.authorization: "Bearer rahasia"], body: ByteBuffer(string: article))
                #expect(ok.status == .created)
            }
            // The reader's cache reads the version at most every 250 ms.
            try await Task.sleep(for: .milliseconds(400))
            let after = try await reader.execute(uri: "/api/search?q=cabai", method: .get)
            #expect(try JSONDecoder().decode(SearchResults.self, from: Data(buffer: after.body)).articles.map(\.id) == ["baru-1"])
            #expect(try await reader.execute(uri: "/api/articles/baru-1", method: .get).status == .ok)
        }
    }

    /// A numeric id beyond 15 digits would not come back as written (Schemathesis posted
    /// 10525204854677329412096 and could not GET it): it is refused, saying to send it as a string.
    @Test func aNumericIdTooLongToKeepExactlyIsRefused() async throws {
        let (store, dir) = try Self.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = "Jakarta - Harga cabai rawit di pasar induk naik lagi pada Selasa (1/3/2022), kata para pedagang."
        try await Self.app(store).test(.router) { client in
            let long = try await client.execute(
                uri: "/api/articles", method: .post, headers: [.authorization: "Bearer rahasia"],
                body: ByteBuffer(string: "{\"id\": 10525204854677329412096, \"text\": \"\(text)\"}"))
            #expect(long.status == .badRequest)
            #expect(try Self.errorMessage(long).contains("as strings"))
            let short = try await client.execute(
                uri: "/api/articles", method: .post, headers: [.authorization: "Bearer rahasia"],
                body: ByteBuffer(string: "{\"id\": 123456789012345, \"text\": \"\(text)\"}"))
            #expect(short.status == .created)
            #expect(try await client.execute(uri: "/api/articles/123456789012345", method: .get).status == .ok)
        }
    }

    /// A repeated GET is answered from memory until the store changes.
    @Test func answersAreCachedUntilTheStoreChanges() async throws {
        let (store, dir) = try Self.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await Self.app(store).test(.router) { client in
            let first = try await client.execute(uri: "/api/search?q=cabai", method: .get)
            #expect(first.headers[.init("X-Cache")!] == "miss")
            #expect(try JSONDecoder().decode(SearchResults.self, from: Data(buffer: first.body)).totalArticles == 0)
            let again = try await client.execute(uri: "/api/search?q=cabai", method: .get)
            #expect(again.headers[.init("X-Cache")!] == "hit")
            #expect(again.body == first.body)
            let post = try await client.execute(
                uri: "/api/articles", method: .post, headers: [.authorization: "Bearer rahasia"],
                body: ByteBuffer(string: "{\"text\": \"Jakarta - Harga cabai naik, Senin (7/3/2022).\"}"))
            #expect(post.status == .created)
            let after = try await client.execute(uri: "/api/search?q=cabai", method: .get)
            #expect(after.headers[.init("X-Cache")!] == "miss")
            #expect(try JSONDecoder().decode(SearchResults.self, from: Data(buffer: after.body)).totalArticles == 1)
            // Errors are never cached.
            _ = try await client.execute(uri: "/api/search?q=x&limit=0", method: .get)
            #expect(try await client.execute(uri: "/api/search?q=x&limit=0", method: .get).headers[.init("X-Cache")!] == nil)
            // Stories in the three orders.
            for sort in ["recent", "size", "start"] {
                #expect(try await client.execute(uri: "/api/stories?sort=\(sort)", method: .get).status == .ok)
            }
            #expect(try await client.execute(uri: "/api/stories?sort=random", method: .get).status == .badRequest)
        }
    }

    @Test func theWebPageIsServedWithoutOutsideRequests() async throws {
        let (store, dir) = try Self.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await Self.app(store).test(.router) { client in
            let page = try await client.execute(uri: "/", method: .get)
            #expect(page.status == .ok)
            #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
            let html = String(buffer: page.body)
            #expect(html.contains("lang=\"id\"") && html.contains("name=\"viewport\""))
            for asset in ["/app.js", "/app.css"] {
                let r = try await client.execute(uri: asset, method: .get)
                #expect(r.status == .ok)
                let text = String(buffer: r.body)
                #expect(!text.contains("http://") && !text.contains("https://"), "\(asset) requests nothing outside the server")
            }
            #expect(!html.contains("http://") && !html.contains("https://"))
        }
    }

    /// Every path and method in /api/openapi.json is served, and answers with a status the document lists.
    @Test func theOpenAPIDocumentMatchesTheServer() async throws {
        let (store, dir) = try Self.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let storyID = try #require(try store.stories().items.first?.id)
        let story = try #require(try store.story(id: storyID))
        let ids = ["id": storyID]
        try await Self.app(store).test(.router) { client in
            let r = try await client.execute(uri: "/api/openapi.json", method: .get)
            #expect(r.status == .ok)
            let doc = try Self.json(r)
            #expect((doc["openapi"] as? String)?.hasPrefix("3.1") == true)
            let paths = try #require(doc["paths"] as? [String: [String: Any]])
            #expect(paths.count >= 9)
            var checked = 0
            for (path, methods) in paths {
                for (method, spec) in methods {
                    let op = try #require(spec as? [String: Any])
                    let documented = Set((try #require(op["responses"] as? [String: Any])).keys)
                    var uri = path
                    if path.hasPrefix("/api/events/") { uri = "/api/events/\(story.events[0].id)" }
                    else if path.hasPrefix("/api/articles/") { uri = "/api/articles/\(story.articles[0])" }
                    else { for (k, v) in ids { uri = uri.replacingOccurrences(of: "{\(k)}", with: v) } }
                    if path == "/api/search" { uri += "?q=Rusia" }
                    let response: TestResponse
                    switch method {
                    case "get": response = try await client.execute(uri: uri, method: .get)
                    case "post":
                        response = try await client.execute(
                            uri: uri, method: .post, headers: [.authorization: "Bearer rahasia"],
                            body: ByteBuffer(string: "{\"text\": \"Jakarta - Hujan deras, Senin (7/3/2022).\"}"))
                    case "delete":
                        // An id that is not there (deleting the story's article would change the store under the other checks).
                        response = try await client.execute(uri: "/api/articles/tidak-ada", method: .delete, headers: [.authorization: "Bearer rahasia"])
                    default:
                        Issue.record("\(method) \(path) is documented but the test does not know the method")
                        continue
                    }
                    #expect(documented.contains(String(response.status.code)), "\(method.uppercased()) \(uri) gave \(response.status.code), documented \(documented)")
                    // Documented error statuses are real: a missing id gives 404 where 404 is listed.
                    if documented.contains("404") && method == "get" {
                        let missing = try await client.execute(uri: uri.replacingOccurrences(of: storyID, with: "x").replacingOccurrences(of: story.events[0].id, with: "x").replacingOccurrences(of: story.articles[0], with: "x"), method: .get)
                        #expect(missing.status == .notFound, "\(path)")
                    }
                    checked += 1
                }
            }
            #expect(checked >= 9)
        }
    }
}

/// Issue 16, items 11 and 13: what the probe found in the server's answers.
@Suite struct ProbeServerTests {
    @Test func idsArePercentDecodedAndNothingLeaksOrSniffs() async throws {
        let (store, dir) = try ServerTests.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = "Kota Café\n\nJakarta - Warga kota berkumpul di alun-alun pada Senin (3/1/2022) untuk merayakan ulang tahun kota."
        _ = try Ingester(store: store, runner: BatchRunner(pipeline: Pipeline(), reader: InputReader(), jobs: 1))
            .ingest(documents: [RawDocument(id: "kota café 1", source: dir.appendingPathComponent("deep/folder/kota.txt").path, text: text)])
        let app = try ServerTests.app(store)
        try await app.test(.router) { client in
            let r = try await client.execute(uri: "/api/articles/kota%20caf%C3%A9%201", method: .get)
            #expect(r.status == .ok)
            let body = try ServerTests.json(r)
            let article = try #require(body["article"] as? [String: Any])
            #expect(article["id"] as? String == "kota café 1")
            // The server's folders stay on the server.
            #expect(article["source"] as? String == "kota.txt")
            #expect(r.headers[.xContentTypeOptions] == "nosniff")
            #expect(r.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
            let page = try await client.execute(uri: "/", method: .get)
            #expect(page.headers[.xContentTypeOptions] == "nosniff")
            // A NUL (or any control character) in a query is a bad request, not a server error.
            for q in ["a%00b", "a%0Ab"] {
                let bad = try await client.execute(uri: "/api/search?q=\(q)", method: .get)
                #expect(bad.status == .badRequest, "\(q)")
            }
        }
    }

    /// Issue 16, item 15: a known path asked with a method it does not take is 405 with Allow.
    @Test func otherMethodsAre405() async throws {
        let (store, dir) = try ServerTests.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let app = try ServerTests.app(store)
        try await app.test(.router) { client in
            for (uri, method) in [
                ("/api/stories", HTTPRequest.Method.put), ("/api/stories", .delete), ("/api/search", .trace), ("/api/articles", .get), ("/", .post),
                ("/api/stories", HTTPRequest.Method("QUERY")!), ("/api/stories/s-1", .patch),
            ] {
                let r = try await client.execute(uri: uri, method: method)
                #expect(r.status == .methodNotAllowed, "\(method) \(uri)")
                #expect(r.headers[.allow] != nil)
            }
            let missing = try await client.execute(uri: "/api/nothing", method: .put)
            #expect(missing.status == .notFound)
            #expect(try await client.execute(uri: "/api/articles/", method: .get).status == .notFound)
        }
    }

    /// Issue 16, item 15: the server and its OpenAPI document agree (what Schemathesis found): a body
    /// the document allows is taken, one it does not is refused naming the item and the field.
    @Test func theServerTakesWhatTheDocumentAllowsAndNothingElse() async throws {
        let (store, dir) = try ServerTests.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let app = try ServerTests.app(store)
        let auth: HTTPFields = [.authorization: "Bearer rahasia", .contentType: "application/json"]
        try await app.test(.router) { client in
            for body in ["[]", #"{"text": "Hujan deras.", "id": 0}"#, #"[{"text": "Banjir.", "id": null, "published": null, "extra": {"a": 1}}]"#] {
                let r = try await client.execute(uri: "/api/articles", method: .post, headers: auth, body: ByteBuffer(string: body))
                #expect(r.status == .ok || r.status == .created, "\(body)")
            }
            // What the document allows is stored: the article posted with id 0 is there.
            #expect(try await client.execute(uri: "/api/articles/0", method: .get).status == .ok)
            for (body, why) in [
                (#"{"text": "x", "id": 1.5}"#, "\"id\" must be"), (#"{"text": "x", "id": true}"#, "\"id\" must be"),
                (#"[{"text": "x"}, {"text": 5}]"#, "item 2: \"text\" must be a string"), (#"{"text": "x", "published": 5}"#, "\"published\""),
                ("42", "JSON object"), (#"{"text": " \u3000 "}"#, "\"text\" is empty"), (#"{"text": "x", "id": " "}"#, "\"id\" is empty"),
            ] {
                let r = try await client.execute(uri: "/api/articles", method: .post, headers: auth, body: ByteBuffer(string: body))
                #expect(r.status == .badRequest, "\(body)")
                #expect(try ServerTests.errorMessage(r).contains(why), "\(body)")
            }
            // Declared JSON lines are records, each judged alone: none readable is an answer, not an error.
            let lines = try await client.execute(
                uri: "/api/articles", method: .post, headers: [.authorization: "Bearer rahasia", .contentType: "application/x-ndjson"],
                body: ByteBuffer(string: "not json\n{\"text\": 5}\n"))
            #expect(lines.status == .ok)
            #expect(try JSONDecoder().decode(IngestReport.self, from: Data(buffer: lines.body)).skipped == 2)
            let storyID = try #require(try store.stories().items.first?.id)
            for uri in ["/api/stories/\(storyID)?to=", "/api/entities?kind=", "/api/entities?kind=per", "/api/stories?page=1000000001"] {
                #expect(try await client.execute(uri: uri, method: .get).status == .badRequest, "\(uri)")
            }
        }
    }

    /// Issue 13: `DELETE /api/articles/{id}` needs the token, answers 404 for an id not there, and
    /// removes the article from its story, search and the article route.
    @Test func deletingAnArticle() async throws {
        let (store, dir) = try ServerTests.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let storyID = try #require(try store.stories().items.first?.id)
        let id = try #require(try store.story(id: storyID)?.articles.first)
        try await ServerTests.app(store).test(.router) { client in
            let anonymous = try await client.execute(uri: "/api/articles/\(id)", method: .delete)
            #expect(anonymous.status == .unauthorized)
            let token: HTTPFields = [.authorization: "Bearer rahasia"]
            let missing = try await client.execute(uri: "/api/articles/tidak-ada", method: .delete, headers: token)
            #expect(missing.status == .notFound)
            let r = try await client.execute(uri: "/api/articles/\(id)", method: .delete, headers: token)
            #expect(r.status == .ok)
            let report = try JSONDecoder().decode(IngestReport.self, from: Data(buffer: r.body))
            #expect(report.deleted == 1 && report.articles == 4)
            let gone = try await client.execute(uri: "/api/articles/\(id)", method: .get)
            #expect(gone.status == .notFound)
            let stories = try ServerTests.json(try await client.execute(uri: "/api/stories", method: .get))
            let total = (stories["items"] as? [[String: Any]])?.compactMap { $0["articles"] as? Int }.reduce(0, +)
            #expect(total == 4)
        }
        try await ServerTests.app(store, token: nil).test(.router) { client in
            let off = try await client.execute(uri: "/api/articles/x", method: .delete, headers: [.authorization: "Bearer rahasia"])
            #expect(off.status == .forbidden)
        }
    }

    /// An article posted with a number for its id ("id": -1905.0, a whole number as JSON may write
    /// it) is found and deleted at the path that writes the number the same way, as at its digits
    /// (Schemathesis's stateful phase found the first 404).
    @Test func anArticlePostedWithANumberIdIsFoundByThatNumber() async throws {
        let (store, dir) = try ServerTests.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let token: HTTPFields = [.authorization: "Bearer rahasia"]
        let article = #"{"id": -1905.0, "text": "Jakarta - Harga cabai rawit di pasar induk naik lagi pada Selasa, kata para pedagang."}"#
        try await ServerTests.app(store).test(.router) { client in
            let ok = try await client.execute(uri: "/api/articles", method: .post, headers: token, body: ByteBuffer(string: article))
            #expect(ok.status == .created)
            #expect(try await client.execute(uri: "/api/articles/-1905", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/api/articles/-1905.0", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/api/articles/-1905.5", method: .get).status == .notFound)
            let gone = try await client.execute(uri: "/api/articles/-1905.0", method: .delete, headers: token)
            #expect(gone.status == .ok)
            #expect(try await client.execute(uri: "/api/articles/-1905", method: .get).status == .notFound)
        }
        #expect(API.numberID("1905.0") == "1905" && API.numberID("1.905e3") == "1905")
        #expect(API.numberID("1905") == nil && API.numberID("inf") == nil && API.numberID("12a") == nil && API.numberID("1.5") == nil)
    }

    /// Issue 12: a web page posted as text/html is read as `analyze` reads a saved page.
    @Test func aPostedWebPageIsAnArticle() async throws {
        let (store, dir) = try ServerTests.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = """
            <html><head><title>Banjir di Bekasi | Warta</title><link rel="canonical" href="https://warta.contoh.id/banjir-bekasi"></head>
            <body><nav><a href="/">Beranda</a></nav><article><h1>Banjir di Bekasi</h1>
            <p>Bekasi - Banjir merendam ratusan rumah warga pada Senin (15/1/2024), setelah hujan deras mengguyur sejak malam, kata petugas.</p>
            </article></body></html>
            """
        try await ServerTests.app(store).test(.router) { client in
            let html: HTTPFields = [.authorization: "Bearer rahasia", .contentType: "text/html; charset=utf-8"]
            let r = try await client.execute(uri: "/api/articles", method: .post, headers: html, body: ByteBuffer(string: page))
            #expect(r.status == .created)
            let a = try await client.execute(uri: "/api/articles/https%3A%2F%2Fwarta.contoh.id%2Fbanjir-bekasi", method: .get)
            #expect(a.status == .ok)
            let article = try #require(try ServerTests.json(a)["article"] as? [String: Any])
            #expect(article["title"] as? String == "Banjir di Bekasi")
            #expect((article["removed"] as? [[String: Any]])?.contains { $0["reason"] as? String == "navigation" } == true)
            let tiny = try await client.execute(uri: "/api/articles", method: .post, headers: html, body: ByteBuffer(string: "{}"))
            #expect(tiny.status == .badRequest)
            // Long enough, but no markup at all: JSON or plain text sent as text/html is refused.
            let json = "{\"text\": \"" + String(repeating: "Banjir merendam ratusan rumah warga. ", count: 5) + "\"}"
            let unmarked = try await client.execute(uri: "/api/articles", method: .post, headers: html, body: ByteBuffer(string: json))
            #expect(unmarked.status == .badRequest)
            #expect(String(buffer: unmarked.body).contains("no markup"))
            let misspelt = try await client.execute(uri: "/api/articles?ur=https%3A%2F%2Fwarta.contoh.id%2Fx", method: .post, headers: html, body: ByteBuffer(string: page))
            #expect(misspelt.status == .badRequest)
            let nav = "<html><body><nav><a href='/'>Beranda</a> <a href='/berita'>Berita</a> <a href='/olahraga'>Olahraga</a></nav></body></html>"
            let empty = try await client.execute(uri: "/api/articles", method: .post, headers: html, body: ByteBuffer(string: nav))
            #expect(empty.status == .ok)
            #expect(try JSONDecoder().decode(IngestReport.self, from: Data(buffer: empty.body)).skipped == 1)
        }
    }

    @Test func storeErrorsNameTheStoreByItsFileName() {
        let e = StoreError.missing("/srv/data/secret/linimasa.sqlite")
        #expect(!e.publicDescription.contains("/srv"))
        #expect(e.publicDescription.contains("linimasa.sqlite"))
    }

    @Test func onlyKnownHostNamesOrAddressesAreAnswered() {
        let allowed: Set<String> = ["127.0.0.1", "localhost", "::1", "news.example.org"]
        for ok in ["127.0.0.1:8080", "localhost", "LOCALHOST:80", "[::1]:8080", "10.0.0.5:8080", "news.example.org"] {
            #expect(HostCheckMiddleware<BasicRequestContext>.accepts(ok, allowed), "\(ok)")
        }
        for bad in ["evil.example", "evil.example:8080", "127.0.0.1.evil.example", "localhost.evil.example"] {
            #expect(!HostCheckMiddleware<BasicRequestContext>.accepts(bad, allowed), "\(bad)")
        }
    }

    /// The server of `application`, live on a free port, with `idleSeconds`.
    static func live(_ store: Store, idleSeconds: Int = 30) throws -> some ApplicationProtocol {
        var o = ServerOptions()
        o.idleSeconds = idleSeconds
        o.jobs = 1
        o.port = 0
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        return try LinimasaServer.application(store: store, options: o, logger: logger)
    }

    /// A TCP connection to 127.0.0.1:`port` that gives up reading after `seconds`.
    static func connect(port: Int, seconds: Int = 10) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(connected == 0)
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    /// Issue 16, item 10: a connection that sends half a request and then nothing is closed.
    @Test func halfSentRequestsAreClosed() async throws {
        let (store, dir) = try ServerTests.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await Self.live(store, idleSeconds: 1).test(.live) { client in
            let fd = try Self.connect(port: try #require(client.port))
            defer { close(fd) }
            let partial = Array("GET /api/status HTTP/1.1\r\nHo".utf8)
            _ = partial.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
            // Wait up to 10 s for the server to close it (it should after about 1 s).
            var buffer = [UInt8](repeating: 0, count: 64)
            let n = recv(fd, &buffer, buffer.count, 0)
            #expect(n == 0, "the server left a half-sent request open (recv returned \(n))")
        }
    }

    /// Issue 16, item 14: a 100 KB URL (over the HTTP parser's 80 KiB) is answered with a reason,
    /// not an empty 400, and the server goes on answering.
    @Test func anOverlongURLIsRefusedWithAReason() async throws {
        let (store, dir) = try ServerTests.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await Self.live(store).test(.live) { client in
            let port = try #require(client.port)
            for request in [
                "GET /api/search?q=" + String(repeating: "a", count: 100_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n",
                "NOT HTTP AT ALL\r\n\r\n",
            ] {
                let fd = try Self.connect(port: port)
                defer { close(fd) }
                let bytes = Array(request.utf8)
                var sent = 0
                while sent < bytes.count {
                    let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                    if n <= 0 { break }
                    sent += n
                }
                var answer: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 4096)
                while true {
                    let n = recv(fd, &buffer, buffer.count, 0)
                    if n <= 0 { break }
                    answer += buffer[0..<n]
                }
                let text = String(decoding: answer, as: UTF8.self)
                #expect(text.hasPrefix("HTTP/1.1 4"), "\(text)")
                #expect(text.contains("\"message\":\"the request"), "no reason given: \(text)")
                #expect(text.contains("nosniff"))
            }
            try await client.execute(uri: "/api/status", method: .get) { r in #expect(r.status == .ok) }
        }
    }
}
