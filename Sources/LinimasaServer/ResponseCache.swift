import Foundation
import Hummingbird
import LinimasaStore

/// Answers to GET requests kept in memory, keyed by path and query, valid while the store's
/// version (articles and timeline) stays the same: a search or a story asked for again is sent
/// without touching SQLite. Bounded in bytes: two generations, the older dropped when the newer fills
/// half the budget, so memory stays flat however long the server runs.
final class ResponseCache: @unchecked Sendable {
    struct Entry {
        var version: String
        var body: ByteBuffer
        var type: String
    }
    let budget: Int
    private let lock = NSLock()
    private var current: [String: Entry] = [:]
    private var previous: [String: Entry] = [:]
    private var currentBytes = 0

    init(budget: Int) { self.budget = budget }

    func get(_ key: String, version: String) -> Entry? {
        lock.lock()
        defer { lock.unlock() }
        if let e = current[key] { return e.version == version ? e : nil }
        guard let e = previous[key], e.version == version else { return nil }
        insert(key, e)
        return e
    }

    func put(_ key: String, _ entry: Entry) {
        guard budget > 0, entry.body.readableBytes <= budget / 4 else { return }
        lock.lock()
        insert(key, entry)
        lock.unlock()
    }

    private func insert(_ key: String, _ e: Entry) {
        if let old = current[key] { currentBytes -= old.body.readableBytes + key.utf8.count }
        current[key] = e
        currentBytes += e.body.readableBytes + key.utf8.count
        if currentBytes > budget / 2 {
            previous = current
            current = [:]
            currentBytes = 0
        }
    }
}

/// The store's version, read again at most every `interval` seconds (and at once after this
/// server's own writes): another process's ingest shows within a quarter of a second, and a busy
/// server does not ask SQLite on every request.
final class VersionClock: @unchecked Sendable {
    let store: any CollectionStore
    let interval: Double
    private let lock = NSLock()
    private var value = ""
    private var read = 0.0
    init(store: any CollectionStore, interval: Double = 0.25) {
        self.store = store
        self.interval = interval
    }

    func current() async throws -> String {
        let now = Date().timeIntervalSinceReferenceDate
        if let v = fresh(now) { return v }
        let s = store
        let v = try await offload { try s.version() }
        remember(v, at: now)
        return v
    }

    private func fresh(_ now: Double) -> String? {
        lock.withLock { now - read < interval ? value : nil }
    }

    private func remember(_ v: String, at now: Double) {
        lock.withLock {
            value = v
            read = now
        }
    }

    func invalidate() {
        lock.lock()
        read = 0
        lock.unlock()
    }
}

/// Serves GET /api/ answers from a `ResponseCache` when the store has not changed since.
struct CacheMiddleware<Context: RequestContext>: RouterMiddleware {
    let cache: ResponseCache
    let clock: VersionClock

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard cache.budget > 0, request.method == .get, request.uri.path.hasPrefix("/api/"), request.uri.path != "/api/status" else {
            return try await next(request, context)
        }
        let key = request.uri.description
        let version = try await clock.current()
        if let hit = cache.get(key, version: version) {
            return Response(status: .ok, headers: [.contentType: hit.type, .init("X-Cache")!: "hit"], body: .init(byteBuffer: hit.body))
        }
        var response = try await next(request, context)
        guard response.status == .ok else { return response }
        let collector = Collector()
        try await response.body.write(collector)
        let collected = collector.buffer
        cache.put(key, ResponseCache.Entry(version: version, body: collected, type: response.headers[.contentType] ?? "application/json"))
        response.body = .init(byteBuffer: collected)
        response.headers[.init("X-Cache")!] = "miss"
        return response
    }
}

/// Gathers a response body into one buffer.
final class Collector: ResponseBodyWriter {
    var buffer = ByteBuffer()
    func write(_ buffer: ByteBuffer) async throws { self.buffer.writeImmutableBuffer(buffer) }
    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
