import LinimasaCore
import LinimasaEvaluation
import LinimasaSummarize
import LinimasaText
import Testing

/// The count behind `eval tls --ablation`: a parameter is compared with itself turned off, timeline
/// by timeline, on each figure.
@Suite struct TimelineAblationTests {
    let cache = TermCache(stemmer: nil)

    func doc(_ published: String, _ sentences: [(String, [String])]) -> DatedDocument {
        DatedDocument(
            published: CivilDate(iso: published)!.daysSinceEpoch,
            sentences: sentences.map { ($0.0, $0.1.map { CivilDate(iso: $0)!.daysSinceEpoch }) }, language: .en, cache: cache)
    }

    var folder: Timeline17.Folder {
        let articles = [
            doc("2010-04-21", [("An explosion on the rig killed eleven workers on Tuesday night.", ["2010-04-20"])]),
            doc("2010-05-02", [("Oil has leaked since the rig exploded on April 20 in the gulf.", ["2010-04-20"])]),
            doc("2010-06-01", [("Since the April 20 blast the well has spilled millions of gallons.", ["2010-04-20"])]),
        ]
        let gold = DatedSummaries([
            (CivilDate(iso: "2010-04-20")!, ["An explosion on the rig killed eleven workers."]),
            (CivilDate(iso: "2010-06-01")!, ["The well has spilled millions of gallons."]),
        ])
        return Timeline17.Folder(name: "rig", articles: articles, timelines: [gold])
    }

    @Test func aParameterThatChangesNothingNeitherHelpsNorHurts() {
        let rows = TimelineAblation(variants: [TimelineAblation.Variant("nothing") { _ in }]).run([folder])
        #expect(rows.count == 1)
        #expect(rows[0].better == [0, 0, 0] && rows[0].worse == [0, 0, 0] && rows[0].total == 1)
        #expect(!rows[0].helpsOnMost && !rows[0].hurtsOnSome)
    }

    @Test func mentionsOfADayHelpChooseIt() {
        let off = TimelineAblation.Variant("mentions") {
            $0.mentionWeight = 0
            $0.sameDayMentionWeight = 0
        }
        let rows = TimelineAblation(variants: [off]).run([folder])
        // As set, the day every article names is chosen; without mentions only publication days are.
        #expect(rows[0].better[2] == 1 && rows[0].worse[2] == 0, "\(rows[0])")
        #expect(rows[0].meansOff[2] < 1)
        #expect(rows[0].helpsOnMost && !rows[0].hurtsOnSome)
    }
}
