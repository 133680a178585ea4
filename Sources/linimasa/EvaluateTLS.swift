import ArgumentParser
import Foundation
import Linimasa
import LinimasaEvaluation

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

    @Option(help: "Weight of a sentence naming its own article's publication day.")
    var sameDayMention = DatewiseTimeline().sameDayMentionWeight

    @Option(help: "Weight of a sentence naming an earlier day.")
    var mention = DatewiseTimeline().mentionWeight

    @Flag(help: "Count a day's publications as ln(1 + n).")
    var logPublished = false

    @Flag(help: "Set each parameter in turn to the value that turns it off and count the timelines where it does better and worse as set (the rule: a parameter stays when it helps on most folders).")
    var ablation = false

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
        var tls = DatewiseTimeline()
        tls.publishedWeight = publishedWeight
        tls.summarizer.lead = lead
        tls.summarizer.redundancy = redundancy
        tls.summarizer.maxWords = maxWords
        tls.spreadDivisor = spread
        tls.summarizer.quotePenalty = quotePenalty
        tls.topicTerms = topicTerms
        tls.nextDayReports = lag
        tls.sameDayMentionWeight = sameDayMention
        tls.mentionWeight = mention
        tls.logPublished = logPublished
        if ablation {
            try runAblation(folders, base: tls)
            return
        }
        let evaluation = TimelineSummarizationEvaluation(summarizer: tls)
        var all: [TimelineSummarizationEvaluation.Row] = []
        for path in folders {
            guard let folder = Self.read(path) else { continue }
            let rows = evaluation.run(folder)
            for r in rows {
                if show {
                    for e in r.system.entries {
                        print("  ours \(e.day)")
                        for x in e.sentences { print("    - \(x)") }
                        if let g = r.gold.entries.first(where: { $0.day == e.day }) { for x in g.sentences { print("    = \(x)") } }
                    }
                }
                let s = r.scores
                print(
                    "\(r.folder)#\(r.timeline)\tarticles \(r.articles)\tdates \(r.dates)\tconcat R1 \(f(s.concat1.f1)) R2 \(f(s.concat2.f1))\talign R1 \(f(s.align1)) R2 \(f(s.align2))\tdate F1 \(f(s.dateF1))"
                )
            }
            all += rows
        }
        guard !all.isEmpty else {
            StandardError.line("linimasa: no timeline could be scored")
            throw ExitCode(1)
        }
        Figures.print(TimelineSummarizationEvaluation.means(all), json: json)
    }

    func f(_ x: Double) -> String { String(format: "%.3f", x) }

    /// A Timeline17 folder read, or nil with the reason on standard error.
    static func read(_ path: String) -> Timeline17.Folder? {
        do { return try Timeline17.Folder(path) } catch {
            StandardError.line("linimasa: skipped \(path): \(error)")
            return nil
        }
    }

    func runAblation(_ paths: [String], base: DatewiseTimeline) throws {
        let folders = paths.compactMap(Self.read)
        guard !folders.isEmpty else {
            StandardError.line("linimasa: no timeline could be scored")
            throw ExitCode(1)
        }
        let rows = TimelineAblation(base: base).run(folders)
        let names = TimelineAblation.figures.map(\.0)
        print("parameter\tas set better/worse than off, per figure (\(names.joined(separator: ", ")))\tmeans off\thelps on most\thurts on some")
        var figures: [(String, Double)] = []
        for r in rows {
            let counts = names.indices.map { "\(r.better[$0])/\(r.worse[$0])" }.joined(separator: " ")
            print("\(r.name)\t\(counts) of \(r.total)\t\(r.meansOff.map(f).joined(separator: " "))\t\(r.helpsOnMost ? "yes" : "no")\t\(r.hurtsOnSome ? "yes" : "no")")
            figures.append(("\(r.name).helps_on_most", r.helpsOnMost ? 1 : 0))
        }
        Figures.print(figures, json: json)
    }
}
