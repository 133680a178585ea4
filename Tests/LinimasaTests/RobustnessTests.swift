import Foundation
import Testing

@testable import Linimasa
@testable import LinimasaTimeline

@Suite struct RobustnessTests {
    @Test func randomAndTruncatedBytesNeverCrashTheWholePath() throws {
        var rng = SplitMix(seed: 20_221_122)
        let seeds = try FileManager.default.contentsOfDirectory(atPath: SeedTests.fixtures.path).sorted()
            .compactMap { FileManager.default.contents(atPath: SeedTests.fixtures.appendingPathComponent($0).path) }.map { Array($0) }
        #expect(seeds.count == 5)
        let reader = InputReader()
        let pipeline = Pipeline()
        var analysed = 0
        var articles: [Article] = []
        for round in 0..<400 {
            var bytes: [UInt8]
            switch round % 4 {
            case 0:  // random bytes
                bytes = (0..<Int.random(in: 0...600, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            case 1:  // a seed cut anywhere, even inside a UTF-8 sequence
                let s = seeds[round % seeds.count]
                bytes = Array(s.prefix(Int.random(in: 0...s.count, using: &rng)))
            case 2:  // a seed with bytes flipped
                bytes = seeds[round % seeds.count]
                for _ in 0..<8 { bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng) }
            default:  // printable noise with the characters the scanners care about
                let alphabet = Array("()/.,:-–“”\"' 0123456789 Rabu Minggu Januari WIB pukul \n LAPORAN: Baca juga: <a href='x'>".utf8)
                bytes = (0..<Int.random(in: 0...400, using: &rng)).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] }
            }
            if case .document(let doc) = reader.decodeText(bytes, source: "fuzz-\(round)", id: "fuzz") {
                let a = pipeline.analyze(doc)
                let scalars = a.bodyText.unicodeScalars.count
                #expect(a.sentences.allSatisfy { $0.start <= $0.end && $0.end <= scalars })
                #expect(a.times.allSatisfy { $0.start < $0.end && $0.end <= scalars })
                var named = a
                named.id = "fuzz-\(round)"
                articles.append(named)
                analysed += 1
            }
        }
        #expect(analysed > 100)
        // The broken articles go on through grouping and summaries, one at a time and as a batch.
        let one = TimelineBuilder(stemmer: nil)
        for a in articles { one.add([a]) }
        let batch = TimelineBuilder(stemmer: nil)
        batch.add(articles)
        let t = one.timeline()
        #expect(t.stories.reduce(0) { $0 + $1.articles.count } == articles.count)
        #expect(Set(t.stories.flatMap { $0.events.map { Set($0.articles) } }) == Set(batch.timeline().stories.flatMap { $0.events.map { Set($0.articles) } }))
        _ = TimelineRendering.markdown(t) + TimelineRendering.html(t) + (try TimelineRendering.json(TimelineReport(t, skipped: [])))
    }

    @Test func oneBadInputNeverStopsTheBatch() throws {
        let dir = NSTemporaryDirectory() + "linimasa-batch-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data([0, 0, 0, 7]).write(to: URL(fileURLWithPath: dir + "/0-binary.txt"))
        try "{broken\n{\"text\": \"Berita dari JSON.\"}\n".write(toFile: dir + "/1-lines.jsonl", atomically: false, encoding: .utf8)
        try "JAKARTA - Isi berita yang wajar dan cukup panjang untuk dibaca sebagai paragraf berita.".write(
            toFile: dir + "/2-ok.txt", atomically: false, encoding: .utf8)
        let runner = BatchRunner(pipeline: Pipeline(), reader: InputReader(), jobs: 2, chunkSize: 1)
        var ids: [String] = []
        var skipped: [Skipped] = []
        let summary = try runner.run(paths: [dir], onArticle: { ids.append($0.id) }, onSkipped: { skipped.append($0) })
        #expect(ids == ["1-lines-2", "2-ok"])
        #expect(skipped.map { $0.source.split(separator: "/").last! } == ["0-binary.txt", "1-lines.jsonl:1"])
        #expect(summary.read == 2 && summary.skipped == 2)
    }

    @Test func parallelAndSerialRunsAgree() throws {
        let docs = (0..<40).map { k in
            RawDocument(id: "d\(k)", source: "mem", text: "JAKARTA - Berita nomor \(k) terbit pada Senin (3/1/2022). Isinya biasa saja.")
        }
        let serial = BatchRunner(pipeline: Pipeline(), reader: InputReader(), jobs: 1).analyze(docs)
        let parallel = BatchRunner(pipeline: Pipeline(), reader: InputReader(), jobs: 4).analyze(docs)
        #expect(serial == parallel)
    }

    @Test func markdownAndJSONRender() throws {
        let doc = RawDocument(id: "x", source: "x.txt", text: "Judul Berita Hari Ini\nJAKARTA - Presiden | rapat pada Senin (3/1/2022) di istana negara bersama menteri.")
        let a = Pipeline().analyze(doc)
        let md = Rendering.markdown(a)
        #expect(md.contains("## Judul Berita Hari Ini"))
        #expect(md.contains("Presiden \\| rapat") == false)  // body text is printed as is; only table cells escape
        let json = try Rendering.json(AnalysisReport(articles: [a], skipped: [Skipped(source: "y", reason: "is empty")]))
        let back = try JSONDecoder().decode(AnalysisReport.self, from: Data(json.utf8))
        #expect(back.articles == [a])
        #expect(back.skipped.first?.reason == "is empty")
    }
}

/// Issue 12: a saved web page through the whole pipeline, as `analyze` reads it.
struct WebPageArticleTests {
    @Test func aPageBecomesAnArticle() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/pages/banjir.html").path
        let items = InputReader().read(path)
        guard case .document(let doc)? = items.first else {
            Issue.record("the page was not read: \(items)")
            return
        }
        let a = Pipeline().analyze(doc)
        #expect(a.title == "Banjir Rendam Ratusan Rumah di Bekasi")
        #expect(a.author == "Rina Wulandari")
        #expect(a.outlet == "Warta Contoh")
        #expect(a.published.value == "2024-01-15T09:30:00+07:00")
        #expect(a.published.evidence?.hasPrefix("the page's JSON-LD datePublished") == true)
        #expect(a.dateline == "Bekasi")
        #expect(a.body.count == 4)
        #expect(!a.notes.contains { $0.contains("is not a date") }, "\(a.notes)")
        #expect(a.removed.contains { $0.reason == .comments } && a.removed.contains { $0.reason == .shareButtons })
        #expect(a.entities.contains { $0.canonical == "Ahmad Fauzi" })
    }
}
