import ArgumentParser
import Foundation
import Linimasa

struct EvaluateTLS: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tls",
        abstract: "Timeline summarization on Timeline17: concat and alignment ROUGE-1/2 F1 and date F1.",
        discussion: """
            Each DIR holds articles.tokenized.jsonl.gz ({"id", "time", "text"} a line, one sentence a line of \
            text) and timelines.jsonl (a gold timeline a line: [[date, [sentences]], ...]). Default: every \
            folder of ../shared/data/tls/t17. For each gold timeline a timeline is built from the articles \
            published between its first and last date, with as many dates as it has and its average number \
            of sentences per date (as news-tls does). ROUGE: lower case, Porter stems, English stop words \
            removed; alignment ROUGE is Martschat & Markert's many-to-one date-and-content alignment.
            """)

    @Argument(help: "Timeline17 topic folders.")
    var dirs: [String] = []

    @OptionGroup var data: SharedDataOptions

    @Flag(help: "Print the figures as one JSON object.")
    var json = false

    @Option(help: "Weight of an article published on a day when ranking days (a sentence naming the day weighs 1).")
    var publishedWeight = DatewiseTimeline().publishedWeight

    @Option(help: "Weight of the position prior when choosing a day's sentences.")
    var lead = DatewiseTimeline().summarizer.lead

    @Option(help: "Longest sentence (in words) a day's summary may take.")
    var maxWords = DatewiseTimeline().summarizer.maxWords


    @Flag(help: "Print each built timeline beside its gold timeline.")
    var show = false


    @Option(help: "Spread chosen days at least span / (dates · N) apart while others are left (0: off).")
    var spread = DatewiseTimeline().spreadDivisor


    @Option(help: "Penalty for a sentence that quotes someone.")
    var quotePenalty = DatewiseTimeline().summarizer.quotePenalty

    @Option(help: "Days before its publication day that a sentence naming no day may stand for.")
    var lag = DatewiseTimeline().nextDayReports

    @Option(help: "Sentences must use one of the collection's N most widespread terms (0: no filter).")
    var topicTerms = DatewiseTimeline().topicTerms

    @Option(help: "Weight of redundancy with sentences already chosen.")
    var redundancy = DatewiseTimeline().summarizer.redundancy

    func run() throws {
        var folders = dirs
        if folders.isEmpty {
            let root = (try data.directory() as NSString).appendingPathComponent("tls/t17")
            folders = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).sorted()
                .map { (root as NSString).appendingPathComponent($0) }
            if folders.isEmpty {
                StandardError.line("linimasa: no Timeline17 folders in \(root)")
                throw ExitCode(3)
            }
        }
        let metrics = TimelineMetrics()
        var tls = DatewiseTimeline()
        tls.publishedWeight = publishedWeight
        tls.summarizer.lead = lead
        tls.summarizer.redundancy = redundancy
        tls.summarizer.maxWords = maxWords
        tls.spreadDivisor = spread
        tls.summarizer.quotePenalty = quotePenalty
        tls.topicTerms = topicTerms
        tls.nextDayReports = lag
        var all: [TimelineMetrics.Scores] = []
        for folder in folders {
            let name = (folder as NSString).lastPathComponent
            let docs: [DatedDocument]
            let golds: [DatedSummaries]
            do {
                docs = try Timeline17.readArticles(folder)
                golds = try Timeline17.readTimelines(folder)
            } catch {
                StandardError.line("linimasa: skipped \(folder): \(error)")
                continue
            }
            for (k, gold) in golds.enumerated() where !gold.entries.isEmpty {
                let first = gold.entries.first!.day.daysSinceEpoch
                let last = gold.entries.last!.day.daysSinceEpoch
                let inRange = docs.filter { $0.published >= first && $0.published <= last }
                let perDate = Double(gold.entries.reduce(0) { $0 + $1.sentences.count }) / Double(gold.entries.count)
                let system = tls.build(
                    inRange, first: first, last: last, dates: gold.entries.count, sentencesPerDate: max(1, Int(perDate.rounded())))
                let s = metrics.score(system: system, reference: gold)
                if show {
                    for e in system.entries {
                        print("  ours \(e.day)")
                        for x in e.sentences { print("    - \(x)") }
                        if let g = gold.entries.first(where: { $0.day == e.day }) { for x in g.sentences { print("    = \(x)") } }
                    }
                }
                all.append(s)
                print(
                    "\(name)#\(k + 1)\tarticles \(inRange.count)\tdates \(gold.entries.count)\tconcat R1 \(f(s.concat1.f1)) R2 \(f(s.concat2.f1))\talign R1 \(f(s.align1)) R2 \(f(s.align2))\tdate F1 \(f(s.dateF1))"
                )
            }
        }
        guard !all.isEmpty else {
            StandardError.line("linimasa: no timeline could be scored")
            throw ExitCode(1)
        }
        let n = Double(all.count)
        func mean(_ x: (TimelineMetrics.Scores) -> Double) -> Double { all.map(x).reduce(0, +) / n }
        Figures.print(
            [
                ("timelines", n),
                ("concat_rouge1_f1", mean { $0.concat1.f1 }), ("concat_rouge2_f1", mean { $0.concat2.f1 }),
                ("align_rouge1_f1", mean { $0.align1 }), ("align_rouge2_f1", mean { $0.align2 }),
                ("date_f1", mean { $0.dateF1 }),
            ], json: json)
    }

    func f(_ x: Double) -> String { String(format: "%.3f", x) }
}

