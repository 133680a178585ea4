import Foundation

/// A folder of hand-labelled events and stories in the layout of `../shared/data/events/detik`:
/// `articles.jsonl` (`id`, `title`, `text`, `url`, `published`, `outlet` a line) and `gold.json`
/// (`articles` → `{event, story}`). Some articles appear twice under different ids with one URL;
/// scores are on unique URLs, each URL standing for the first id that has it.
public struct EventsDataset: Sendable {
    public var directory: String
    public var articlesPath: String { (directory as NSString).appendingPathComponent("articles.jsonl") }
    /// Gold event and story of each scored id (one id per URL).
    public var goldEvent: [String: String]
    public var goldStory: [String: String]
    /// The id each article id is scored as: the first id with its URL.
    public var representative: [String: String]

    public enum Failure: Error, CustomStringConvertible {
        case unreadable(String, String)
        public var description: String {
            switch self {
            case .unreadable(let path, let why): return "\(path): \(why)"
            }
        }
    }

    private struct Gold: Decodable {
        struct Label: Decodable {
            var event: String
            var story: String
        }
        var articles: [String: Label]
    }

    private struct Line: Decodable {
        var id: String
        var url: String?
    }

    public init(directory: String) throws {
        self.directory = directory
        let goldPath = (directory as NSString).appendingPathComponent("gold.json")
        guard let goldData = FileManager.default.contents(atPath: goldPath) else {
            throw Failure.unreadable(goldPath, "cannot be read")
        }
        let gold: Gold
        do { gold = try JSONDecoder().decode(Gold.self, from: goldData) } catch {
            throw Failure.unreadable(goldPath, "not the gold layout ({\"articles\": {id: {\"event\", \"story\"}}}): \(error)")
        }
        let path = (directory as NSString).appendingPathComponent("articles.jsonl")
        guard let data = FileManager.default.contents(atPath: path) else { throw Failure.unreadable(path, "cannot be read") }
        var firstOfURL: [String: String] = [:]
        var representative: [String: String] = [:]
        var goldEvent: [String: String] = [:]
        var goldStory: [String: String] = [:]
        for (n, raw) in data.split(separator: UInt8(ascii: "\n")).enumerated() {
            guard raw.contains(where: { $0 > 0x20 }) else { continue }
            let line: Line
            do { line = try JSONDecoder().decode(Line.self, from: Data(raw)) } catch {
                throw Failure.unreadable("\(path):\(n + 1)", "not a JSON object with an id")
            }
            let key = line.url ?? line.id
            let rep = firstOfURL[key] ?? line.id
            firstOfURL[key] = rep
            representative[line.id] = rep
            guard rep == line.id else { continue }
            guard let label = gold.articles[line.id] else { throw Failure.unreadable(goldPath, "no label for article \(line.id)") }
            goldEvent[line.id] = label.event
            goldStory[line.id] = label.story
        }
        self.goldEvent = goldEvent
        self.goldStory = goldStory
        self.representative = representative
    }

    /// Scores predicted labels (article id → cluster) on unique URLs.
    /// With `half`, only the articles of that half of the gold stories are scored.
    public func score(events: [String: String], stories: [String: String], half: Int? = nil) -> (events: ClusteringScores, stories: ClusteringScores) {
        func scored(_ labels: [String: String]) -> [String: String] {
            var out: [String: String] = [:]
            for (id, label) in labels where representative[id] == id { out[id] = label }
            return out
        }
        func kept(_ gold: [String: String]) -> [String: String] {
            guard let half else { return gold }
            return gold.filter { self.half(ofArticle: $0.key) == half }
        }
        return (
            ClusteringScores(gold: kept(goldEvent), predicted: scored(events)),
            ClusteringScores(gold: kept(goldStory), predicted: scored(stories))
        )
    }

    /// The half (0 or 1) of the gold stories an article belongs to: its story's label hashed, so each
    /// story lies whole in one half. Articles without a label (another id of a scored URL) go with
    /// their URL's first id.
    public func half(ofArticle id: String) -> Int {
        Self.half(of: goldStory[representative[id] ?? id] ?? id)
    }

    /// 0 or 1 from FNV-1a of the label, mixed (murmur's finaliser): stable across runs and platforms.
    static func half(of label: String) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in label.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        return Int(h & 1)
    }
}
