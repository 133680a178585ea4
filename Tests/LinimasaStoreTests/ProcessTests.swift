import Foundation
import GRDB
import Linimasa
import Testing

@testable import LinimasaStore

/// Runs the real `linimasa` executable: killed mid-ingest, and two at once on one store.
/// `scripts/test.sh` builds it before the tests (`swift build`); LINIMASA_BIN names another.
@Suite(.serialized) struct ProcessTests {
    static func binary() throws -> String {
        if let b = ProcessInfo.processInfo.environment["LINIMASA_BIN"] { return b }
        var candidates: [URL] = []
        let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = me.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(dir.appendingPathComponent("linimasa"))
            dir = dir.deletingLastPathComponent()
        }
        candidates.append(Fixture.root.deletingLastPathComponent().appendingPathComponent(".build/debug/linimasa"))
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            Issue.record("the linimasa executable is not built: run `swift build` first (scripts/test.sh does), or set LINIMASA_BIN")
            throw CancellationError()
        }
        return found.path
    }

    /// Writes `count` distinct articles made from the seeds (each with its own closing line).
    static func corpus(_ dir: URL, count: Int, prefix: String) throws -> URL {
        let out = dir.appendingPathComponent(prefix)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let seeds = try FileManager.default.contentsOfDirectory(at: Fixture.seeds, includingPropertiesForKeys: nil).sorted { $0.path < $1.path }
        let texts = try seeds.map { try String(contentsOf: $0, encoding: .utf8) }
        for k in 0..<count {
            let text = texts[k % texts.count] + "\n\nCatatan redaksi nomor \(prefix) \(k)."
            try text.write(to: out.appendingPathComponent(String(format: "\(prefix)-%05d.txt", k)), atomically: false, encoding: .utf8)
        }
        return out
    }

    static func launch(_ args: [String], environment: [String: String] = [:]) throws -> (Process, Pipe) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try binary())
        p.arguments = args
        if !environment.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        return (p, err)
    }

    static func count(_ path: String) throws -> Int {
        let q = try DatabaseQueue(path: path)
        return try q.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM articles") ?? 0 }
    }

    @Test func killedMidIngestLosesOnlyTheOpenBatch() throws {
        let dir = try Fixture.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = try Self.corpus(dir, count: 120, prefix: "k")
        let db = dir.appendingPathComponent("kill.sqlite").path
        let (p, _) = try Self.launch(["ingest", input.path, "--db", db, "--batch", "5", "--jobs", "1"])
        // Wait for some batches to commit, then kill -9 in the middle of the run.
        let deadline = Date().addingTimeInterval(120)
        var seen = 0
        while Date() < deadline, p.isRunning {
            if FileManager.default.fileExists(atPath: db), let n = try? Self.count(db), n >= 15 {
                seen = n
                break
            }
            usleep(20_000)
        }
        #expect(p.isRunning, "the ingest finished before it could be killed; make the corpus larger")
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        #expect(p.terminationReason == .uncaughtSignal)
        #expect(seen >= 15)
        let afterKill = try Self.count(db)
        #expect(afterKill < 120)
        #expect(afterKill % 5 == 0, "only whole batches are committed")

        // The store is whole, and the next run carries on without duplicates.
        let q = try DatabaseQueue(path: db)
        #expect(try q.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") } == "ok")
        let (again, err) = try Self.launch(["ingest", input.path, "--db", db, "--format", "json"])
        again.waitUntilExit()
        let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(again.terminationStatus == 0, "\(log)")
        #expect(log.contains("\(120 - afterKill) new, 0 updated, \(afterKill) unchanged, 0 skipped"), "\(log)")
        #expect(try Self.count(db) == 120)
        let store = try Store(path: db, stemmer: Fixture.stemmer)
        #expect(try store.isCurrent())
        #expect(try q.read { db in try Int.fetchOne(db, sql: "SELECT count(DISTINCT key) FROM articles") } == 120)
        #expect(try q.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM article_events") } == 120)
    }

    /// Issue 16, item 13: `ingest` of inputs none of which could be read exits non-zero, as `analyze` does.
    /// A model file that cannot be read is named with the reason, and the program stops with
    /// status 2, not a crash report.
    @Test func anUnreadableEntityModelIsNamed() throws {
        let (p, err) = try Self.launch(
            ["analyze", Fixture.seeds.appendingPathComponent("000_cd72f8b8bc3e7f40.txt").path],
            environment: ["LINIMASA_NER_MODEL": "/nonexistent/ner.lnm"])
        p.waitUntilExit()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(p.terminationStatus == 2)
        #expect(message.contains("LINIMASA_NER_MODEL=/nonexistent/ner.lnm"))
        #expect(message.contains("cannot read"))
        #expect(!message.contains("Backtrac") && !message.contains("Fatal error"))
    }

    @Test func ingestOfNothingReadableFails() throws {
        let dir = try Fixture.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("empty.txt")
        try "  \n".write(to: input, atomically: false, encoding: .utf8)
        let db = dir.appendingPathComponent("s.sqlite").path
        let (p, err) = try Self.launch(["ingest", input.path, "--db", db])
        p.waitUntilExit()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(p.terminationStatus == 1)
        #expect(message.contains("empty.txt"))
        #expect(message.contains("nothing could be read"))
    }

    @Test func twoIngestsOnOneStoreTakeTurns() throws {
        let dir = try Fixture.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try Self.corpus(dir, count: 30, prefix: "a")
        let b = try Self.corpus(dir, count: 30, prefix: "b")
        let db = dir.appendingPathComponent("two.sqlite").path
        // Make the store first so both processes open an existing file.
        _ = try Store(path: db, stemmer: Fixture.stemmer)
        let (p1, e1) = try Self.launch(["ingest", a.path, "--db", db, "--batch", "3", "--jobs", "1"])
        let (p2, e2) = try Self.launch(["ingest", b.path, "--db", db, "--batch", "3", "--jobs", "1"])
        p1.waitUntilExit()
        p2.waitUntilExit()
        let logs = [e1, e2].map { String(decoding: $0.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) }
        #expect(p1.terminationStatus == 0 && p2.terminationStatus == 0, "\(logs)")
        #expect(try Self.count(db) == 60)
        let q = try DatabaseQueue(path: db)
        #expect(try q.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") } == "ok")
        // Whichever finished last left a timeline of every article.
        let store = try Store(path: db, stemmer: Fixture.stemmer)
        #expect(try store.isCurrent())
        #expect(try q.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM article_events") } == 60)
    }

    /// Issue 16, item 13: a store in a folder that may not be written is still read (`stories`,
    /// `search`), and nothing is added to the folder. Root may write anywhere, so as root the reader
    /// runs as `nobody` through runuser.
    @Test func storeInReadOnlyFolderIsRead() throws {
        let dir = try Fixture.folder()
        defer {
            chmod(dir.path, 0o755)
            try? FileManager.default.removeItem(at: dir)
        }
        let input = try Self.corpus(dir, count: 5, prefix: "r")
        let folder = dir.appendingPathComponent("ro")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let db = folder.appendingPathComponent("s.sqlite").path
        let (ingest, _) = try Self.launch(["ingest", input.path, "--db", db])
        ingest.waitUntilExit()
        #expect(ingest.terminationStatus == 0)
        chmod(dir.path, 0o755)
        chmod(db, 0o444)
        chmod(folder.path, 0o555)
        defer { chmod(folder.path, 0o755) }
        let before = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        let p = Process()
        if getuid() == 0 {
            guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser") else {
                Issue.record("running as root without /usr/sbin/runuser: cannot take the permission away")
                return
            }
            p.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
            p.arguments = ["-u", "nobody", "--", try Self.binary(), "search", "Erdogan", "--db", db]
        } else {
            p.executableURL = URL(fileURLWithPath: try Self.binary())
            p.arguments = ["search", "Erdogan", "--db", db]
        }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(message)")
        #expect(printed.contains("Erdogan"), "\(printed)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == before)
    }

}

