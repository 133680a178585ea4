import Foundation
import Testing

@testable import LinimasaCore
@testable import LinimasaIngest
import LinimasaHTML

@Suite final class InputReaderTests {
    /// The folders this test made, removed when it ends.
    private var folders: [String] = []

    deinit { for f in folders { try? FileManager.default.removeItem(atPath: f) } }

    /// A fresh folder for one test's files.
    func folder() throws -> String {
        let dir = NSTemporaryDirectory() + "linimasa-ingest-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        folders.append(dir)
        return dir
    }

    func documents(_ items: [InputReader.Item]) -> [RawDocument] {
        items.compactMap { if case .document(let d) = $0 { return d } else { return nil } }
    }
    func failures(_ items: [InputReader.Item]) -> [IngestError] {
        items.compactMap { if case .failure(let e) = $0 { return e } else { return nil } }
    }

    @Test func readsUTF8AndFallsBackToWindows1252() {
        #expect(TextDecoding.decode(Array("Menlu “Cavusoglu”".utf8)) == .utf8("Menlu “Cavusoglu”"))
        // 0x93/0x94 are Windows-1252 curly quotes; 0xE9 is é.
        #expect(TextDecoding.decode([0x93, 0x43, 0x61, 0x66, 0xE9, 0x94]) == .windows1252("“Café”"))
        #expect(TextDecoding.decode([0x4D, 0x5A, 0x00, 0x01, 0x02]) == .binary)
        #expect(TextDecoding.decode([0xEF, 0xBB, 0xBF] + Array("Halo".utf8)) == .utf8("Halo"))
    }

    @Test func reportsEachBadFileWithItsReason() throws {
        let dir = try folder()
        try "Isi berita yang baik.".write(toFile: dir + "/a.txt", atomically: false, encoding: .utf8)
        try "   \n".write(toFile: dir + "/b.txt", atomically: false, encoding: .utf8)
        try Data([0, 1, 2, 3, 0xFF]).write(to: URL(fileURLWithPath: dir + "/c.txt"))
        try Data([0x93, 0x48, 0x61, 0x6C, 0x6F, 0x94]).write(to: URL(fileURLWithPath: dir + "/d.txt"))
        try String(repeating: "x", count: 2000).write(toFile: dir + "/e.txt", atomically: false, encoding: .utf8)
        let reader = InputReader(configuration: .init(maxFileBytes: 1000))
        let paths = reader.expand([dir, dir + "/missing.txt"])
        #expect(paths.count == 6)
        let items = paths.flatMap { reader.read($0) }
        let docs = documents(items)
        #expect(docs.map(\.id) == ["a", "d"])
        #expect(docs[1].notes == ["not valid UTF-8; read as Windows-1252"])
        let codes = failures(items).map { ($0.source.split(separator: "/").last.map(String.init) ?? "", $0.code) }
        #expect(codes.map(\.0) == ["b.txt", "c.txt", "e.txt", "missing.txt"])
        #expect(codes.map(\.1) == [.empty, .binary, .tooLarge, .notFound])
        #expect(failures(items).allSatisfy { $0.description.hasPrefix($0.source + ": ") })
    }

    @Test func readsJSONLinesAndReportsBadLines() {
        let text = """
            {"id": "x1", "text": "Berita satu.", "title": "Judul", "published": "2022-01-03", "outlet": "detikNews"}
            {"text": "Berita dua.", "url": "https://www.liputan6.com/a"}
            not json
            {"title": "tanpa teks"}

            {"id": 7, "text": "Berita tiga."}
            """
        let items = JSONLinesReader.read(Array(text.utf8), source: "in.jsonl")
        let docs = documents(items)
        #expect(docs.map(\.id) == ["x1", "in-2", "7"])
        #expect(docs[0].given.title == "Judul" && docs[0].given.published == "2022-01-03" && docs[0].given.outlet == "detikNews")
        #expect(docs[1].given.url == "https://www.liputan6.com/a")
        #expect(docs[1].source == "in.jsonl:2")
        let bad = failures(items)
        #expect(bad.map(\.source) == ["in.jsonl:3", "in.jsonl:4"])
        #expect(bad.map(\.code) == [.malformedJSON, .missingText])
    }

