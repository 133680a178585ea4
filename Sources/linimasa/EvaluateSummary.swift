import ArgumentParser
import Foundation
import Linimasa
import LinimasaEvaluation

/// Figures printed last by the evaluation commands: `name: value` a line, or one JSON object.
enum Figures {
    static func print(_ figures: [(String, Double)], json: Bool) {
        if json {
            let body = figures.map { "  \"\($0.0)\": \(String(format: "%.4f", $0.1))" }.joined(separator: ",\n")
            Swift.print("{\n\(body)\n}")
        } else {
            for (k, v) in figures { Swift.print("\(k): \(String(format: "%.4f", v))") }
        }
    }
}

struct EvaluateSummary: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "ROUGE of our extractive summaries against IndoSum's reference summaries, beside LEAD-3.",
        discussion: """
            Reads IndoSum JSON lines (default: every .jsonl in ../shared/data/sum/indosum). For each article it \
            writes a summary with as many sentences as the reference has and scores it with ROUGE-1, -2 and -L F1 \
            (lower case, letters and digits, no stemming), averaged over articles. LEAD-3 (the first three \
            sentences) and LEAD-k (the first k, k = the reference's length) are scored by the same code.
            """)

    @Argument(help: "IndoSum .jsonl files.")
    var files: [String] = []

    @OptionGroup var data: SharedDataOptions

    @Option(help: "Folder holding id_ID.dic and id_ID.aff.")
    var lexicon: String = HunspellLexicon.defaultDirectory

    @Flag(help: "Print the figures as one JSON object.")
    var json = false

    @Option(help: "Score only the first N articles (0: all).")
    var limit = 0

    @Option(help: "Weight of the position prior.")
    var lead = Summarizer().lead

    @Option(help: "Weight of redundancy with sentences already chosen.")
    var redundancy = Summarizer().redundancy

    @Option(help: "Penalty for a sentence that quotes someone.")
    var quotePenalty = Summarizer().quotePenalty

    func run() throws {
        var paths = files
        if paths.isEmpty {
            let dir = (try data.directory() as NSString).appendingPathComponent("sum/indosum")
            paths = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".jsonl") }.sorted()
                .map { (dir as NSString).appendingPathComponent($0) }
            if paths.isEmpty {
                StandardError.line("linimasa: no IndoSum .jsonl files in \(dir)")
                throw ExitCode(3)
            }
        }
        let cache = TermCache(stemmer: LexiconLoader.loadIfPresent(directory: lexicon).map(Stemmer.init))
        var summarizer = Summarizer()
        summarizer.lead = lead
        summarizer.redundancy = redundancy
        summarizer.quotePenalty = quotePenalty
        let rouge = Rouge()
        var sums = [String: Double]()
        var n = 0
        var bad = 0
        outer: for path in paths {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                StandardError.line("linimasa: cannot read \(path)")
                bad += 1
                continue
            }
            for (k, line) in text.split(separator: "\n").enumerated() {
                guard let doc = try? JSONDecoder().decode(IndoSumArticle.self, from: Data(line.utf8)) else {
                    StandardError.line("linimasa: skipped \(path):\(k + 1): not an IndoSum article")
                    bad += 1
                    continue
                }
                let sentences = doc.paragraphs.flatMap { $0 }.map { $0.joined(separator: " ") }
                let reference = doc.summary.map { $0.joined(separator: " ") }
                guard !sentences.isEmpty, !reference.isEmpty else { continue }
                let candidates = sentences.enumerated().map {
                    CandidateSentence(text: $1, position: $0, document: 0, language: .id, cache: cache)
                }
                let ours = summarizer.select(candidates, count: reference.count).map { sentences[$0] }
                let systems = [
                    ("ours", ours), ("lead3", Array(sentences.prefix(3))), ("leadk", Array(sentences.prefix(reference.count))),
                ]
                for (name, s) in systems {
                    sums["\(name)_rouge1", default: 0] += rouge.counts(candidate: s, reference: reference, n: 1).f1
                    sums["\(name)_rouge2", default: 0] += rouge.counts(candidate: s, reference: reference, n: 2).f1
                    sums["\(name)_rougeL", default: 0] += rouge.rougeL(candidate: s, reference: reference).f1
                }
                n += 1
                if limit > 0 && n >= limit { break outer }
            }
        }
        guard n > 0 else {
            StandardError.line("linimasa: no article could be scored")
            throw ExitCode(1)
        }
        StandardError.line("linimasa: scored \(n) articles\(bad > 0 ? ", skipped \(bad) unreadable lines or files" : "")")
        var figures: [(String, Double)] = [("articles", Double(n))]
        for name in ["ours", "lead3", "leadk"] {
            for m in ["rouge1", "rouge2", "rougeL"] { figures.append(("\(name)_\(m)", sums["\(name)_\(m)"]! / Double(n))) }
        }
        Figures.print(figures, json: json)
    }
}