/// Issue 14: several `ingest` processes at once on one PostgreSQL database (when the tests have a
/// server: `scripts/test.sh` starts one and sets LINIMASA_TEST_POSTGRES).
@Suite(.serialized) struct PostgresProcessTests {
    static func database() throws -> (url: String, drop: () -> Void)? {
        guard var url = StoreKind.postgresURL else { return nil }
        url.database = "p_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try StoreKind.administer("CREATE DATABASE \(url.database)")
        return (url.display, { try? StoreKind.administer("DROP DATABASE IF EXISTS \(url.database) WITH (FORCE)") })
    }

    /// Two writers with overlapping inputs: every article once, none lost, and the collection's
    /// timeline is what one process makes of the same articles in SQLite.
    @Test func twoWritersLoseAndDoubleNothing() throws {
        guard let (url, drop) = try Self.database() else { return }
        defer { drop() }
        let dir = try Fixture.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try ProcessTests.corpus(dir, count: 60, prefix: "a")
        let b = try ProcessTests.corpus(dir, count: 60, prefix: "b")
        // Both also read the seeds: the same ids from two writers at once.
        let runs = try [[a.path, Fixture.seeds.path], [b.path, Fixture.seeds.path]].map { paths in
            try ProcessTests.launch(["ingest"] + paths + ["--db", url, "--batch", "8", "--jobs", "1"], environment: ["LINIMASA_TIMING": "1"])
        }
        var regrouped = 0
        for (p, err) in runs {
            p.waitUntilExit()
            let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(p.terminationStatus == 0, "\(message)")
            // A regrouping that starts reads every article ("timing: read N articles").
            if message.contains("timing: read") { regrouped += 1 }
        }
        // One of the two regrouped, for both; the other waited for it and found the timeline current
        // (without the writers' turns, both regroup when their ends overlap, and one is refused).
        #expect(regrouped == 1)
        // The writers take turns at the end: whichever goes last regroups everyone's articles, so the
        // timeline is current as soon as both are done (no further ingest needed).
        let shared = try PostgresStore(url: try #require(PostgresURL(url)), stemmer: Fixture.stemmer)
        defer { shared.shutdown() }
        #expect(try shared.status().articles == 125)
        #expect(try shared.isCurrent())
        let single = dir.appendingPathComponent("one.sqlite").path
        let (one, _) = try ProcessTests.launch(["ingest", a.path, b.path, Fixture.seeds.path, "--db", single])
        one.waitUntilExit()
        let sqlite = try Store(path: single, stemmer: Fixture.stemmer)
        let encoder = Rendering.jsonEncoder(pretty: false)
        #expect(try shared.timeline().stories.map { try encoder.encode($0) } == sqlite.timeline().stories.map { try encoder.encode($0) })
    }

    /// A writer killed mid-batch loses nothing committed; the next one carries on.
    @Test func aKilledWriterLosesNothingCommitted() throws {
        guard let (url, drop) = try Self.database() else { return }
        defer { drop() }
        let dir = try Fixture.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = try ProcessTests.corpus(dir, count: 120, prefix: "k")
        let (p, _) = try ProcessTests.launch(["ingest", input.path, "--db", url, "--batch", "4", "--jobs", "1"])
        let shared = try PostgresStore(url: try #require(PostgresURL(url)), stemmer: Fixture.stemmer)
        defer { shared.shutdown() }
        // Killed once some batches are in.
        var waited = 0
        while (try? shared.status().articles) ?? 0 < 12 && waited < 600 {
            usleep(50_000)
            waited += 1
        }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        let kept = try shared.status().articles
        #expect(kept >= 12 && kept % 4 == 0, "only whole batches: \(kept)")
        let (again, _) = try ProcessTests.launch(["ingest", input.path, "--db", url, "--batch", "16"])
        again.waitUntilExit()
        #expect(again.terminationStatus == 0)
        #expect(try shared.status().articles == 120)
        #expect(try shared.isCurrent())
    }
}
