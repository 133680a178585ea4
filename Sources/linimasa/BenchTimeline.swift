import ArgumentParser
import Foundation
import Linimasa

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
        let bases = try SyntheticCorpus.bases(try data.directory())
        let stemmer = LexiconLoader.loadIfPresent(directory: lexicon).map(Stemmer.init)
        let list = sizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        print("IndoSum base articles: \(bases.count); jobs: \(jobs)")
        print("articles\tgenerate s\tanalyze s\tprofile s\tgroup s\tsummaries s\tgroup µs/article\ttimeline µs/article\tRSS grouped MB\tpeak RSS MB\tevents\tevent B3 P\tevent B3 R\tevent B3 F1\tcopy P\tcopy R")
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
                generate += Self.since(&t)
                let articles = runner.analyze(docs)
                analyze += Self.since(&t)
                builder.add(articles)
                made += docs.count
                for d in docs { truth.append(d.id) }
            }
            let groupedRSS = Self.currentMegabytes()
            var t = DispatchTime.now().uptimeNanoseconds
            let linking = builder.groupSeconds
            let timeline = builder.timeline()
            let summaries = Self.since(&t) - (builder.groupSeconds - linking)
            let rss = Self.peakMegabytes()
            let quality = SyntheticCorpus.score(timeline, ids: truth)
            let groupTotal = builder.profileSeconds + builder.groupSeconds
            let events = timeline.stories.reduce(0) { $0 + $1.events.count }
            print(
                String(
                    format: "%d\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f", n, generate, analyze,
                    builder.profileSeconds, builder.groupSeconds, summaries, groupTotal / Double(n) * 1e6,
                    (analyze + groupTotal + summaries) / Double(n) * 1e6, groupedRSS, rss, events, quality.eventPrecision, quality.eventRecall, quality.eventF1,
                    quality.copyPrecision, quality.copyRecall))
        }
    }

    static func since(_ t: inout UInt64) -> Double {
        let now = DispatchTime.now().uptimeNanoseconds
        defer { t = now }
        return Double(now - t) / 1e9
    }

    /// Resident memory now (from /proc/self/statm), in MiB.
    static func currentMegabytes() -> Int {
        guard let s = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let f = s.split(separator: " ")
        guard f.count > 1, let pages = Int(f[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE))) / (1 << 20)
    }

    static func peakMegabytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss / 1024
    }
}

/// Articles made from real IndoSum text, with events and copies at a known rate; the truth is in
/// the ids: `e<event>r<report>` for a report, with a `c` at the end for a copy.
final class SyntheticCorpus {
    let bases: [[String]]
    let vocabulary: [String]
    var rng: SplitMix64
    var event = 0
    var queue: [RawDocument] = []
    static let span = 1095
    static let start = CivilDate(year: 2016, month: 1, day: 1)!.daysSinceEpoch

    init(bases: [[String]], seed: UInt64) {
        self.bases = bases
        var v: [String] = []
        for b in bases.prefix(300) { for s in b { for w in s.split(separator: " ") where w.count > 3 && w.allSatisfy(\.isLetter) { v.append(String(w)) } } }
        vocabulary = v
        rng = SplitMix64(seed: seed)
    }

    /// IndoSum's articles, or exit 3 saying they are missing.
    static func bases(_ dir: String) throws -> [[String]] {
        let bases = loadBases(dir)
        guard !bases.isEmpty else {
            StandardError.line("linimasa: no IndoSum articles found under \(dir)/sum/indosum")
            throw ExitCode(3)
        }
        return bases
    }

