/// A site's robots.txt as RFC 9309 reads it: the group for our user agent (the longest product
/// token that matches, else `*`), its Allow and Disallow rules (the longest matching path wins,
/// Allow on a tie; `*` matches anything, `$` ends the path), and its Crawl-delay.
public struct RobotsTxt: Sendable {
    struct Rule: Sendable {
        var allow: Bool
        var pattern: String
    }

    var rules: [Rule] = []
    public var crawlDelay: Double?

    /// Everything allowed (no robots.txt, or one that says nothing for us).
    public static let allowAll = RobotsTxt()

    public init() {}

    public init(_ text: String, userAgent: String) {
        let agent = userAgent.lowercased().split(separator: "/").first.map(String.init) ?? userAgent.lowercased()
        var groups: [(agents: [String], rules: [Rule], delay: Double?)] = []
        var current: (agents: [String], rules: [Rule], delay: Double?) = ([], [], nil)
        var lastWasAgent = false
        for raw in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "user-agent":
                if !lastWasAgent && !current.agents.isEmpty {
                    groups.append(current)
                    current = ([], [], nil)
                }
                current.agents.append(value.lowercased())
                lastWasAgent = true
            case "allow", "disallow":
                lastWasAgent = false
                if key == "disallow" && value.isEmpty { continue }  // "Disallow:" allows everything
                current.rules.append(Rule(allow: key == "allow", pattern: value))
            case "crawl-delay":
                lastWasAgent = false
                current.delay = Double(value)
            default:
                lastWasAgent = false
            }
        }
        if !current.agents.isEmpty { groups.append(current) }
        let mine = groups.filter { g in g.agents.contains { $0 != "*" && agent.contains($0) } }
        let chosen = mine.isEmpty ? groups.filter { $0.agents.contains("*") } : mine
        rules = chosen.flatMap(\.rules)
        crawlDelay = chosen.compactMap(\.delay).max()
    }

    /// Whether `path` (with its query) may be fetched.
    public func allows(_ path: String) -> Bool {
        var best: Rule? = nil
        for r in rules where Self.matches(r.pattern, path) {
            if best == nil || r.pattern.count > best!.pattern.count || (r.pattern.count == best!.pattern.count && r.allow) { best = r }
        }
        return best?.allow ?? true
    }

    /// `*` any run of characters, a final `$` the end of the path; otherwise a prefix match.
    static func matches(_ pattern: String, _ path: String) -> Bool {
        var p = Array(pattern)
        let anchored = p.last == "$"
        if anchored { p.removeLast() }
        let s = Array(path)
        // Dynamic programming over the pattern's pieces: small patterns, short paths.
        var reach = Set([0])
        for c in p {
            var next = Set<Int>()
            if c == "*" {
                let lo = reach.min() ?? 0
                next = Set(lo...s.count)
            } else {
                for i in reach where i < s.count && s[i] == c { next.insert(i + 1) }
            }
            reach = next
            if reach.isEmpty { return false }
        }
        return anchored ? reach.contains(s.count) : true
    }
}
