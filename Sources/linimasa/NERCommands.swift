import ArgumentParser
import Foundation
import Linimasa
import LinimasaEvaluation

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a model from the reference data in ../shared/data.", subcommands: [TrainNER.self])
}

struct TrainNER: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ner",
        abstract: "Train the entity tagger on the training splits of ../shared/data/ner (all five sets at once).",
        discussion: """
            Reads NER-UI and NER-UGM (IndoLEM fold 1), idner-news-2k, NERGrit and NERP training files, \
            trains an averaged perceptron and writes the model the project ships with.
            """)

    @OptionGroup var data: SharedDataOptions

    @Option(help: "Where to write the model.")
    var output = "Sources/LinimasaEntities/Resources/ner.lnm"

    @Option(help: "Passes over the training data.")
    var epochs = 12

    @Flag(help: "Add gazetteer features (names learned from the training data; they lowered F1 on every development split).")
    var gazetteer = false

    @Option(help: "Leave out features seen fewer times than this in the training data.")
    var minCount = 3

    @Option(help: "Drop averaged weights smaller than this from the saved model.")
    var prune: Float = 0.5

    @Option(help: "Word classes learned from unlabelled text (the training splits, IndoSum and the detik articles) as features; 0 for none.")
    var clusters = 1000

    @Flag(help: "Train for greedy left-to-right decoding, updated token by token, instead of a structured perceptron decoded exactly (second-order Viterbi).")
    var greedy = false

    @Option(help: "Shuffle the examples with another stream (0: the bundled model's); the spread over a few seeds is the noise in a development figure.")
    var seed: UInt64 = 0

    @Flag(inversion: .prefixedNo, help: "Learn the cased sets' sentences again in lower case, as a tagger of its own for text without capitals.")
    var lowerCasedCopies = true

    @Option(help: "Train on these sets only (comma-separated scheme names; default: all five).")
    var sets: String?

    func run() throws {
        let dir = try data.directory()
        var trainer = NERTrainer()
        trainer.epochs = epochs
        trainer.gazetteer = gazetteer
        trainer.pruneBelow = prune
        trainer.minCount = minCount
        trainer.seed = seed
        trainer.exact = !greedy
        trainer.lowerCasedCopies = lowerCasedCopies
        let chosen = sets.map { Set($0.split(separator: ",").map(String.init)) }
        for (scheme, rel) in NERData.train where chosen?.contains(scheme.name) ?? true {
            let path = (dir as NSString).appendingPathComponent(rel)
            let sentences = try readingData { try NERData.read(path) }
            try trainer.add(sentences, scheme: scheme, file: path)
            StandardError.line("read \(sentences.count) sentences of \(scheme.name) from \(path)")
        }
        if clusters > 0 {
            var clusterer = WordClusterer()
            clusterer.fineClasses = clusters
            for e in trainer.examples { clusterer.add(sentence: e.words) }
            let (text, missing) = NERData.unlabelledText(dir)
            for m in missing { StandardError.line("linimasa: \(m) is not there; word classes are learned without it") }
            for s in text { clusterer.add(sentence: s) }
            StandardError.line("word classes from \(clusterer.tokenCount) tokens (the training splits and \(text.count) unlabelled sentences)")
            trainer.clusterer = clusterer
        }
        let start = Date()
        let model = trainer.train { StandardError.line($0) }
        let bytes = model.serialized()
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: output))
        } catch {
            StandardError.line("linimasa: cannot write \(output): \(error.localizedDescription)")
            throw ExitCode(1)
        }
        print("wrote \(output): \(bytes.count) bytes, \(model.featureCount) weighted features, \(model.gazetteerCount) gazetteer names, trained in \(String(format: "%.1f", Date().timeIntervalSince(start))) s")
    }
}

