import Dispatch
import Foundation
import Hummingbird
import Linimasa
import LinimasaStore
import Logging

/// How the server runs.
public struct ServerOptions: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// The token `POST /api/articles` must present; nil: adding articles over HTTP is off.
    public var token: String?
    /// Largest request body accepted (bytes).
    public var maxBodyBytes = 8 * 1024 * 1024
    /// Longest search query accepted (characters).
    public var maxQueryLength = 500
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    /// Bytes of answers kept to send again while the store does not change (0: none).
    public var cacheBytes = 256 * 1024 * 1024
    /// Matches a search ranks, the most recently added (`SearchOptions.window`).
    public var searchWindow = SearchOptions.defaultWindow
    /// Host names a request's `Host` may name besides `host` and the loopback names; a name not
    /// here is refused (a web page elsewhere must not reach the server through DNS rebinding).
    /// IP literals are always accepted: rebinding needs a name.
    public var allowedHosts: [String] = []
    /// Seconds a connection may stay silent before it is closed.
    public var idleSeconds = 30
    public init() {}
}

/// The HTTP server: a JSON API over a store and the web page that reads it.
public enum LinimasaServer {
    /// The application, ready to run (`runService()` stops cleanly on SIGTERM and SIGINT).
    public static func application(
        store: any CollectionStore, options: ServerOptions, logger: Logger, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let router = try makeRouter(store: store, options: options, logger: logger)
        return Application(
            router: router,
            // A connection that sends nothing for `idleSeconds` (a request left half-sent, say) is closed,
            // so idle sockets cannot pile up until the server runs out of file descriptors.
            // A request the HTTP parser refuses is answered with a reason (ParseErrorHandler).
            server: .http1(configuration: .init(additionalChannelHandlers: [ParseErrorHandler()], idleTimeout: .seconds(Int64(options.idleSeconds)))),
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "linimasa"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? options.port) }, logger: logger)
    }

    public static func makeRouter(store: any CollectionStore, options: ServerOptions, logger: Logger) throws -> Router<BasicRequestContext> {
        let web = try WebAssets.load()
        let clock = VersionClock(store: store)
        let api = API(store: store, options: options, writer: Writer(store: store, jobs: options.jobs, clock: clock))
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: RequestLogMiddleware(logger: logger))
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: JSONErrorMiddleware())
        router.add(middleware: MethodCheckMiddleware())
        router.add(middleware: HostCheckMiddleware(allowed: Set(([options.host, "localhost", "127.0.0.1", "::1"] + options.allowedHosts).map { $0.lowercased() })))
        router.add(middleware: CacheMiddleware(cache: ResponseCache(budget: options.cacheBytes), clock: clock))
        router.get("/") { _, _ in web.response("index.html") }
        router.get("/app.js") { _, _ in web.response("app.js") }
        router.get("/app.css") { _, _ in web.response("app.css") }
        router.get("/api/openapi.json") { _, _ in web.response("openapi.json") }
        router.get("/api/status") { _, _ in try await api.status() }
        router.get("/api/stories") { req, _ in try await api.stories(req) }
        router.get("/api/stories/:id") { req, ctx in try await api.story(req, id: try pathID(ctx)) }
        router.get("/api/events/:id") { _, ctx in try await api.event(id: try pathID(ctx)) }
        router.get("/api/articles/:id") { _, ctx in try await api.article(id: try pathID(ctx)) }
        router.delete("/api/articles/:id") { req, ctx in try await api.delete(req, id: try pathID(ctx)) }
        router.get("/api/search") { req, _ in try await api.search(req) }
        router.get("/api/entities") { req, _ in try await api.entities(req) }
        router.post("/api/articles") { req, _ in try await api.add(req) }
        return router
    }
}

/// The `:id` of a path, percent-decoded ("a%20b" is the article "a b"; "caf%C3%A9" is "café").
func pathID(_ ctx: BasicRequestContext) throws -> String {
    let raw = try ctx.parameters.require("id")
    return raw.removingPercentEncoding ?? raw
}

/// Headers every answer carries: no content-type sniffing, never framed by another site.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var r = try await next(request, context)
        r.headers[.xContentTypeOptions] = "nosniff"
        r.headers[.init("X-Frame-Options")!] = "DENY"
        if r.headers[.contentSecurityPolicy] == nil { r.headers[.contentSecurityPolicy] = "default-src 'none'; frame-ancestors 'none'" }
        return r
    }
}

/// A known path asked with a method it does not take (any method: PUT, TRACE, QUERY...) is 405
/// with the methods it takes in `Allow`, not 404.
struct MethodCheckMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Every route: its path pattern (`:id` is one segment) and its methods.
    static var routes: [(segments: [Substring], methods: [HTTPRequest.Method])] {
        [
            ("/", [.get]), ("/app.js", [.get]), ("/app.css", [.get]), ("/api/openapi.json", [.get]), ("/api/status", [.get]),
            ("/api/stories", [.get]), ("/api/stories/:id", [.get]), ("/api/events/:id", [.get]), ("/api/search", [.get]),
            ("/api/entities", [.get]), ("/api/articles", [.post]), ("/api/articles/:id", [.get, .delete]),
        ].map { (path: String, methods: [HTTPRequest.Method]) in (path.split(separator: "/", omittingEmptySubsequences: false), methods) }
    }

    static func methods(for path: String) -> [HTTPRequest.Method]? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return routes.first { route in
            route.segments.count == parts.count && zip(route.segments, parts).allSatisfy { $0.hasPrefix(":") || $0 == $1 }
        }?.methods
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let allowed = Self.methods(for: request.uri.path) {
            let all = allowed + (allowed.contains(.get) ? [.head] : [])
            if !all.contains(request.method) {
                let allow = all.map(\.rawValue).joined(separator: ", ")
                throw HTTPError(.methodNotAllowed, headers: [.allow: allow], message: "\(request.method.rawValue) is not allowed here; use \(allow)")
            }
        }
        return try await next(request, context)
    }
}