/// Reads the Timeline17 layout prepared by news-tls.
enum Timeline17 {
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

    static func readArticles(_ folder: String) throws -> [DatedDocument] {
        let data = try gunzip((folder as NSString).appendingPathComponent("articles.tokenized.jsonl.gz"))
        let lines = data.split(separator: 0x0A)
        let parsed: [Line] = lines.compactMap { try? JSONDecoder().decode(Line.self, from: $0) }
        if parsed.isEmpty { throw Failure("no readable article in \(folder)") }
        var out = [DatedDocument?](repeating: nil, count: parsed.count)
        let box = Box(out.count)
        DispatchQueue.concurrentPerform(iterations: ProcessInfo.processInfo.activeProcessorCount) { w in
            let cache = TermCache(stemmer: nil)
            var k = w
            while k < parsed.count {
                box.set(k, document(parsed[k], cache: cache))
                k += ProcessInfo.processInfo.activeProcessorCount
            }
        }
        out = box.values
        return out.compactMap { $0 }
    }

    static func document(_ l: Line, cache: TermCache) -> DatedDocument? {
        guard let pub = CivilDate(iso: l.time.prefix(10)) else { return nil }
        var sentences: [DatedSentence] = []
        for raw in l.text.split(separator: "\n") {
            guard let s = clean(String(raw)) else { continue }
            let k = sentences.count
            let tokens = TokenizedText(s)
            var days: [Int] = []
            for t in TimeFinder.find(in: tokens, anchor: pub, language: .en) where t.granularity == .day || t.granularity == .time {
                if let d = CivilDate(iso: t.value.prefix(10)) { days.append(d.daysSinceEpoch) }
            }
            sentences.append(
                DatedSentence(candidate: CandidateSentence(text: s, position: k, document: 0, language: .en, cache: cache), mentions: days))
        }
        return DatedDocument(published: pub.daysSinceEpoch, sentences: sentences)
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

    static func readTimelines(_ folder: String) throws -> [DatedSummaries] {
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

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    final class Box: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var values: [DatedDocument?]
        init(_ n: Int) { values = Array(repeating: nil, count: n) }
        func set(_ i: Int, _ v: DatedDocument?) {
            lock.lock()
            values[i] = v
            lock.unlock()
        }
    }
}