    /// IndoSum articles as lists of sentences.
    static func loadBases(_ dir: String) -> [[String]] {
        var out: [[String]] = []
        for file in ["sum/indosum/dev.01.jsonl", "sum/indosum/dev.02.jsonl"] {
            let path = (dir as NSString).appendingPathComponent(file)
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n") {
                guard let doc = try? JSONDecoder().decode(IndoSumArticle.self, from: Data(line.utf8)) else { continue }
                let sentences = doc.paragraphs.flatMap { $0 }.map(IndoSum.detokenize)
                if sentences.count >= 4 { out.append(sentences) }
            }
        }
        return out
    }

    func next(_ count: Int) -> [RawDocument] {
        while queue.count < count { queue.append(contentsOf: makeEvent()) }
        let out = Array(queue.prefix(count))
        queue.removeFirst(count)
        return out
    }

    func makeEvent() -> [RawDocument] {
        let e = event
        event += 1
        let base = bases[Int(rng.next() % UInt64(bases.count))]
        let canonical = base.map { substitute($0, rate: 0.45) }
        let day = Self.start + Int(rng.next() % UInt64(Self.span))
        let reports = 1 + Int(rng.next() % 5)
        var out: [RawDocument] = []
        var first: [String] = []
        for r in 0..<reports {
            let copy = r > 0 && rng.next() % 5 == 0
            var sentences: [String]
            if copy {
                sentences = Array(first.dropLast()) + [substitute(first.last ?? "", rate: 0.6)]
            } else {
                sentences = [canonical[0]] + canonical.dropFirst().filter { _ in rng.next() % 4 != 0 }
                sentences = sentences.map { substitute($0, rate: 0.10) }
                if r == 0 { first = sentences }
            }
            // Reports come out on the day; a copy may follow the next day.
            let pubDay = CivilDate(daysSinceEpoch: day + (copy && rng.next() % 10 < 3 ? 1 : 0))
            let published = "\(pubDay)T\(pad(6 + Int(rng.next() % 14), 2)):\(pad(Int(rng.next() % 60), 2)):00+07:00"
            let outlet = "Outlet \(rng.next() % 40)"
            let text = "\(outlet) | Berita\n\n" + sentences.joined(separator: " ")
            out.append(
                RawDocument(
                    id: "e\(e)r\(r)\(copy ? "c" : "")", source: "synthetic", text: text,
                    given: GivenFields(published: published, outlet: outlet)))
        }
        return out
    }

    func substitute(_ s: String, rate: Double) -> String {
        let limit = UInt64(rate * 1000)
        return s.split(separator: " ").map { w -> String in
            guard w.count > 3, w.first?.isLetter == true, rng.next() % 1000 < limit else { return String(w) }
            return vocabulary[Int(rng.next() % UInt64(vocabulary.count))]
        }.joined(separator: " ")
    }

    struct Quality {
        var eventPrecision: Double
        var eventRecall: Double
        var eventF1: Double
        var copyPrecision: Double
        var copyRecall: Double
    }

    /// B-cubed F1 of the events against the known ones; precision and recall of copy pairs.
    static func score(_ t: Timeline, ids: [String]) -> Quality {
        func truthEvent(_ id: String) -> Substring { id.prefix { $0 != "r" } }
        var predicted: [String: Int] = [:]
        var sizes: [Int: Int] = [:]
        var overlap: [Int: [Substring: Int]] = [:]
        var k = 0
        var copyFound = 0, copyRight = 0
        for s in t.stories {
            for e in s.events {
                for a in e.articles { predicted[a] = k }
                sizes[k] = e.articles.count
                for a in e.articles { overlap[k, default: [:]][truthEvent(a), default: 0] += 1 }
                for pair in e.duplicates {
                    copyFound += 1
                    if truthEvent(pair[0]) == truthEvent(pair[1]) && (pair[0].hasSuffix("c") || pair[1].hasSuffix("c")) { copyRight += 1 }
                }
                k += 1
            }
        }
        var truthSizes: [Substring: Int] = [:]
        for id in ids { truthSizes[truthEvent(id), default: 0] += 1 }
        var p = 0.0, r = 0.0
        for id in ids {
            guard let e = predicted[id] else { continue }
            let both = Double(overlap[e]?[truthEvent(id)] ?? 0)
            p += both / Double(sizes[e] ?? 1)
            r += both / Double(truthSizes[truthEvent(id)] ?? 1)
        }
        p /= Double(max(ids.count, 1))
        r /= Double(max(ids.count, 1))
        let copies = ids.filter { $0.hasSuffix("c") }.count
        return Quality(
            eventPrecision: p, eventRecall: r, eventF1: p + r > 0 ? 2 * p * r / (p + r) : 0,
            copyPrecision: copyFound > 0 ? Double(copyRight) / Double(copyFound) : 0,
            copyRecall: copies > 0 ? Double(copyRight) / Double(copies) : 0)
    }
}

struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        return mix64(state &- 0x9e37_79b9_7f4a_7c15)
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
        let bases = try SyntheticCorpus.bases(try data.directory())
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
