import ArgumentParser
import Foundation
import Linimasa

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure a stage against the reference data in ../shared/data.",
        subcommands: [EvaluateStem.self, EvaluateSummary.self, EvaluateTLS.self, EvaluateNER.self, EvaluateEvents.self, EvaluateExtract.self, EvaluatePageDates.self])
}

/// `--data`: where the development data lives, or a plain message that it is not there.
struct SharedDataOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: "The development data folder (default: ../shared/data).")
    var path: String?

    func directory() throws -> String {
        let dir = path ?? "../shared/data"
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            StandardError.line("linimasa: the development data is not at \(dir) (it lives in ../shared/data beside the project); nothing to evaluate")
            throw ExitCode(3)
        }
        return dir
    }
}

struct EvaluateStem: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stem",
        abstract: "Agreement with the Sastrawi stems in ../shared/data/stem/sastrawi_indosum_top30k.tsv.")

    @OptionGroup var data: SharedDataOptions

    @Option(help: "Folder holding id_ID.dic and id_ID.aff.")
    var lexicon: String = HunspellLexicon.defaultDirectory

    @Option(help: "How many of the most frequent disagreements to list.")
    var show: Int = 25

    @Option(help: "Fail (exit 1) when type agreement falls below this fraction.")
    var floor: Double = 0.95

    func run() throws {
        let dir = try data.directory()
        let path = (dir as NSString).appendingPathComponent("stem/sastrawi_indosum_top30k.tsv")
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            StandardError.line("linimasa: cannot read \(path)")
            throw ExitCode(3)
        }
        let stemmer = Stemmer(lexicon: try LexiconLoader.load(directory: lexicon))
        var types = 0, agreeTypes = 0, tokens = 0, agreeTokens = 0
        var disagreements: [(word: String, ours: String, theirs: String, count: Int)] = []
        for line in text.split(separator: "\n") {
            let f = line.split(separator: "\t")
            guard f.count >= 3, let count = Int(f[2]) else { continue }
            let ours = stemmer.stem(String(f[0]))
            types += 1
            tokens += count
            if ours == f[1] { agreeTypes += 1; agreeTokens += count } else {
                disagreements.append((String(f[0]), ours, String(f[1]), count))
            }
        }
        let typeAgreement = Double(agreeTypes) / Double(max(types, 1))
        print("words: \(types), agreement with Sastrawi: \(fmt(typeAgreement)) of words, \(fmt(Double(agreeTokens) / Double(max(tokens, 1)))) of occurrences")
        print("most frequent disagreements (word, ours, Sastrawi, occurrences):")
        for d in disagreements.sorted(by: { $0.count > $1.count }).prefix(show) {
            print("  \(d.word)\t\(d.ours)\t\(d.theirs)\t\(d.count)")
        }
        if typeAgreement < floor {
            StandardError.line("linimasa: agreement \(fmt(typeAgreement)) is below the floor \(fmt(floor))")
            throw ExitCode(1)
        }
    }

    func fmt(_ x: Double) -> String { String(format: "%.4f", x) }
}

/// Reads development data through a library reader; a failure is said plainly and exits 3.
func readingData<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch {
        StandardError.line("linimasa: \(error)")
        throw ExitCode(3)
    }
}
