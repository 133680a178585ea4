import Foundation
import Linimasa

/// Articles made from real IndoSum text, with events and copies at a known rate; the truth is in
/// the ids: `e<event>r<report>` for a report, with a `c` at the end for a copy.
public final class SyntheticCorpus {
    let bases: [[String]]
    let vocabulary: [String]
    var rng: SplitMix
    var event = 0
    var queue: [RawDocument] = []
    static let span = 1095
    static let start = CivilDate(year: 2016, month: 1, day: 1)!.daysSinceEpoch

    public init(bases: [[String]], seed: UInt64) {
        self.bases = bases
        var v: [String] = []
        for b in bases.prefix(300) { for s in b { for w in s.split(separator: " ") where w.count > 3 && w.allSatisfy(\.isLetter) { v.append(String(w)) } } }
        vocabulary = v
        rng = SplitMix(seed: seed)
    }

    public struct Missing: Error, CustomStringConvertible {
        public var description: String
    }

    /// IndoSum's articles, or an error saying they are missing.
    public static func bases(_ dir: String) throws -> [[String]] {
        let bases = loadBases(dir)
        guard !bases.isEmpty else { throw Missing(description: "no IndoSum articles found under \(dir)/sum/indosum") }
        return bases
    }

    /// IndoSum articles as lists of sentences.
    public static func loadBases(_ dir: String) -> [[String]] {
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

    public func next(_ count: Int) -> [RawDocument] {
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

    public struct Quality: Sendable {
        public var eventPrecision: Double
        public var eventRecall: Double
        public var eventF1: Double
        public var copyPrecision: Double
        public var copyRecall: Double
    }

    /// B-cubed F1 of the events against the known ones, precision and recall of copy pairs, counted
    /// one story at a time as `TimelineBuilder.forEachStory` hands them over: only each article's
    /// predicted event and each event's overlaps are kept.
    public struct Scorer {
        var predicted: [String: Int] = [:]
        var sizes: [Int] = []
        var overlap: [[Substring: Int]] = []
        var copyFound = 0, copyRight = 0
        public init() {}

        static func truthEvent(_ id: String) -> Substring { id.prefix { $0 != "r" } }

        public mutating func add(_ s: Story) {
            for e in s.events {
                let k = sizes.count
                for a in e.articles { predicted[a] = k }
                sizes.append(e.articles.count)
                var o: [Substring: Int] = [:]
                for a in e.articles { o[Self.truthEvent(a), default: 0] += 1 }
                overlap.append(o)
                for pair in e.duplicates {
                    copyFound += 1
                    if Self.truthEvent(pair[0]) == Self.truthEvent(pair[1]) && (pair[0].hasSuffix("c") || pair[1].hasSuffix("c")) { copyRight += 1 }
                }
            }
        }

        public func quality(ids: [String]) -> Quality {
            var truthSizes: [Substring: Int] = [:]
            for id in ids { truthSizes[Self.truthEvent(id), default: 0] += 1 }
            var p = 0.0, r = 0.0
            for id in ids {
                guard let e = predicted[id] else { continue }
                let both = Double(overlap[e][Self.truthEvent(id)] ?? 0)
                p += both / Double(sizes[e])
                r += both / Double(truthSizes[Self.truthEvent(id)] ?? 1)
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
}

