import Foundation
import LinimasaCore
import LinimasaText

/// One sentence of a dated collection, with the days it mentions.
public struct DatedSentence: Sendable {
    public var candidate: CandidateSentence
    /// Day numbers (`CivilDate.daysSinceEpoch`) of the days the sentence names, to the day.
    public var mentions: [Int]
    public init(candidate: CandidateSentence, mentions: [Int]) {
        self.candidate = candidate
        self.mentions = mentions
    }
}

/// A collection's articles as the timeline summarizer reads them.
public struct DatedDocument: Sendable {
    public var published: Int
    public var sentences: [DatedSentence]
    public init(published: Int, sentences: [DatedSentence]) {
        self.published = published
        self.sentences = sentences
    }

    /// A document of `sentences` (each with the day numbers it names), in their order, as one
    /// article's candidates in `language`.
    public init(published: Int, sentences: [(text: String, mentions: [Int])], language: Language, cache: TermCache) {
        self.init(
            published: published,
            sentences: sentences.enumerated().map { k, s in
                DatedSentence(candidate: CandidateSentence(text: s.text, position: k, document: 0, language: language, cache: cache), mentions: s.mentions)
            })
    }
}

/// Timeline summarization date by date (after DATEWISE, Ghalandari & Ifrim 2020): first choose the
/// days that matter, then summarise each day from the sentences about it.
///
/// A day matters when many sentences name it: `mentionWeight` per sentence that names it (from
/// articles published on or after it), `publishedWeight` per article published that day. A day's
/// candidates are the sentences that name it and the sentences of that day's articles that name no
/// other day; the `Summarizer` picks among them, with their own centroid.
public struct DatewiseTimeline: Sendable {
    public var mentionWeight: Double = 1
    public var publishedWeight: Double = 1
    /// Weight of a sentence naming the day its own article was published (a mention from a later
    /// article weighs `mentionWeight`).
    public var sameDayMentionWeight: Double = 1
    /// Count a day's publications as ln(1 + n) rather than n.
    public var logPublished = false
    public var summarizer: Summarizer
    /// Sentences that name no day stand for their publication day and for the days before it, up to
    /// this many (news of a day is often printed the next), a little less for each day back.
    public var nextDayReports: Int = 1
    /// A day's sentences must use one of the collection's this many most widespread terms (0: any
    /// sentence): off-topic sentences (readers' comments, other news on the page) stay out.
    public var topicTerms: Int = 50
    /// How densely chosen days may sit: see `chooseDays` (0: no spreading).
    public var spreadDivisor: Double = 4

    public init() {
        var s = Summarizer()
        s.lead = 0
        s.quotePenalty = 0.3
        s.minWords = 6
        s.maxWords = 50
        summarizer = s
    }

    /// Scores of the days in `first...last`, highest first (ties: earlier day).
    public func rankDays(_ docs: [DatedDocument], first: Int, last: Int) -> [(day: Int, score: Double)] {
        var score: [Int: Double] = [:]
        var published: [Int: Double] = [:]
        for d in docs {
            if d.published >= first && d.published <= last { published[d.published, default: 0] += 1 }
            for s in d.sentences {
                for m in Set(s.mentions) where m >= first && m <= last && m <= d.published {
                    score[m, default: 0] += m < d.published ? mentionWeight : sameDayMentionWeight
                }
            }
        }
        for (day, n) in published { score[day, default: 0] += publishedWeight * (logPublished ? log(1 + n) : n) }
        return score.map { ($0.key, $0.value) }.sorted { $0.score != $1.score ? $0.score > $1.score : $0.day < $1.day }
    }

    public func build(_ docs: [DatedDocument], first: Int, last: Int, dates: Int, sentencesPerDate: Int) -> DatedSummaries {
        let days = chooseDays(rankDays(docs, first: first, last: last).map(\.day), count: dates, span: last - first + 1)
        let wanted = Set(days)
        var pool: [Int: [CandidateSentence]] = [:]
        let topic = Set(Self.topicTerms(docs, count: topicTerms))
        for (k, d) in docs.enumerated() {
            for s in d.sentences {
                if !topic.isEmpty && !s.candidate.terms.keys.contains(where: { topic.contains($0) }) { continue }
                var c = s.candidate
                c.document = k
                let named = Set(s.mentions)
                for m in named where wanted.contains(m) && m <= d.published { pool[m, default: []].append(c) }
                if named.isEmpty {
                    for lag in 0...nextDayReports where wanted.contains(d.published - lag) {
                        var late = c
                        late.prior -= Float(lag) * 0.1
                        pool[d.published - lag, default: []].append(late)
                    }
                }
            }
        }
        var entries: [(day: CivilDate, sentences: [String])] = []
        // A sentence that names two chosen days is used for one of them only.
        var used = Set<String>()
        for day in days {
            let cands = (pool[day] ?? []).filter { !used.contains($0.text) }
            let picked = summarizer.select(cands, count: sentencesPerDate)
            let text = picked.map { cands[$0].text }.filter { used.insert($0).inserted }
            if !text.isEmpty { entries.append((CivilDate(daysSinceEpoch: day), text)) }
        }
        return DatedSummaries(entries)
    }

    /// The best-ranked days, spread out: a day closer than `span / (count · spreadDivisor)` days to
    /// one already chosen waits until the well-spread days run out. A timeline of 16 days over
    /// two and a half years should not spend them all on the busiest month.
    func chooseDays(_ ranked: [Int], count: Int, span: Int) -> [Int] {
        let gap = spreadDivisor > 0 ? Int(Double(span) / (Double(max(count, 1)) * spreadDivisor)) : 0
        var chosen: [Int] = []
        var waiting: [Int] = []
        for d in ranked {
            guard chosen.count < count else { break }
            if gap > 0, chosen.contains(where: { abs($0 - d) < gap }) { waiting.append(d) } else { chosen.append(d) }
        }
        for d in waiting where chosen.count < count { chosen.append(d) }
        return chosen
    }

    /// The terms the most articles of the collection use: what it is about ("flu", "swine").
    static func topicTerms(_ docs: [DatedDocument], count: Int) -> [UInt32] {
        guard count > 0 else { return [] }
        var df: [UInt32: Int] = [:]
        for d in docs {
            var seen = Set<UInt32>()
            for s in d.sentences { seen.formUnion(s.candidate.terms.keys) }
            for k in seen { df[k, default: 0] += 1 }
        }
        return df.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(count).map(\.key)
    }
}
