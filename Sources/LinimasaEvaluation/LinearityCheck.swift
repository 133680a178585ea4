import Foundation

/// Checks that reading and analysis stay linear in their input on pathological text (issue 16,
/// item 8: 80 KB of dots once took 36 s). Each pattern is built at a size, twice it and four times
/// it, run through `FuzzHarness` (the fuzzer's way in: decoding, analysis, JSON lines, queries),
/// and timed on the thread's CPU clock, the least of a few rounds over all sizes. Linear work doubles when the
/// input doubles; quadratic work quadruples. The ratio is of CPU time, so it holds in a debug build
/// and on a busy machine far better than a wall-clock figure would.
public enum LinearityCheck {
    public struct Pattern: Sendable {
        public var name: String
        /// The fuzz harness's way in (0 text, 1 JSON lines, 2 search query).
        public var selector: UInt8
        /// Repeated until the input has the size asked for.
        public var unit: [UInt8]
        /// Put before and after the repeated part (a JSON line's opening and closing, say).
        public var prefix: [UInt8] = []
        public var suffix: [UInt8] = []

        public func input(bytes: Int) -> [UInt8] {
            var out: [UInt8] = [selector] + prefix
            out.reserveCapacity(bytes + prefix.count + suffix.count + 1)
            while out.count - 1 - prefix.count < bytes { out += unit }
            return out + suffix
        }
    }

    static func text(_ name: String, _ unit: String) -> Pattern {
        Pattern(name: name, selector: 0, unit: Array(unit.utf8))
    }

    /// Inputs that made some stage of some text tool slow: runs of punctuation, quotes, one endless
    /// word or line, names and dates without end, broken bytes.
    public static let patterns: [Pattern] = [
        text("dots", "."),
        text("curly quotes", "“"),
        text("straight quotes", "\""),
        text("one long word", "a"),
        text("short lines", "a\n"),
        text("blank lines", "\n"),
        text("CR line ends", "Kalimat.\r"),
        text("brackets", "("),
        text("names", "Budi Santoso dan Siti Aminah "),
        text("quotes with speakers", "\"Kami menolak,\" kata Budi Santoso. "),
        text("dates", "12 Januari 2024, "),
        text("numbers", "1.234.567,89 "),
        text("read-also lines", "Baca juga: Berita lain\n"),
        text("urls", "https://contoh.co.id/a/b?c=d "),
        text("zero-width marks", "\u{200B}"),
        text("capitalised words", "Kata "),
        text("ellipses", "... "),
        text("short sentences", "Ya. "),
        text("dashes", "—"),
        text("money", "Rp 1.000.000 "),
        Pattern(name: "invalid bytes", selector: 0, unit: [0xFF, 0x41]),
        Pattern(
            name: "JSON line of dots", selector: 1, unit: Array(".".utf8),
            prefix: Array(#"{"id":"x","text":""#.utf8), suffix: Array(#""}"#.utf8)),
        Pattern(name: "JSON nesting", selector: 1, unit: Array("[".utf8)),
        Pattern(name: "query prefixes", selector: 2, unit: Array("ab* OR ".utf8)),
        Pattern(name: "page: paragraphs", selector: 3, unit: Array("<p>Warga Bekasi mengungsi, kata petugas, pada Senin pagi.</p>".utf8), prefix: Array("<html><body><article>".utf8)),
        Pattern(name: "page: nested divs", selector: 3, unit: Array("<div class=\"a b\">x ".utf8), prefix: Array("<html><body>".utf8)),
        Pattern(name: "page: line breaks", selector: 3, unit: Array("kata<br>".utf8), prefix: Array("<html><body><div>".utf8)),
        Pattern(name: "page: links", selector: 3, unit: Array("<li><a href=\"/x\">Berita lain</a></li>".utf8), prefix: Array("<html><body><ul>".utf8)),
        Pattern(name: "page: meta tags", selector: 3, unit: Array("<meta name=\"date\" content=\"x\">".utf8), prefix: Array("<html><head>".utf8)),
        Pattern(name: "page: date elements", selector: 3, unit: Array("<span class=\"date\">15 Januari</span>".utf8), prefix: Array("<html><body>".utf8)),
        Pattern(name: "CSV rows", selector: 4, unit: Array("Judul,\"Isi, \"\"kutip\"\".\",15/01/2024\n".utf8), prefix: Array("title,text,date\n".utf8)),
        Pattern(name: "WARC records", selector: 5, unit: Array("WARC/1.0\r\nWARC-Type: request\r\nContent-Length: 2\r\n\r\nab\r\n\r\n".utf8)),
        Pattern(name: "feed items", selector: 6, unit: Array("<item><link>https://a.id/1</link><title>A</title></item>".utf8), prefix: Array("<rss><channel>".utf8)),
    ]

    public struct Result: Sendable, Codable {
        public var name: String
        public var bytes: [Int]
        /// CPU seconds at each size (the least of the runs).
        public var seconds: [Double]
        /// Growth per doubling of the input, over all sizes: about 2 when linear, 4 when quadratic.
        public var ratio: Double
    }

    /// CPU time of this thread, in seconds.
    static func threadSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// Runs every pattern at `bytes`, then doubled `doublings` times. A last ratio over `limit` is
    /// measured again (at most twice) before it stands. `work` is the fuzzer's way in unless a test
    /// gives another.
    public static func run(
        patterns: [Pattern] = patterns, bytes: Int, doublings: Int = 2, repeats: Int = 3, limit: Double = 3,
        work: ([UInt8]) -> Void = FuzzHarness.run, progress: (Result) -> Void = { _ in }
    ) -> [Result] {
        patterns.map { pattern in
            let sizes = (0...max(1, doublings)).map { bytes << $0 }
            let inputs = sizes.map { pattern.input(bytes: $0) }
            // Rounds go through every size in turn, each size keeping its least time: a slow spell
            // of the machine (a neighbour, another test) then slows a round of all sizes, not one size.
            var seconds = [Double](repeating: .infinity, count: sizes.count)
            func measure(_ indices: Range<Int>, rounds: Int) {
                for _ in 0..<max(1, rounds) {
                    for i in indices {
                        let t0 = threadSeconds()
                        work(inputs[i])
                        seconds[i] = min(seconds[i], threadSeconds() - t0)
                    }
                }
            }
            measure(0..<sizes.count, rounds: repeats)
            // The ratio per doubling over the whole span, (last / first)^(1 / doublings): one size
            // slowed by a burst moves it half as much as it moves the ratio of two neighbouring sizes.
            // Below a millisecond the clock's grain and fixed costs decide it: counted as linear.
            func lastRatio() -> Double {
                let last = seconds[seconds.count - 1], first = seconds[0]
                return last < 0.001 ? 1 : pow(last / max(first, 1e-6), 1 / Double(sizes.count - 1))
            }
            // On a shared machine a neighbour's burst can slow one size's every run (CI once saw 3.1
            // between the last two sizes of a stage that measures 1.9-2.3 on every rerun). A ratio over
            // the limit is measured again with more rounds, each size keeping its least time: work that
            // is really quadratic stays at 4, a burst does not come back.
            var retries = 0
            while lastRatio() > limit && retries < 2 {
                retries += 1
                measure(0..<sizes.count, rounds: repeats * 2)
            }
            let ratio = lastRatio()
            let result = Result(name: pattern.name, bytes: sizes, seconds: seconds, ratio: ratio)
            progress(result)
            return result
        }
    }
}
