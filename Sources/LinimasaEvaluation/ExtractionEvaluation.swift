import Foundation
import Linimasa
import LinimasaHTML

/// Article extraction from web pages against gold bodies: ../shared/data/html/aeb (Scrapinghub's
/// article-extraction-benchmark: `ground-truth.json` `{id: {url, articleBody}}`, `html/<id>.html.gz`)
/// and html/anpandu (`ground_truth.json`: a list of `{file, url, title, date (ms), content}`).
///
/// Bodies are compared as the Scrapinghub benchmark does: the multiset of word 4-grams ("shingles"
/// of `\w+` tokens) of the extracted text against the gold one, precision and recall per page,
/// averaged over pages, F1 of the averages.
public enum ExtractionEvaluation {
    public struct Page: Sendable {
        public var id: String
        public var url: String?
        public var html: [UInt8]
        public var body: String
        public var title: String?
        /// The gold day (anpandu: the epoch time read in Western Indonesia, UTC+7).
        public var day: String?
    }

    public struct PageScore: Sendable, Codable {
        public var id: String
        public var precision: Double
        public var recall: Double
        public var titleRight: Bool?
        public var dayRight: Bool?
        public var extracted: Bool
    }

    public struct SetScore: Sendable, Codable {
        public var name: String
        public var pages: Int
        public var precision: Double
        public var recall: Double
        public var f1: Double
        /// Pages whose title (anpandu) is exactly the gold one, whitespace aside.
        public var titlesRight: Int?
        public var daysRight: Int?
        /// Pages where no article was found.
        public var empty: Int
        public var seconds: Double
        public var worst: [PageScore]
    }

    public static func readAEB(_ dir: String) throws -> [Page] {
        let truth = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/ground-truth.json"))) as? [String: Any] ?? [:]
        var pages: [Page] = []
        for (id, value) in truth.sorted(by: { $0.key < $1.key }) {
            guard let v = value as? [String: Any], let body = v["articleBody"] as? String,
                let data = FileManager.default.contents(atPath: "\(dir)/html/\(id).html.gz"),
                let html = Gzip.decompress(Array(data))
            else { continue }
            pages.append(Page(id: id, url: v["url"] as? String, html: html, body: body))
        }
        return pages
    }

    public static func readAnpandu(_ dir: String) throws -> [Page] {
        let truth = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/ground_truth.json"))) as? [[String: Any]] ?? []
        var pages: [Page] = []
        for v in truth {
            guard let file = v["file"] as? String, let body = v["content"] as? String,
                let data = FileManager.default.contents(atPath: "\(dir)/\(file)")
            else { continue }
            var day: String? = nil
            if let ms = v["date"] as? Double {
                let d = Date(timeIntervalSince1970: ms / 1000 + 7 * 3600)
                var c = Calendar(identifier: .gregorian)
                c.timeZone = TimeZone(identifier: "UTC")!
                let parts = c.dateComponents([.year, .month, .day], from: d)
                day = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
            }
            pages.append(Page(id: file, url: v["url"] as? String, html: Array(data), body: body, title: v["title"] as? String, day: day))
        }
        return pages
    }

    /// Word tokens as `\w+` finds them: runs of letters, digits and underscores.
    static func tokens(_ s: String) -> [Substring] {
        s.split { !($0.isLetter || $0.isNumber || $0 == "_") }
    }

    static func shingles(_ s: String, n: Int = 4) -> [String: Int] {
        let t = tokens(s)
        var out: [String: Int] = [:]
        if t.count < n {
            if !t.isEmpty { out[t.joined(separator: " "), default: 0] += 1 }
            return out
        }
        for k in 0...(t.count - n) { out[t[k..<(k + n)].joined(separator: " "), default: 0] += 1 }
        return out
    }

    /// Precision and recall of `predicted` against `gold` over word 4-grams (1 and 1 when both are empty).
    public static func shingleScores(predicted: String, gold: String) -> (precision: Double, recall: Double) {
        let p = shingles(predicted), g = shingles(gold)
        if p.isEmpty && g.isEmpty { return (1, 1) }
        var common = 0
        for (k, v) in p { common += min(v, g[k] ?? 0) }
        let pt = p.values.reduce(0, +), gt = g.values.reduce(0, +)
        return (pt == 0 ? 0 : Double(common) / Double(pt), gt == 0 ? 0 : Double(common) / Double(gt))
    }

