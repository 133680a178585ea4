import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP answer, or why there was none.
public struct Fetched: Sendable {
    public var url: String
    /// Where the redirects ended.
    public var finalURL: String
    /// 0 when there was no answer (`error` says why).
    public var status: Int
    public var headers: [String: String]
    public var body: [UInt8]
    public var error: String?
    public var redirects: Int
    /// Given up for a reason trying again would not change (over the size limit, not an http(s) URL).
    public var givenUp = false

    /// Worth another try: no answer (not given up), too many requests, or a server error.
    public var retryable: Bool { (status == 0 && !givenUp) || status == 429 || (500...599).contains(status) }
}

/// HTTP GET with the crawler's manners: a clear User-Agent, conditional requests (ETag,
/// Last-Modified), a time limit, a size limit (the transfer is cut past it), and at most
/// `maxRedirects` redirects, each followed only to http(s).
public final class Fetcher: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    public struct Configuration: Sendable {
        public var userAgent = "Linimasa/1.0 (news reader; +https://github.com/linimasa)"
        public var timeout: Double = 30
        public var maxBytes = 10 * 1024 * 1024
        public var maxRedirects = 5
        public init() {}
    }

    let configuration: Configuration
    private var session: URLSession!
    private let lock = NSLock()
    private var states: [Int: State] = [:]

    final class State {
        var data: [UInt8] = []
        var redirects = 0
        var tooLarge = false
        var continuation: CheckedContinuation<Fetched, Never>
        var url: String
        init(url: String, continuation: CheckedContinuation<Fetched, Never>) {
            self.url = url
            self.continuation = continuation
        }
    }

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        super.init()
        let c = URLSessionConfiguration.ephemeral
        c.timeoutIntervalForRequest = configuration.timeout
        c.timeoutIntervalForResource = configuration.timeout
        // gzip only: a gzip body is undone by the crawler (Gzip); deflate would arrive as it was sent.
        c.httpAdditionalHeaders = ["User-Agent": configuration.userAgent, "Accept-Encoding": "gzip"]
        c.requestCachePolicy = .reloadIgnoringLocalCacheData
        c.urlCache = nil
        session = URLSession(configuration: c, delegate: self, delegateQueue: nil)
    }

    deinit { session?.invalidateAndCancel() }

    public func get(_ url: String, etag: String? = nil, lastModified: String? = nil) async -> Fetched {
        guard let u = URL(string: url), let scheme = u.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            return Fetched(url: url, finalURL: url, status: 0, headers: [:], body: [], error: "not an http(s) URL", redirects: 0, givenUp: true)
        }
        var request = URLRequest(url: u)
        request.setValue(configuration.userAgent, forHTTPHeaderField: "User-Agent")
        if let etag { request.setValue(etag, forHTTPHeaderField: "If-None-Match") }
        if let lastModified { request.setValue(lastModified, forHTTPHeaderField: "If-Modified-Since") }
        return await withCheckedContinuation { continuation in
            let task = session.dataTask(with: request)
            lock.lock()
            states[task.taskIdentifier] = State(url: url, continuation: continuation)
            lock.unlock()
            task.resume()
        }
    }

    private func state(_ task: URLSessionTask) -> State? {
        lock.lock()
        defer { lock.unlock() }
        return states[task.taskIdentifier]
    }

    public func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard let s = state(dataTask) else { return }
        s.data.append(contentsOf: data)
        if s.data.count > configuration.maxBytes {
            s.tooLarge = true
            dataTask.cancel()
        }
    }

    public func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse, newRequest request: URLRequest,
        completionHandler: @escaping (URLRequest?) -> Void
    ) {
        guard let s = state(task) else { return completionHandler(nil) }
        s.redirects += 1
        let scheme = request.url?.scheme?.lowercased()
        completionHandler(s.redirects <= configuration.maxRedirects && (scheme == "http" || scheme == "https") ? request : nil)
    }

    public func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        lock.lock()
        let s = states.removeValue(forKey: task.taskIdentifier)
        lock.unlock()
        guard let s else { return }
        let http = task.response as? HTTPURLResponse
        var headers: [String: String] = [:]
        for (k, v) in http?.allHeaderFields ?? [:] {
            if let k = k as? String, let v = v as? String { headers[k.lowercased()] = v }
        }
        var message: String? = nil
        if s.tooLarge {
            message = "over the limit of \(configuration.maxBytes) bytes for one page"
        } else if let error {
            let e = error as NSError
            message = e.code == NSURLErrorTimedOut ? "no answer within \(Int(configuration.timeout)) s" : e.localizedDescription
        } else if s.redirects > configuration.maxRedirects {
            message = "more than \(configuration.maxRedirects) redirects"
        }
        let status = (message == nil || s.tooLarge) ? (http?.statusCode ?? 0) : 0
        s.continuation.resume(
            returning: Fetched(
                url: s.url, finalURL: task.currentRequest?.url?.absoluteString ?? http?.url?.absoluteString ?? s.url, status: s.tooLarge ? 0 : status,
                headers: headers, body: s.tooLarge ? [] : s.data, error: message, redirects: s.redirects, givenUp: s.tooLarge))
    }
}
