import ArgumentParser
import Foundation
import Linimasa
import LinimasaServer
import LinimasaStore
import Logging

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve a store: the JSON API and the web page (stories, timelines, articles, search).",
        discussion: """
            Logs one line a request on standard error and stops cleanly on SIGTERM or Ctrl-C. Adding \
            articles over HTTP (POST /api/articles) needs a token: --token, or the LINIMASA_TOKEN \
            environment variable. The API is described at /api/openapi.json.
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port (0: any free port; the one taken is printed).")
    var port = 8080

    @Option(help: "Token that POST /api/articles must present (default: $LINIMASA_TOKEN; none: adding is off). Prefer LINIMASA_TOKEN or --token-file: a token on the command line is visible to every user in `ps`.")
    var token: String?

    @Option(name: .customLong("token-file"), help: "File whose first line is the token (kept out of `ps`).")
    var tokenFile: String?

    @Option(name: .customLong("allow-host"), help: "A host name requests may address the server by, besides --host and localhost (repeatable); other names are refused.")
    var allowHost: [String] = []

    @Option(name: .customLong("max-body"), help: "Largest request body accepted, in bytes.")
    var maxBody = 8 * 1024 * 1024

    @Option(name: .customLong("cache-mb"), help: "Megabytes of answers kept to send again while the store does not change (0: no cache).")
    var cacheMB = 256

    @Option(name: .customLong("search-window"), help: "Matches a search ranks: the most recently added ones (the total counts all).")
    var searchWindow = SearchOptions.defaultWindow

    @Flag(help: "Log only errors (no line per request).")
    var quiet = false

    func validate() throws {
        if !(0...65535).contains(port) { throw ValidationError("--port must be from 0 to 65535") }
        if maxBody <= 0 { throw ValidationError("--max-body must be positive") }
        if cacheMB < 0 { throw ValidationError("--cache-mb must be 0 or more") }
        if searchWindow <= 0 { throw ValidationError("--search-window must be positive") }
    }

    func run() async throws {
        let s = try storeOptionsOpen()
        var options = ServerOptions()
        options.host = host
        options.port = port
        if let tokenFile {
            guard let text = try? String(contentsOfFile: tokenFile, encoding: .utf8),
                let line = text.split(separator: "\n").first.map({ $0.trimmingCharacters(in: .whitespaces) }), !line.isEmpty
            else {
                StandardError.line("linimasa: cannot read a token from \(tokenFile)")
                throw ExitCode(2)
            }
            options.token = line
        } else {
            options.token = token ?? ProcessInfo.processInfo.environment["LINIMASA_TOKEN"]
        }
        options.allowedHosts = allowHost
        options.maxBodyBytes = maxBody
        options.cacheBytes = cacheMB * 1024 * 1024
        options.searchWindow = searchWindow
        LoggingSystem.bootstrap { label in
            var h = StreamLogHandler.standardError(label: label)
            h.logLevel = .info
            return h
        }
        var logger = Logger(label: "linimasa")
        logger.logLevel = quiet ? .warning : .info
        let db = s.location
        let host = options.host
        let app = try LinimasaServer.application(store: s, options: options, logger: logger) { port in
            StandardError.line(
                "linimasa: serving \(db) at http://\(host):\(port)/ (GET /api/status for what it holds)")
        }
        // Read the lexicon while the server already answers (the first search would otherwise wait for it).
        // Then read every page once: a damaged store is said at once and reported by /api/status
        // (`integrity`, and `current: false`) instead of being served as if whole.
        Thread.detachNewThread {
            _ = s.stemmer
            guard let s = s as? Store else { return }
            do {
                if let problem = try s.quickCheck() {
                    StandardError.line("linimasa: \(db) is damaged (\(problem)); answers may be wrong or fail: restore it or make it anew with `linimasa ingest`")
                }
            } catch {
                StandardError.line("linimasa: \(db): the integrity check could not run: \(error)")
            }
        }
        try await app.runService()
        StandardError.line("linimasa: stopped")
    }

    func storeOptionsOpen() throws -> any CollectionStore {
        let s = try store.open()
        try store.warnIfStale(s)
        return s
    }
}