    public static func score(name: String, pages: [Page], worst: Int = 5) -> SetScore {
        let start = Date()
        var scores: [PageScore] = []
        let reader = InputReader()
        let pipeline = Pipeline()
        for page in pages {
            let extracted = PageExtractor.extract(page.html, url: page.url)
            let text = extracted?.paragraphs.joined(separator: "\n") ?? ""
            let (p, r) = shingleScores(predicted: text, gold: page.body)
            var s = PageScore(id: page.id, precision: p, recall: r, extracted: extracted != nil)
            // Title and day as the reader sees them: the page read by `analyze`, through the whole pipeline.
            if page.title != nil || page.day != nil {
                var article: Article? = nil
                if case .document(let doc) = reader.pageDocument(page.html, source: page.id, id: page.id, url: page.url) {
                    article = pipeline.analyze(doc)
                }
                if let gold = page.title { s.titleRight = normalize(article?.title ?? "") == normalize(gold) }
                if let gold = page.day { s.dayRight = article?.published.day?.description == gold }
            }
            scores.append(s)
        }
        let seconds = Date().timeIntervalSince(start)
        let n = Double(max(1, scores.count))
        let precision = scores.map(\.precision).reduce(0, +) / n
        let recall = scores.map(\.recall).reduce(0, +) / n
        let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
        let titles = scores.contains { $0.titleRight != nil } ? scores.filter { $0.titleRight == true }.count : nil
        let days = scores.contains { $0.dayRight != nil } ? scores.filter { $0.dayRight == true }.count : nil
        let worstPages = scores.sorted { f($0) < f($1) }.prefix(worst)
        return SetScore(
            name: name, pages: scores.count, precision: precision, recall: recall, f1: f1, titlesRight: titles, daysRight: days,
            empty: scores.filter { !$0.extracted }.count, seconds: seconds, worst: Array(worstPages))
    }

    static func f(_ s: PageScore) -> Double { s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0 }

    static func normalize(_ s: String) -> String { s.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
}

/// Publication days of web pages against ../shared/data/dates/htmldate (`gold.json` `{url: {file,
/// date}}`, `pages/<file>.gz`), counted as htmldate's evaluation counts them: a right day is a true
/// positive, a wrong one a false positive, none where there is a gold day a false negative.
/// The day is what `analyze` reports for the page: its metadata, else a date line the text stage
/// reads as the page's stamp or a cited source's weekday date; a lower bound ("on or after the
/// latest date in the text") is not a claim of the day and counts as none.
public enum PageDateEvaluation {
    public struct Score: Sendable, Codable {
        public var pages: Int
        public var truePositives: Int
        public var falsePositives: Int
        public var falseNegatives: Int
        public var trueNegatives: Int
        public var accuracy: Double
        public var precision: Double
        public var recall: Double
        public var f1: Double
        public var seconds: Double
        /// How the right days were found (the page's metadata source, or the text).
        public var sources: [String: Int]
        /// How the wrong days were found.
        public var wrongSources: [String: Int]
        /// Each page with a wrong day: its file, the day found, the gold day, how it was found.
        public var wrong: [[String]]
    }

    public static func run(_ dir: String) throws -> Score {
        let gold = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/gold.json"))) as? [String: Any] ?? [:]
        let reader = InputReader()
        let pipeline = Pipeline()
        var tp = 0, fp = 0, fn = 0, tn = 0
        var sources: [String: Int] = [:]
        var wrong: [String: Int] = [:]
        var wrongPages: [[String]] = []
        let start = Date()
        for (url, value) in gold.sorted(by: { $0.key < $1.key }) {
            guard let v = value as? [String: Any], let file = v["file"] as? String,
                let data = FileManager.default.contents(atPath: "\(dir)/pages/\(file).gz"), let html = Gzip.decompress(Array(data))
            else { continue }
            let truth = (v["date"] as? String).map { String($0.prefix(10)) }
            var day: String? = nil
            var how = "none"
            if case .document(let doc) = reader.pageDocument(html, source: file, id: file, url: url) {
                let a = pipeline.analyze(doc)
                if a.published.method == .explicit || a.published.bound == "on" {
                    day = a.published.day?.description
                    how = doc.given.publishedSource.map { String($0.prefix { $0 != "\"" }).trimmingCharacters(in: .whitespaces) }
                        ?? (a.published.method == .explicit ? "a date stamp in the text" : "a dated source in the text")
                    if how.hasPrefix("the URL") { how = "the URL's date" }
                }
            }
            switch (day, truth) {
            case (let d?, let t?) where d == t:
                tp += 1
                sources[how, default: 0] += 1
            case (let d?, _):
                fp += 1
                wrong[how, default: 0] += 1
                wrongPages.append([file, d, truth ?? "-", how])
            case (nil, let t?):
                fn += 1
                wrongPages.append([file, "-", t, "none"])
            case (nil, nil): tn += 1
            }
        }
        let all = Double(max(1, tp + fp + fn + tn))
        let p = tp + fp > 0 ? Double(tp) / Double(tp + fp) : 0
        let r = tp + fn > 0 ? Double(tp) / Double(tp + fn) : 0
        return Score(
            pages: tp + fp + fn + tn, truePositives: tp, falsePositives: fp, falseNegatives: fn, trueNegatives: tn,
            accuracy: Double(tp + tn) / all, precision: p, recall: r, f1: p + r > 0 ? 2 * p * r / (p + r) : 0,
            seconds: Date().timeIntervalSince(start), sources: sources, wrongSources: wrong, wrong: wrongPages)
    }
}
