import Foundation
import LinimasaCore
import LinimasaText

/// Turns an analysed article into its `ArticleProfile`. A pure function of the article, so it runs
/// on every core; `TermCache` is the only state, one per thread.
public struct ProfileBuilder: Sendable {
    public var minHasher: MinHasher
    /// Terms kept per article.
    public var termLimit: Int

    public init(minHasher: MinHasher = MinHasher(), termLimit: Int = 40) {
        self.minHasher = minHasher
        self.termLimit = termLimit
    }

    public func profile(_ a: Article, cache: TermCache) -> ArticleProfile {
        let body = TokenizedText(a.bodyText)
        var raw: [UInt64: Float] = [:]
        cache.addTerms(of: body, language: a.language, weight: 1, into: &raw)
        if let title = a.title {
            cache.addTerms(of: TokenizedText(title), language: a.language, weight: 2, into: &raw)
        }
        // Sub-linear term frequency: 1 + ln(tf).
        for (k, v) in raw { raw[k] = v > 1 ? 1 + logf(v) : v }
        let terms = TermVector(raw, limit: termLimit)
        let pub = a.published.day?.daysSinceEpoch
        let (day, others) = EventDating.eventDays(of: a, published: pub)
        return ArticleProfile(
            id: a.id, outlet: a.outlet, published: pub, publishedValue: a.published.value,
            eventDay: day, partialHints: EventDating.partialHints(of: a), otherDays: ArticleProfile.otherDayBits(others, around: day.day),
            terms: terms, signature: minHasher.signature(body))
    }
}

/// Finds the day an article's happening took place from its time expressions.
public enum EventDating {
    /// Words before a date that say it is the date of a quoted report, not of the happening:
    /// "seperti dilansir AFP, Senin (3/1/2022)", "dikutip dari Arab News, Kamis (30/9/2021)".
    static let citationCues = [
        "dikutip", "dilansir", "melansir", "mengutip", "kutip", "lansir", "diberitakan", "dilaporkan", "laporan",
        "reported", "quoted", "according to", "told reporters",
    ]

    /// How far before publication a happening may lie and still be the article's news.
    public static let window = 7

    /// The day of the happening, and the other days the text gives within the window before
    /// publication.
    public static func eventDays(of a: Article, published: Int?) -> (day: EventDay, others: [Int]) {
        // The body's scalars, made only if some mention needs the words before it.
        var scalars: [Unicode.Scalar]? = nil
        var score: [Int: Double] = [:]
        for t in a.times {
            guard t.granularity == .day || t.granularity == .time, t.value.count >= 10,
                let d = CivilDate(iso: t.value.prefix(10))?.daysSinceEpoch
            else { continue }
            if let p = published, d > p || d < p - window { continue }
            var w = 1.0
            let sentence = a.sentences.firstIndex { $0.start <= t.start && t.start < $0.end }
            if let s = sentence {
                if s < 3 { w *= 1.5 }
                let from = max(a.sentences[s].start, t.start - 60)
                let text = scalars ?? Array(a.bodyText.unicodeScalars)
                scalars = text
                if from < t.start, t.start <= text.count {
                    let before = String(String.UnicodeScalarView(text[from..<t.start])).lowercased()
                    if citationCues.contains(where: { before.contains($0) }) { w *= 0.25 }
                }
            }
            score[d, default: 0] += w
        }
        if let best = score.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }) {
            return (EventDay(day: best.key, source: .text), score.keys.filter { $0 != best.key })
        }
        if let p = published { return (EventDay(day: p, source: .published), []) }
        return (EventDay(day: Int.min, source: .published), [])
    }

    /// Month-days of dates whose year is unknown (`XXXX-01-03` → 103).
    public static func partialHints(of a: Article) -> [Int] {
        var out: [Int] = []
        for t in a.times where t.granularity == .partial {
            let v = Array(t.value.utf8)
            guard v.count == 10, v[4] == 0x2D, v[7] == 0x2D else { continue }
            let digits = [v[5], v[6], v[8], v[9]].map { Int($0) - 48 }
            guard digits.allSatisfy({ (0...9).contains($0) }) else { continue }
            out.append((digits[0] * 10 + digits[1]) * 100 + digits[2] * 10 + digits[3])
        }
        return Array(Set(out)).sorted()
    }
}

extension EventDay {
    /// True when the day is not known at all (no date in the text and no publication date).
    public var isUnknown: Bool { day == Int.min }
}
