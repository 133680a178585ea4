import ArgumentParser
import Foundation
import Linimasa
import LinimasaEvaluation

struct BenchTimeline: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Time grouping and the whole timeline run from 10 thousand to 1 million articles.",
        discussion: """
            Builds a corpus from IndoSum's real text (../shared/data/sum/indosum) with events and copies at a \
            known rate: each event takes one IndoSum article, changes 45% of its words (so that two events made from one \
            of the 1,497 texts share no more words than two real stories do) and gets a day in a span of \
            three years; each of its 1-5 reports, published that day, keeps the lede and drops a quarter of the other sentences and \
            changes 10% of the words, or (one report in five) republishes another report under another header \
            and last paragraph, the same day or the next. Articles are generated, analysed, profiled and grouped in chunks, so the text \
            is never all in memory. Prints time per article for each phase, peak memory, and how well the \
            events and copies match the known ones (B-cubed F1 of events; precision and recall of copies).
            """)

    @OptionGroup var data: SharedDataOptions

    @Option(help: "Corpus sizes to run, comma-separated.")
    var sizes: String = "10000,100000,1000000"

    @Option(help: "Worker threads (default: all cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Folder holding id_ID.dic and id_ID.aff.")
    var lexicon: String = HunspellLexicon.defaultDirectory

    func run() throws {
        let dataDirectory = try data.directory()
        let bases = try readingData { try SyntheticCorpus.bases(dataDirectory) }
        let stemmer = LexiconLoader.loadIfPresent(directory: lexicon).map(Stemmer.init)
        let list = sizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        print("IndoSum base articles: \(bases.count); jobs: \(jobs)")
        print("articles\tgenerate s\tanalyze s\tprofile s\tgroup s\tsummaries s\tgroup µs/article\ttimeline µs/article\tRSS grouped MB\tpeak RSS MB\tevents\tevent B3 P\tevent B3 R\tevent B3 F1\tcopy P\tcopy R\tlinks s\tstories s")
        for n in list {
            let corpus = SyntheticCorpus(bases: bases, seed: 42)
            var config = TimelineBuilder.Configuration()
            config.jobs = jobs
            let builder = TimelineBuilder(stemmer: stemmer, configuration: config)
            let runner = BatchRunner(pipeline: Pipeline(), reader: InputReader(), jobs: jobs)
            var generate = 0.0, analyze = 0.0
            var made = 0
            var truth: [String] = []
            truth.reserveCapacity(n)
            while made < n {
                var t = DispatchTime.now().uptimeNanoseconds
                let docs = corpus.next(min(4096, n - made))
                generate += Measure.since(&t)
                let articles = runner.analyze(docs)
                analyze += Measure.since(&t)
                builder.add(articles)
                made += docs.count
                for d in docs { truth.append(d.id) }
            }
            let groupedRSS = Measure.currentMegabytes()
            var t = DispatchTime.now().uptimeNanoseconds
            let linking = builder.groupSeconds
            // The stories as a store or a writer takes them: one at a time, none held.
            var scorer = SyntheticCorpus.Scorer()
            var events = 0
            builder.forEachStory { story in
                scorer.add(story)
                events += story.events.count
            }
            let summaries = Measure.since(&t) - (builder.groupSeconds - linking)
            let rss = Measure.peakMegabytes()
            let quality = scorer.quality(ids: truth)
            let groupTotal = builder.profileSeconds + builder.groupSeconds
            print(
                String(
                    format: "%d\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.1f\t%.1f", n, generate, analyze,
                    builder.profileSeconds, builder.groupSeconds, summaries, groupTotal / Double(n) * 1e6,
                    (analyze + groupTotal + summaries) / Double(n) * 1e6, groupedRSS, rss, events, quality.eventPrecision, quality.eventRecall, quality.eventF1,
                    quality.copyPrecision, quality.copyRecall, builder.linkSeconds, builder.storySeconds))
        }
    }
}

/// Writes the synthetic corpus of `bench timeline` as JSON lines, for benchmarks of the store and server.
struct BenchCorpus: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus",
        abstract: "Write the synthetic corpus of `bench timeline` (made from IndoSum's text) as JSON lines.",
        discussion: "The same generator and seed as `bench timeline`: events of 1-5 reports with copies, over three years, from 40 outlets.")

    @OptionGroup var data: SharedDataOptions

    @Option(help: "Articles to write.")
    var size = 100_000

    @Option(help: "Output file (JSON lines; - for standard output).")
    var output = "-"

    func run() throws {
        let dataDirectory = try data.directory()
        let bases = try readingData { try SyntheticCorpus.bases(dataDirectory) }
        let corpus = SyntheticCorpus(bases: bases, seed: 42)
        guard let handle = output == "-" ? FileHandle.standardOutput : FileHandle(forWritingAtPath: output) ?? {
            FileManager.default.createFile(atPath: output, contents: nil)
            return FileHandle(forWritingAtPath: output)
        }() else {
            StandardError.line("linimasa: cannot write \(output)")
            throw ExitCode(1)
        }
        try handle.truncate(atOffset: 0)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        struct Line: Encodable {
            var id, text: String
            var outlet, published: String?
        }
        var made = 0
        while made < size {
            var chunk = Data()
            for d in corpus.next(min(4096, size - made)) {
                chunk.append(try encoder.encode(Line(id: d.id, text: d.text, outlet: d.given.outlet, published: d.given.published)))
                chunk.append(0x0A)
                made += 1
            }
            try handle.write(contentsOf: chunk)
        }
        try handle.close()
        StandardError.line("linimasa: wrote \(made) synthetic articles to \(output)")
    }
}