/// Refuses a request whose `Host` names a host the server was not told it has (DNS rebinding).
struct HostCheckMiddleware<Context: RequestContext>: RouterMiddleware {
    let allowed: Set<String>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let host = request.head.authority, !Self.accepts(host, allowed) {
            throw HTTPError(.misdirectedRequest, message: "this server does not answer for the host name in the request (serve --allow-host NAME adds one)")
        }
        return try await next(request, context)
    }

    /// `host[:port]` is accepted when its name is allowed or it is an IP literal.
    static func accepts(_ authority: String, _ allowed: Set<String>) -> Bool {
        var name = Substring(authority.lowercased())
        if name.hasPrefix("[") {
            return true  // an IPv6 literal
        }
        if let colon = name.lastIndex(of: ":") { name = name[..<colon] }
        if allowed.contains(String(name)) || allowed.contains("0.0.0.0") && name.isEmpty { return true }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { UInt8($0) != nil }
    }
}

/// Runs blocking store work off the server's threads.
func offload<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { c in
        DispatchQueue.global().async { c.resume(with: Result { try body() }) }
    }
}

/// Adds articles one request at a time (the store takes one writer at a time anyway).
final class Writer: @unchecked Sendable {
    let store: any CollectionStore
    let jobs: Int
    let clock: VersionClock
    private let queue = DispatchQueue(label: "linimasa.writer")
    init(store: any CollectionStore, jobs: Int, clock: VersionClock) {
        self.store = store
        self.jobs = jobs
        self.clock = clock
    }

    func delete(_ ids: [String]) async throws -> (IngestReport, [String]) {
        try await serially { try $0.delete(ids: ids) }
    }

    func ingest(_ docs: [RawDocument], skipped: [Skipped]) async throws -> IngestReport {
        try await serially { try $0.ingest(documents: docs, skipped: skipped) }
    }

    /// Runs one write on the writer's queue (one at a time), then tells the answer cache the store changed.
    private func serially<T: Sendable>(_ body: @escaping @Sendable (Ingester) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { c in
            queue.async {
                c.resume(
                    with: Result {
                        defer { self.clock.invalidate() }
                        return try body(Ingester(store: self.store, runner: BatchRunner(pipeline: Pipeline(), reader: InputReader(), jobs: self.jobs)))
                    })
            }
        }
    }
}

/// Web page files shipped with the server, read once at start.
struct WebAssets: Sendable {
    var files: [String: (type: String, body: ByteBuffer)]

    static func load() throws -> WebAssets {
        var files: [String: (String, ByteBuffer)] = [:]
        let types = ["html": "text/html; charset=utf-8", "js": "text/javascript; charset=utf-8", "css": "text/css; charset=utf-8", "json": "application/json"]
        for name in ["index.html", "app.js", "app.css", "openapi.json"] {
            guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Web"),
                let data = FileManager.default.contents(atPath: url.path)
            else { throw ServerError.missingAsset(name) }
            files[name] = (types[(name as NSString).pathExtension] ?? "application/octet-stream", ByteBuffer(bytes: data))
        }
        return WebAssets(files: files)
    }

    func response(_ name: String) -> Response {
        let f = files[name]!
        return Response(
            status: .ok, headers: [.contentType: f.type, .cacheControl: "no-cache", .contentSecurityPolicy: "default-src 'self'"],
            body: .init(byteBuffer: f.body))
    }
}

enum ServerError: Error, CustomStringConvertible {
    case missingAsset(String)
    var description: String {
        switch self {
        case .missingAsset(let n): return "the web page file \(n) is missing from the build (Sources/LinimasaServer/Web)"
        }
    }
}

/// One log line a request, after it is answered: method, path, status, milliseconds.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        func line(_ status: Int) {
            let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            logger.info("\(request.method) \(request.uri.path) \(status) \(String(format: "%.1f", ms))ms")
        }
        do {
            let r = try await next(request, context)
            line(r.status.code)
            return r
        } catch let e as HTTPError {
            line(e.status.code)
            throw e
        } catch {
            line(500)
            throw error
        }
    }
}

/// Every error leaves as JSON: `{"error": {"status": 404, "message": "…"}}`.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let e as HTTPError {
            var r = Self.response(e.status, e.body ?? e.status.reasonPhrase)
            for h in e.headers where h.name != .contentType && h.name != .contentLength { r.headers.append(h) }
            return r
        } catch let e as StoreError {
            // The store's messages name its file by its whole path; an answer names it by its name.
            switch e {
            case .notFound: return Self.response(.notFound, e.publicDescription)
            case .badQuery: return Self.response(.badRequest, e.publicDescription)
            case .database(_, _): return Self.response(.serviceUnavailable, e.publicDescription)
            default: return Self.response(.internalServerError, e.publicDescription)
            }
        } catch {
            return Self.response(.internalServerError, "internal error")
        }
    }

    static func response(_ status: HTTPResponse.Status, _ message: String) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: ErrorBody.json(status.code, message))))
    }
}

/// The JSON every error response carries.
struct ErrorBody: Codable {
    struct Inner: Codable {
        var status: Int
        var message: String
    }
    var error: Inner

    static func json(_ status: Int, _ message: String) -> String {
        let data = (try? JSONEncoder().encode(ErrorBody(error: .init(status: status, message: message)))) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