    /// UTF-8 read as Windows-1252 before it reached us ("mojibake", as in 7 of detik's 404 articles)
    /// is turned back; text written in Windows-1252 or Latin-1 on purpose is left as it is.
    @Test func mojibakeIsRepaired() {
        let cases = [
            ("Penggemar serangga, BjÃ¶rn Hjaltason", "Penggemar serangga, Björn Hjaltason"),
            ("pendahulunya, FranÃ§ois Hollande", "pendahulunya, François Hollande"),
            ("di KiÃ°afell, KjÃ³s, dua betina", "di Kiðafell, Kjós, dua betina"),
            ("â€œKami siapâ€\u{9D} katanya â€” lalu pergi", "“Kami siap” katanya — lalu pergi"),
            ("harga 5Â\u{A0}juta", "harga 5\u{A0}juta"),
            ("suhu 30Â°C", "suhu 30°C"),
        ]
        for (broken, meant) in cases { #expect(TextDecoding.repairingMojibake(broken).text == meant) }
        for kept in ["Café au lait à Paris", "Ã", "Ã a", "Björn Hjaltason", "Jakarta, 5 Juni", "naïve façade — “kutip”", "Â\u{80}"] {
            let fixed = TextDecoding.repairingMojibake(kept)
            #expect(fixed.text == kept && fixed.repaired == 0, "\(kept)")
        }
        // "í" read so is "Ã" and a soft hyphen, which the reader otherwise removes.
        let line = #"{"id": "m", "text": "Kata BjÃ¶rn dan MatthÃ\u00adas di KjÃ³s.", "title": "FranÃ§ois datang"}"#
        let doc = documents(JSONLinesReader.read(Array(line.utf8), source: "m.jsonl"))[0]
        #expect(doc.text == "Kata Björn dan Matthías di Kjós." && doc.given.title == "François datang")
        #expect(doc.notes.contains { $0.contains("4 characters of UTF-8 read as Windows-1252") })
    }

    /// The byte check that spares most texts the pass over scalars says yes exactly when the pass
    /// changes something (curly quotes and dashes share the lead byte E2 with the zero-width spaces).
    @Test func theNormalisingPassRunsOnlyWhenNeeded() {
        let texts = [
            "“Kami siap” — katanya", "a\r\nb", "detik\u{200B}News", "x\u{200C}y\u{200D}z", "kata\u{2060}nya", "\u{FEFF}Halo", "soft\u{AD}hyphen",
            "ikon \u{E001} dan \u{F8FF}", "\u{F900}豈", "Rp 5\u{A0}juta ±1%", "plain", "…–—‘’€™", "\u{EFFF}", "\u{F000}",
        ]
        for t in texts { #expect(TextDecoding.needsNormalizing(t) == (TextDecoding.normalizingNewlines(t) != t), "\(t.unicodeScalars.map { String($0.value, radix: 16) })") }
    }

    @Test func readsStandardInputAsTextOrJSONLines() {
        let reader = InputReader()
        let plain = documents(reader.read("-", stdin: { Array("Berita dari stdin.".utf8) }))
        #expect(plain.map(\.id) == ["stdin"])
        let lines = documents(reader.read("-", stdin: { Array("{\"text\": \"a\"}\n{\"text\": \"b\"}\n".utf8) }))
        #expect(lines.count == 2)
    }
}

/// Defects the reliability probe found in reading (issue 16, items 1–3).
@Suite struct ProbeReadingTests {
    /// CRLF and lone CR become line feeds, so paragraphs survive.
    @Test func lineEndingsAreNormalised() {
        #expect(TextDecoding.decode(Array("a\r\nb\r\rc\nd".utf8)) == .utf8("a\nb\n\nc\nd"))
    }

    /// One bad byte in UTF-8 text breaks one character, not all of them.
    @Test func oneInvalidByteIsRepairedInPlace() {
        let bytes = Array("Café “kutipan” — Erdoğan".utf8) + [0xFF]
        guard case .repairedUTF8(let s, let n) = TextDecoding.decode(bytes) else {
            Issue.record("not repaired: \(TextDecoding.decode(bytes))")
            return
        }
        #expect(n == 1)
        #expect(s == "Café “kutipan” — Erdoğan\u{FFFD}")
    }

    /// A file that is not UTF-8 at all is still read as Windows-1252.
    @Test func windows1252StaysWindows1252() {
        #expect(TextDecoding.decode([0x93, 0x43, 0x61, 0x66, 0xE9, 0x94, 0x20, 0xE9]) == .windows1252("“Café” é"))
    }

    /// UTF-16 with a byte order mark is text, not binary.
    @Test func utf16WithBOMIsText() {
        let le: [UInt8] = [0xFF, 0xFE] + Array("Jakarta é\r\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let be: [UInt8] = [0xFE, 0xFF] + Array("Jakarta é".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(TextDecoding.decode(le) == .utf16("Jakarta é\n"))
        #expect(TextDecoding.decode(be) == .utf16("Jakarta é"))
    }

    /// A blank id is refused with its line named; it never replaces another article.
    @Test func blankIdsAreRefused() {
        let lines = #"{"id": "", "text": "satu"}"# + "\n" + #"{"id": "  ", "text": "dua"}"# + "\n" + #"{"id": "x", "text": "tiga\r\nempat"}"#
        let items = JSONLinesReader.read(Array(lines.utf8), source: "in.jsonl")
        var failures: [String] = []
        var docs: [RawDocument] = []
        for item in items {
            switch item {
            case .failure(let e): failures.append(e.source)
            case .document(let d): docs.append(d)
            }
        }
        #expect(failures == ["in.jsonl:1", "in.jsonl:2"])
        #expect(docs.map(\.id) == ["x"])
        #expect(docs.first?.text == "tiga\nempat")
    }
}

/// Issue 16, item 12: a FIFO among the inputs is skipped with its reason instead of blocking the run.
@Suite struct ProbeFileTypeTests {
    @Test func aFifoIsSkippedNotRead() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("linimasa-fifo-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fifo = dir + "/pipe.txt"
        #expect(mkfifo(fifo, 0o600) == 0)
        try "Judul\n\nIsi berita.".write(toFile: dir + "/a.txt", atomically: false, encoding: .utf8)
        let reader = InputReader()
        let paths = reader.expand([dir])
        #expect(paths.count == 2)
        var reasons: [String] = []
        var read = 0
        for p in paths {
            for item in reader.read(p) {
                switch item {
                case .failure(let e): reasons.append(e.message)
                case .document: read += 1
                }
            }
        }
        #expect(read == 1)
        #expect(reasons.count == 1 && reasons[0].contains("not a regular file"))
    }
}

/// Issue 16, item 14: each refusal gives the right reason.
@Suite struct ProbeMessageTests {
    static func reasons(_ lines: [String]) -> [String] {
        JSONLinesReader.read(Array(lines.joined(separator: "\n").utf8), source: "in.jsonl").compactMap {
            if case .failure(let e) = $0 { return e.message }
            return nil
        }
    }

    @Test func reasonsNameWhatIsWrong() {
        let r = Self.reasons([#"{"id": 1.5, "text": "a"}"#, "null", #"[{"text": "a"}]"#, String(repeating: "[", count: 600) + String(repeating: "]", count: 600)])
        #expect(r.count == 4)
        #expect(r[0].contains("whole number") && r[0].contains("1.5"))
        #expect(r[1].contains("null"))
        #expect(r[2].contains("array"))
        #expect(!r.contains { $0.contains("DecodingError") })
    }
}

/// Issue 16, item 4: the size limit is per article; a JSON-lines file larger than it is read line by
/// line, and only the line over the limit is refused.
@Suite struct ProbeStreamingTests {
    @Test func theLimitHoldsPerArticleNotPerFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("linimasa-stream-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var lines: [String] = []
        for k in 0..<300 { lines.append(#"{"id": "a\#(k)", "text": "Berita nomor \#(k) hari ini."}"#) }
        lines.insert(#"{"id": "big", "text": ""# + String(repeating: "x", count: 5_000) + #""}"#, at: 150)
        let path = dir + "/dump.jsonl"
        try lines.joined(separator: "\n").write(toFile: path, atomically: false, encoding: .utf8)
        let reader = InputReader(configuration: .init(maxFileBytes: 1_000))
        var ids: [String] = []
        var failures: [IngestError] = []
        reader.forEach(path) { item in
            switch item {
            case .document(let d): ids.append(d.id)
            case .failure(let e): failures.append(e)
            }
        }
        #expect(ids.count == 300)
        #expect(failures.count == 1)
        #expect(failures.first?.source == path + ":151")
        #expect(failures.first?.message.contains("--max-bytes") == true)
        // The same from standard input.
        let fromStdin = reader.read("-", stdin: { Array(lines.joined(separator: "\n").utf8) })
        #expect(fromStdin.filter { if case .document = $0 { return true } else { return false } }.count == 300)
    }
}

/// Issue 16, item 14: invisible characters do not split names, and private-use characters (which the
/// search uses to mark its snippets) never reach the stages.
@Suite struct ProbeInvisibleCharacterTests {
    @Test func zeroWidthAndPrivateUseCharactersAreRemoved() {
        let text = "\u{200B}detik\u{200B}News\nRecep\u{00AD} Tayyip\u{2060} Erdo\u{200D}gan \u{E000}ikon\u{E001} \u{F8FF}"
        #expect(TextDecoding.decode(Array(text.utf8)) == .utf8("detikNews\nRecep Tayyip Erdogan ikon "))
        let line = #"{"id": "z", "title": "Judul\u200b", "outlet": "detik\u200bNews", "text": "isi \ue000mark\ue001"}"#
        guard case .document(let d)? = JSONLinesReader.read(Array(line.utf8), source: "z.jsonl").first else {
            Issue.record("not read")
            return
        }
        #expect(d.text == "isi mark")
        #expect(d.given.outlet == "detikNews")
        #expect(d.given.title == "Judul")
    }

}

extension InputReaderTests {
    /// Issue 12: saved web pages (plain and gzip-compressed) are inputs like text files; a page with
    /// no article, and gzip cut short, are reported with their reason and the folder goes on.
    @Test func webPagesAreReadAsArticles() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pages = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/pages")
        try FileManager.default.copyItem(atPath: pages.appendingPathComponent("banjir.html").path, toPath: dir + "/banjir.html")
        try FileManager.default.copyItem(atPath: pages.appendingPathComponent("banjir-gz.html.gz").path, toPath: dir + "/banjir-gz.html.gz")
        try "<html><body><nav><a href='/'>Home</a></nav></body></html>".write(toFile: dir + "/kosong.htm", atomically: false, encoding: .utf8)
        let gz = try Data(contentsOf: pages.appendingPathComponent("banjir-gz.html.gz"))
        try gz.prefix(gz.count / 2).write(to: URL(fileURLWithPath: dir + "/potong.html.gz"))
        let reader = InputReader()
        let paths = reader.expand([dir])
        #expect(paths.map { ($0 as NSString).lastPathComponent } == ["banjir-gz.html.gz", "banjir.html", "kosong.htm", "potong.html.gz"])
        let items = paths.flatMap { reader.read($0) }
        let docs = documents(items)
        #expect(docs.map(\.id) == ["banjir-gz", "banjir"])
        let d = try #require(docs.last)
        #expect(d.given.title == "Banjir Rendam Ratusan Rumah di Bekasi")
        #expect(d.given.published == "2024-01-15T09:30:00+07:00")
        #expect(d.given.author == "Rina Wulandari")
        #expect(d.text.hasPrefix("Bekasi - Banjir merendam"))
        #expect(d.removed.contains { $0.reason == .comments })
        #expect(docs.first?.text == d.text)
        let problems = failures(items)
        #expect(problems.map { ($0.source as NSString).lastPathComponent } == ["kosong.htm", "potong.html.gz"])
        #expect(problems.first?.message.contains("no article text") == true)
        #expect(problems.last?.message.contains("gzip") == true)
    }
}

/// Issue 12: CSV with a header, and WARC files.
@Suite struct ArchiveInputTests {
    func documents(_ items: [InputReader.Item]) -> [RawDocument] {
        items.compactMap { if case .document(let d) = $0 { return d } else { return nil } }
    }
    func failures(_ items: [InputReader.Item]) -> [IngestError] {
        items.compactMap { if case .failure(let e) = $0 { return e } else { return nil } }
    }

    @Test func csvRowsAreArticles() {
        let csv = "judul;isi;tanggal;media\r\n"
            + "Banjir di Bekasi;\"Banjir merendam rumah warga; \"\"parah\"\", kata warga.\nHujan turun sejak malam.\";15/01/2024 09:30;Warta\r\n"
            + "Tanpa isi;;16/01/2024;Warta\r\n"
            + "Harga cabai naik;Harga cabai rawit naik lagi.;25/01/2024;Pasar\r\n"
        let items = CSVReader().read(Array(csv.utf8), source: "berita.csv", baseID: "berita")
        let docs = documents(items)
        #expect(docs.count == 2)
        #expect(docs[0].text == "Banjir merendam rumah warga; \"parah\", kata warga.\nHujan turun sejak malam.")
        #expect(docs[0].given.title == "Banjir di Bekasi")
        #expect(docs[0].given.published == "2024-01-15T09:30:00")
        #expect(docs[0].given.outlet == "Warta")
        #expect(docs[0].id == "berita-2" && docs[0].source == "berita.csv:2")
        #expect(failures(items).map(\.source) == ["berita.csv:3"])
    }

    @Test func csvDateOrderAndColumns() {
        // A second part over 12 somewhere in the column: month first for every row.
        let us = "text,date\nSatu.,03/04/2024\nDua.,12/25/2024\n"
        #expect(documents(CSVReader().read(Array(us.utf8), source: "a.csv", baseID: "a")).map(\.given.published) == ["2024-03-04", "2024-12-25"])
        #expect(documents(CSVReader(dateOrder: .dayFirst).read(Array("text,date\nSatu.,03/04/2024\n".utf8), source: "a.csv", baseID: "a")).first?.given.published == "2024-04-03")
        let named = "kolom_a,kolom_b\nJudul,Isi berita.\n"
        let columns = CSVReader.Columns(spec: "title=kolom_a,text=kolom_b")
        #expect(columns != nil && CSVReader.Columns(spec: "warna=x") == nil)
        let doc = documents(CSVReader(columns: columns!).read(Array(named.utf8), source: "b.csv", baseID: "b")).first
        #expect(doc?.text == "Isi berita." && doc?.given.title == "Judul")
        let missing = failures(CSVReader().read(Array("a,b\n1,2\n".utf8), source: "c.csv", baseID: "c"))
        #expect(missing.first?.message.contains("no text column") == true)
    }

    /// A CSV file is read row by row as its bytes come: any cut into pieces (inside quotes, between
    /// a doubled quote's two halves, between CR and LF, inside the byte-order mark) gives the rows
    /// reading it whole gives.
    @Test func csvRowsAreTheSameInAnyPieces() {
        let csv = Array(("\u{FEFF}judul;isi;tanggal\r\n"
            + "Banjir;\"Air naik; \"\"parah\"\", kata warga.\r\nHujan sejak malam.\";15/01/2024 09:30\r\n"
            + "\r\nKosong;;16/01/2024\r\n"
            + "Cabai;\"\";17/01/2024\n"
            + "Gempa;Gempa mengguncang Cianjur.;25/01/2024").utf8)
        func describe(_ items: [InputReader.Item]) -> [String] {
            items.map {
                switch $0 {
                case .document(let d): return "\(d.id)|\(d.source)|\(d.text)|\(d.given.title ?? "-")|\(d.given.published ?? "-")"
                case .failure(let e): return "failure \(e.source) \(e.message)"
                }
            }
        }
        let whole = describe(CSVReader().read(csv, source: "b.csv", baseID: "b"))
        #expect(whole.count == 4)
        #expect(whole[0] == "b-2|b.csv:2|Air naik; \"parah\", kata warga.\nHujan sejak malam.|Banjir|2024-01-15T09:30:00")
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            var items: [InputReader.Item] = []
            for order in [nil, CSVReader.DateOrder.dayFirst] as [CSVReader.DateOrder?] {
                var rows = CSVReader.Rows(CSVReader(), source: "b.csv", baseID: "b", limit: Int.max, order: order)
                var k = 0
                while k < csv.count {
                    let n = Int.random(in: 1...12, using: &rng)
                    rows.feed(Array(csv[k..<min(csv.count, k + n)])) { if order != nil { items.append($0) } }
                    k += n
                }
                rows.finish { if order != nil { items.append($0) } }
            }
            #expect(describe(items) == whole)
        }
    }

    /// A CSV file streamed from disk: a row over one article's limit is reported and passed over
    /// without being kept, the rows after it are read; the dates' order is the whole column's even
    /// when the row that decides it comes last (the file is read twice); gzip is undone as it comes.
    @Test func aCsvFileIsStreamedAndARowOverTheLimitIsPassedOver() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("linimasa-csv-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var csv = "text,date\n"
        for k in 0..<2000 { csv += "\"Berita nomor \(k), kata warga.\",03/04/2024\n" }
        csv += "\"" + String(repeating: "panjang ", count: 40_000) + "\",03/04/2024\n"
        csv += "Yang terakhir.,12/25/2024\n"
        let plain = dir + "/a.csv"
        try Data(csv.utf8).write(to: URL(fileURLWithPath: plain))
        let packed = dir + "/b.csv.gz"
        try Data(try Self.gzip(Array(csv.utf8))).write(to: URL(fileURLWithPath: packed))
        let reader = InputReader(configuration: .init(maxFileBytes: 100_000))
        for path in [plain, packed] {
            let items = reader.read(path)
            let docs = documents(items)
            #expect(docs.count == 2001)
            // 12/25/2024 at the end makes the column month first: 03/04 is the fourth of March.
            #expect(docs.first?.given.published == "2024-03-04")
            #expect(docs.last?.given.published == "2024-12-25" && docs.last?.text == "Yang terakhir.")
            let problems = failures(items)
            #expect(problems.count == 1)
            #expect(problems.first?.source == "\(path):2002" && problems.first?.message.contains("over the limit") == true)
        }
    }

    static func record(_ type: String, uri: String, http: String) -> String {
        let block = http
        return "WARC/1.0\r\nWARC-Type: \(type)\r\nWARC-Target-URI: \(uri)\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: \(block.utf8.count)\r\n\r\n\(block)\r\n\r\n"
    }

    @Test func warcResponsesArePages() throws {
        let page = "<html><head><title>Gempa di Cianjur</title></head><body><article><p>Gempa mengguncang Cianjur pada Senin siang, merusak ratusan rumah dan sekolah, kata petugas.</p></article></body></html>"
        let chunked = String(page.utf8.count, radix: 16) + "\r\n" + page + "\r\n0\r\n\r\n"
        let warc = "WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n"
            + Self.record("request", uri: "https://a.id/1", http: "GET /1 HTTP/1.1\r\n\r\n")
            + Self.record("response", uri: "https://a.id/1", http: "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + page)
            + Self.record("response", uri: "https://a.id/2", http: "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked)
            + Self.record("response", uri: "https://a.id/logo.png", http: "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\nPNG")
            + Self.record("response", uri: "https://a.id/old", http: "HTTP/1.1 301 Moved\r\nLocation: /1\r\n\r\n")
            + "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\ncut"
        let items = WARCReader.read(Array(warc.utf8), source: "crawl.warc", reader: InputReader())
        let docs = documents(items)
        #expect(docs.map(\.id) == ["https://a.id/1", "https://a.id/2"])
        #expect(docs.allSatisfy { $0.text.hasPrefix("Gempa mengguncang Cianjur") && $0.given.title == "Gempa di Cianjur" })
        #expect(docs.first?.source.hasPrefix("crawl.warc@") == true)
        #expect(failures(items).first?.message.contains("cut short") == true)
        // The same file gzip-compressed is read the same.
        let dir = NSTemporaryDirectory() + "linimasa-warc-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data(warc.utf8).write(to: URL(fileURLWithPath: dir + "/crawl.warc"))
        let read = InputReader().read(dir + "/crawl.warc")
        #expect(documents(read).count == 2)
    }

    /// gzip through Debian's `/bin/gzip` (tests only): WARC files are written a member a record.
    static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/gzip")
        p.arguments = ["-c", "-n"]
        let input = Pipe(), output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        try p.run()
        let writer = Thread { input.fileHandleForWriting.write(Data(bytes)); try? input.fileHandleForWriting.close() }
        writer.start()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Array(out)
    }

    static let pages = (1...3).map { k in
        Self.record(
            "response", uri: "https://a.id/\(k)",
            http: "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><head><title>Berita \(k)</title></head><body><article><p>Banjir melanda kampung \(k) sejak Senin pagi, merendam ratusan rumah warga dan sekolah, kata petugas.</p></article></body></html>")
    }

    /// A crawl's `.warc.gz` (a gzip member a record) is read record by record as its bytes come,
    /// the same pages as the plain file; one cut short gives the pages before the cut and says so.
    @Test func warcGzipIsReadRecordByRecord() throws {
        let plain = Array(Self.pages.joined().utf8)
        let packed = try Self.pages.flatMap { try Self.gzip(Array($0.utf8)) }
        let dir = NSTemporaryDirectory() + "linimasa-warcgz-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data(plain).write(to: URL(fileURLWithPath: dir + "/a.warc"))
        try Data(packed).write(to: URL(fileURLWithPath: dir + "/a.warc.gz"))
        let fromPlain = InputReader().read(dir + "/a.warc"), fromPacked = InputReader().read(dir + "/a.warc.gz")
        #expect(documents(fromPlain).map(\.id) == ["https://a.id/1", "https://a.id/2", "https://a.id/3"])
        #expect(documents(fromPacked).map(\.text) == documents(fromPlain).map(\.text) && failures(fromPacked).isEmpty)
        // Cut inside the third record's member.
        try Data(packed.prefix(packed.count - 20)).write(to: URL(fileURLWithPath: dir + "/cut.warc.gz"))
        let cut = InputReader().read(dir + "/cut.warc.gz")
        #expect(documents(cut).map(\.id) == ["https://a.id/1", "https://a.id/2"])
        #expect(failures(cut).map(\.message).contains { $0.contains("cut short") })
    }

    /// Bytes fed in pieces of any size give what they give at once: the records (at the same
    /// offsets) and, through gzip, the same bytes.
    @Test func warcAndGzipStreamsTakeAnyPieces() throws {
        let plain = Array(Self.pages.joined().utf8)
        let packed = try Self.pages.flatMap { try Self.gzip(Array($0.utf8)) }
        func events(_ pieces: [ArraySlice<UInt8>]) -> [String] {
            var stream = WARCReader.Stream(maxRecord: 1 << 20)
            var out: [String] = []
            for p in pieces {
                stream.feed(Array(p)) { e in
                    if case .record(let r) = e { out.append("\(r.offset) \(r.headers["warc-target-uri"] ?? "") \(r.block.count)") }
                }
            }
            #expect(stream.finish() == nil)
            return out
        }
        var state: UInt64 = 12345
        func pieces(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
            var out: [ArraySlice<UInt8>] = []
            var k = 0
            while k < bytes.count {
                state = state &* 6_364_136_223_846_793_005 &+ 1
                let n = 1 + Int((state >> 33) % 40)
                out.append(bytes[k..<min(bytes.count, k + n)])
                k += n
            }
            return out
        }
        let whole = events([plain[...]])
        #expect(whole.count == 3)
        for _ in 0..<20 { #expect(events(pieces(plain)) == whole) }
        for _ in 0..<20 {
            let gz = try #require(Gzip.Stream())
            var out: [UInt8] = []
            for p in pieces(packed) { #expect(gz.feed(Array(p)) { out += $0 }) }
            #expect(out == plain && gz.atMemberEnd)
        }
    }

    /// A record over the limit is passed over without being held, said so when it may be a page,
    /// and the records after it are read.
    @Test func aWarcRecordOverTheLimitIsPassedOver() throws {
        let big = Self.record("response", uri: "https://a.id/besar", http: "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + String(repeating: "<p>isi</p>", count: 5_000))
        let bytes = Array((Self.pages[0] + big + Self.pages[1]).utf8)
        let reader = InputReader(configuration: InputReader.Configuration(maxFileBytes: 4_000))
        var stream = WARCReader.Stream(maxRecord: 4_000)
        var items: [InputReader.Item] = []
        var k = 0
        while k < bytes.count {
            stream.feed(Array(bytes[k..<min(bytes.count, k + 1_000)])) { if let i = WARCReader.item($0, source: "a.warc", reader: reader) { items.append(i) } }
            k += 1_000
        }
        #expect(stream.finish() == nil)
        #expect(documents(items).map(\.id) == ["https://a.id/1", "https://a.id/2"])
        #expect(failures(items).count == 1 && failures(items)[0].message.contains("over the limit"))
    }
}