struct EvaluateNER: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ner",
        abstract: "Exact-span precision, recall and F1 per type and overall (as conlleval counts them).",
        discussion: """
            FILE: CoNLL-style files (word first, IOB tag last, blank lines between sentences). Without \
            files, evaluates the five development splits in ../shared/data/ner.
            """)

    @Argument(help: "CoNLL-style files to evaluate.")
    var files: [String] = []

    @Option(help: "The files' tag scheme: nerui, nerugm, idner, nergrit or nerp (default: guessed from the tags).")
    var scheme: String?

    @Option(help: "A model file (default: the bundled model).")
    var model: String?

    @OptionGroup var data: SharedDataOptions

    @Flag(help: "Print JSON.")
    var json = false

    @Flag(help: "Score the names `analyze` reports (the tagger plus titles, roles and second thoughts), people, organisations and places only.")
    var pipeline = false

    @Flag(help: "Score the cased sets' sentences written all in lower case, as text without capitals is read: by the uncased tagger (with --pipeline, as analyze finds names in them); people, organisations and places only.")
    var lowerCase = false

    func run() throws {
        var forced: NERScheme?
        if let scheme {
            guard let s = NERScheme.named(scheme) else {
                StandardError.line("linimasa: unknown scheme \(scheme); known: \(NERScheme.all.map(\.name).joined(separator: ", "))")
                throw ExitCode.validationFailure
            }
            forced = s
        }
        let m: NERModel
        if let model {
            do { m = try NERModel.load(path: model) } catch {
                StandardError.line("linimasa: \(error)")
                throw ExitCode(1)
            }
        } else {
            m = NERModel.bundled
        }
        var inputs: [(NERScheme?, String)] = files.map { (forced, $0) }
        if files.isEmpty {
            let dir = try data.directory()
            inputs = NERData.dev.map { (forced ?? $0.0, (dir as NSString).appendingPathComponent($0.1)) }
        }
        var results: [[String: Any]] = []
        for (s, path) in inputs {
            let sentences: [CoNLLSentence]
            do { sentences = try NERData.read(path) } catch {
                StandardError.line("linimasa: \(error)")
                continue
            }
            let scheme = s ?? NERScheme.guess(fromTags: CoNLLReader.tagNames(sentences))
            if lowerCase && scheme.lowercased { continue }
            let tagger = m.tagger(for: scheme)
            let uncased = lowerCase && !pipeline ? m.tagger(for: .uncased) : nil
            let finder = EntityFinder(model: m, scheme: scheme)
            var scores = SpanScores()
            let start = Date()
            for x in sentences {
                if lowerCase {
                    let words = x.words.map { $0.lowercased() }
                    scores.add(
                        gold: NERData.pipelineGold(x.tags, scheme: scheme),
                        predicted: pipeline
                            ? NERData.pipelineTags(words, finder: finder, scheme: scheme) : NERData.uncasedTags(words, tagger: uncased!, scheme: scheme))
                } else if pipeline {
                    scores.add(gold: NERData.pipelineGold(x.tags, scheme: scheme), predicted: NERData.pipelineTags(x.words, finder: finder, scheme: scheme))
                } else {
                    scores.add(gold: x.tags, predicted: tagger.tags(words: x.words))
                }
            }
            let seconds = Date().timeIntervalSince(start)
            if json {
                var types: [String: Any] = [:]
                for (t, c) in scores.byType { types[t] = ["precision": c.precision, "recall": c.recall, "f1": c.f1, "gold": c.gold] }
                results.append([
                    "file": path, "scheme": scheme.name, "lowerCase": lowerCase, "pipeline": pipeline, "sentences": sentences.count, "precision": scores.overall.precision,
                    "recall": scores.overall.recall, "f1": scores.overall.f1, "types": types,
                ])
            } else {
                print("\(path) (scheme \(scheme.name)\(lowerCase ? ", in lower case" : "")\(pipeline ? ", as analyze finds names" : "")): \(sentences.count) sentences, \(scores.tokens) tokens, \(scores.overall.gold) entities; \(Int(Double(sentences.count) / max(seconds, 1e-9))) sentences/s")
                print("  accuracy \(pct(Double(scores.correctTokens) / Double(max(scores.tokens, 1))))  precision \(pct(scores.overall.precision))  recall \(pct(scores.overall.recall))  F1 \(pct(scores.overall.f1))")
                for (t, c) in scores.byType.sorted(by: { $0.key < $1.key }) {
                    print("  \(t.padding(toLength: 13, withPad: " ", startingAt: 0)) precision \(pct(c.precision))  recall \(pct(c.recall))  F1 \(pct(c.f1))  (\(c.gold) gold, \(c.predicted) found)")
                }
            }
        }
        if json {
            let d = try JSONSerialization.data(withJSONObject: ["results": results], options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: d, as: UTF8.self))
        }
    }

    func pct(_ x: Double) -> String { String(format: "%6.2f", 100 * x) }
}

struct BenchNER: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ner",
        abstract: "Measure the entity tagger's speed on one core on the NER sentences of ../shared/data/ner (build with -c release).",
        discussion: "Tags every training and development sentence of the five sets, already split into words, in each set's scheme; reports the median of several runs.")

    @OptionGroup var data: SharedDataOptions

    @Option(help: "Times to tag the whole set; the median run is reported.")
    var repeats: Int = 5

    func run() throws {
        let dir = try data.directory()
        var inputs: [(NERTagger, NERInput)] = []
        var taggers: [String: NERTagger] = [:]
        var tokens = 0
        for (scheme, rel) in NERData.train + NERData.dev {
            let tagger = taggers[scheme.name] ?? NERModel.bundled.tagger(for: scheme)
            taggers[scheme.name] = tagger
            for s in try readingData({ try NERData.read((dir as NSString).appendingPathComponent(rel)) }) {
                inputs.append((tagger, NERInput(words: s.words)))
                tokens += s.words.count
            }
        }
        print("sentences: \(inputs.count), tokens: \(tokens) (all five sets, training and development splits)")
        var times: [Double] = []
        var found = 0
        for _ in 0..<max(1, repeats) {
            found = 0
            let start = DispatchTime.now().uptimeNanoseconds
            for (tagger, input) in inputs { found += tagger.spans(input).count }
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        let median = times.sorted()[times.count / 2]
        print(String(format: "one core: %.0f sentences/s, %.0f tokens/s (median of %d runs, %.2f s each; %d entities found)", Double(inputs.count) / median, Double(tokens) / median, times.count, median, found))
    }
}
