import Foundation
import Linimasa

/// `linimasa eval tls`: timeline summarization on Timeline17. For each gold timeline a timeline is
/// built from the articles published between its first and last date, with as many dates as it has
/// and its mean number of sentences per date (as news-tls does), and scored with `TimelineMetrics`.
public struct TimelineSummarizationEvaluation: Sendable {
    public struct Row: Sendable {
        public var folder: String
        /// Which of the folder's gold timelines (1-based).
        public var timeline: Int
        public var articles: Int
        public var dates: Int
        public var scores: TimelineMetrics.Scores
        /// The built timeline, for showing beside the gold one.
        public var system: DatedSummaries
        public var gold: DatedSummaries
    }

    public var summarizer: DatewiseTimeline
    public var metrics = TimelineMetrics()

    public init(summarizer: DatewiseTimeline = DatewiseTimeline()) { self.summarizer = summarizer }

    /// Every gold timeline of one folder, built and scored.
    public func run(folder: String) throws -> [Row] {
        try run(Timeline17.Folder(folder))
    }

    /// Every gold timeline of a folder already read.
    public func run(_ folder: Timeline17.Folder) -> [Row] {
        let name = folder.name, docs = folder.articles, golds = folder.timelines
        var rows: [Row] = []
        for (k, gold) in golds.enumerated() where !gold.entries.isEmpty {
            let first = gold.entries.first!.day.daysSinceEpoch
            let last = gold.entries.last!.day.daysSinceEpoch
            let inRange = docs.filter { $0.published >= first && $0.published <= last }
            let perDate = Double(gold.entries.reduce(0) { $0 + $1.sentences.count }) / Double(gold.entries.count)
            let system = summarizer.build(
                inRange, first: first, last: last, dates: gold.entries.count, sentencesPerDate: max(1, Int(perDate.rounded())))
            rows.append(
                Row(
                    folder: name, timeline: k + 1, articles: inRange.count, dates: gold.entries.count,
                    scores: metrics.score(system: system, reference: gold), system: system, gold: gold))
        }
        return rows
    }

    /// Mean figures over rows, as `name: value` pairs.
    public static func means(_ rows: [Row]) -> [(String, Double)] {
        let n = Double(max(rows.count, 1))
        func mean(_ x: (TimelineMetrics.Scores) -> Double) -> Double { rows.map { x($0.scores) }.reduce(0, +) / n }
        return [
            ("timelines", Double(rows.count)),
            ("concat_rouge1_f1", mean { $0.concat1.f1 }), ("concat_rouge2_f1", mean { $0.concat2.f1 }),
            ("align_rouge1_f1", mean { $0.align1 }), ("align_rouge2_f1", mean { $0.align2 }),
            ("date_f1", mean { $0.dateF1 }),
        ]
    }
}

/// Whether each of the summarizer's parameters earns its place: each set to the value that turns it
/// off, every folder built again, and the folders counted where the parameter as set does better
/// and worse, on each figure. The rule for timelines is that a parameter stays only when it
/// helps on most folders; this is that rule's count, for all parameters in one run.
public struct TimelineAblation: Sendable {
    /// A parameter and the change that turns it off (or to the plainest value it has).
    public struct Variant: Sendable {
        public var name: String
        public var neutral: @Sendable (inout DatewiseTimeline) -> Void
        public init(_ name: String, _ neutral: @escaping @Sendable (inout DatewiseTimeline) -> Void) {
            self.name = name
            self.neutral = neutral
        }
    }

    /// One parameter's count: for each figure (align ROUGE-1, align ROUGE-2, date F1), the timelines
    /// where the parameter as set does better and worse than turned off, and the means turned off.
    public struct Row: Sendable {
        public var name: String
        public var better: [Int]
        public var worse: [Int]
        public var meansOff: [Double]
        /// Timelines compared.
        public var total: Int
        /// Whether the parameter helps on most timelines: better than off on more than half of them,
        /// on some figure.
        public var helpsOnMost: Bool { better.indices.contains { better[$0] * 2 > total } }
        /// Whether on some figure the parameter does worse than off on more timelines than better.
        public var hurtsOnSome: Bool { better.indices.contains { worse[$0] > better[$0] } }
    }

    /// The figures compared, by name, read from a timeline's scores.
    public static let figures: [(String, @Sendable (TimelineMetrics.Scores) -> Double)] = [
        ("align_rouge1_f1", { $0.align1 }), ("align_rouge2_f1", { $0.align2 }), ("date_f1", { $0.dateF1 }),
    ]

    /// The summarizer's parameters, each with the value that turns it off.
    public static let variants: [Variant] = [
        Variant("spread") { $0.spreadDivisor = 0 },
        Variant("quote-penalty") { $0.summarizer.quotePenalty = 0 },
        Variant("topic-terms") { $0.topicTerms = 0 },
        Variant("redundancy") { $0.summarizer.redundancy = 0 },
        Variant("lag") { $0.nextDayReports = 0 },
        Variant("max-words") { $0.summarizer.maxWords = Int.max },
        Variant("published-weight") { $0.publishedWeight = 0 },
    ]

    public var base: DatewiseTimeline
    public var variants: [Variant]

    public init(base: DatewiseTimeline = DatewiseTimeline(), variants: [Variant] = TimelineAblation.variants) {
        self.base = base
        self.variants = variants
    }

    /// Each variant's count over `folders`, read once.
    public func run(_ folders: [Timeline17.Folder]) -> [Row] {
        func scores(_ tls: DatewiseTimeline) -> [TimelineMetrics.Scores] {
            let e = TimelineSummarizationEvaluation(summarizer: tls)
            return folders.flatMap { e.run($0).map(\.scores) }
        }
        let reference = scores(base)
        return variants.map { v in
            var tls = base
            v.neutral(&tls)
            let off = scores(tls)
            var row = Row(name: v.name, better: [], worse: [], meansOff: [], total: reference.count)
            for (_, figure) in Self.figures {
                let pairs = zip(reference, off).map { (figure($0), figure($1)) }
                row.better.append(pairs.filter { $0.0 > $0.1 }.count)
                row.worse.append(pairs.filter { $0.0 < $0.1 }.count)
                row.meansOff.append(off.map(figure).reduce(0, +) / Double(max(off.count, 1)))
            }
            return row
        }
    }
}

/// Reads the Timeline17 layout prepared by news-tls.
public enum Timeline17 {
    /// One topic folder read: its articles and gold timelines.
    public struct Folder: Sendable {
        public var name: String
        public var articles: [DatedDocument]
        public var timelines: [DatedSummaries]

        public init(name: String, articles: [DatedDocument], timelines: [DatedSummaries]) {
            self.name = name
            self.articles = articles
            self.timelines = timelines
        }

        public init(_ path: String) throws {
            self.init(name: (path as NSString).lastPathComponent, articles: try readArticles(path), timelines: try readTimelines(path))
        }
    }

    struct Line: Decodable {
        var id: String
        var time: String
        var text: String
    }

    static func gunzip(_ path: String) throws -> Data {
        guard FileManager.default.fileExists(atPath: path) else { throw Failure("\(path) does not exist") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/gzip")
        p.arguments = ["-dc", path]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw Failure("gzip could not read \(path)") }
        return data
    }

    public static func readArticles(_ folder: String) throws -> [DatedDocument] {
        let data = try gunzip((folder as NSString).appendingPathComponent("articles.tokenized.jsonl.gz"))
        let lines = data.split(separator: 0x0A)
        let parsed: [Line] = lines.compactMap { try? JSONDecoder().decode(Line.self, from: $0) }
        if parsed.isEmpty { throw Failure("no readable article in \(folder)") }
        return parallelMap(parsed, jobs: ProcessInfo.processInfo.activeProcessorCount, context: { TermCache(stemmer: nil) }) { cache, line in
            document(line, cache: cache)
        }.compactMap { $0 }
    }

    static func document(_ l: Line, cache: TermCache) -> DatedDocument? {
        guard let pub = CivilDate(iso: l.time.prefix(10)) else { return nil }
        var sentences: [(text: String, mentions: [Int])] = []
        for raw in l.text.split(separator: "\n") {
            guard let s = clean(String(raw)) else { continue }
            let tokens = TokenizedText(s)
            var days: [Int] = []
            for t in TimeFinder.find(in: tokens, anchor: pub, language: .en) where t.granularity == .day || t.granularity == .time {
                if let d = CivilDate(iso: t.value.prefix(10)) { days.append(d.daysSinceEpoch) }
            }
            sentences.append((s, days))
        }
        return DatedDocument(published: pub.daysSinceEpoch, sentences: sentences, language: .en, cache: cache)
    }

    /// Undoes the Penn Treebank escapes of the tokenized text (-LRB-, ` `, '') and drops what is not
    /// a sentence of the article: page headers ("HONG KONG | Wed Apr 15 , 2009 5:56 am EDT") and
    /// the wire credit before a lede ("HONG KONG (Reuters) - ").
    static func clean(_ raw: String) -> String? {
        var s = raw.replacingOccurrences(of: "-LRB-", with: "(").replacingOccurrences(of: "-RRB-", with: ")")
            .replacingOccurrences(of: "` `", with: "\"").replacingOccurrences(of: "''", with: "\"")
            .replacingOccurrences(of: "\\*", with: "").trimmingCharacters(in: .whitespaces)
        if s.contains(" | ") { return nil }
        if let r = s.range(of: ") - "), s.distance(from: s.startIndex, to: r.lowerBound) < 60,
            s[..<r.lowerBound].contains(where: { $0 == "(" }) || s.hasPrefix("Reuters") || s.hasPrefix("AP")
        {
            s = String(s[r.upperBound...])
        }
        let words = s.split(separator: " ").count
        return words >= 6 ? s : nil
    }

    public static func readTimelines(_ folder: String) throws -> [DatedSummaries] {
        let path = (folder as NSString).appendingPathComponent("timelines.jsonl")
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw Failure("cannot read \(path)") }
        var out: [DatedSummaries] = []
        for line in text.split(separator: "\n") {
            guard let arr = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [[Any]] else { throw Failure("\(path) is not a list of [date, sentences]") }
            var entries: [(day: CivilDate, sentences: [String])] = []
            for e in arr {
                guard e.count == 2, let d = e[0] as? String, let day = CivilDate(iso: d.prefix(10)), let s = e[1] as? [String] else { continue }
                entries.append((day, s.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }))
            }
            out.append(DatedSummaries(entries))
        }
        return out
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        init(_ d: String) { description = d }
    }
}
