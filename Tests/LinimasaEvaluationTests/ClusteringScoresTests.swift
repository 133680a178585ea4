import Foundation
import Linimasa
import Testing

@testable import LinimasaEvaluation

@Suite struct ClusteringScoresTests {
    @Test func perfectAgreementScoresOne() {
        let gold = ["a": 1, "b": 1, "c": 2, "d": 3]
        let s = ClusteringScores(gold: gold, predicted: ["a": "x", "b": "x", "c": "y", "d": "z"])
        #expect(s.pairwise.f1 == 1)
        #expect(s.bcubed.f1 == 1)
        #expect(s.goldPairs == 1)
    }

    /// Worked by hand: gold {a,b,c} {d}; predicted {a,b} {c,d}. Predicted pairs ab, cd (one right);
    /// gold pairs ab, ac, bc (one found). B-cubed precision: a 1, b 1, c 1/2, d 1/2 → 3/4; recall:
    /// a 2/3, b 2/3, c 1/3, d 1 → 2/3.
    @Test func handWorkedCase() {
        let s = ClusteringScores(gold: ["a": 1, "b": 1, "c": 1, "d": 2], predicted: ["a": 1, "b": 1, "c": 2, "d": 2])
        #expect(s.pairwise.precision == 0.5)
        #expect(abs(s.pairwise.recall - 1.0 / 3) < 1e-12)
        #expect(abs(s.bcubed.precision - 0.75) < 1e-12)
        #expect(abs(s.bcubed.recall - 2.0 / 3) < 1e-12)
    }

    /// Everything in one cluster: pairwise recall is perfect and precision is the share of right pairs.
    @Test func oneBigClusterIsPunished() {
        let gold = ["a": 1, "b": 1, "c": 2, "d": 3, "e": 4]
        let s = ClusteringScores(gold: gold, predicted: gold.mapValues { _ in 0 })
        #expect(s.pairwise.recall == 1)
        #expect(s.pairwise.precision == 0.1)
    }

    /// An item the prediction does not have is a cluster of its own, never merged with another missing one.
    @Test func missingItemsAreAlone() {
        let s = ClusteringScores(gold: ["a": 1, "b": 1], predicted: [String: Int]())
        #expect(s.predictedPairs == 0)
        #expect(s.pairwise.recall == 0)
    }
}

@Suite struct TFIDFBaselineTests {
    @Test func dbscanJoinsNeighboursAndLeavesNoiseAlone() {
        let v: [TermVector] = [
            TermVector([1: 1, 2: 1], limit: 10), TermVector([1: 1, 2: 0.9], limit: 10), TermVector([7: 1], limit: 10),
        ]
        let labels = TFIDFBaseline().labels(v, eps: 0.1)
        #expect(labels[0] == labels[1])
        #expect(labels[2] != labels[0])
    }
}

@Suite struct EventsDatasetTests {
    /// Two ids with one URL are scored once, as the first id; a folder without labels is refused by name.
    @Test func uniqueURLsAndRefusals() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("linimasa-events-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let lines = [
            #"{"id": "a", "url": "https://x/1", "text": "A"}"#, #"{"id": "b", "url": "https://x/1", "text": "A"}"#,
            #"{"id": "c", "url": "https://x/2", "text": "C"}"#,
        ]
        try lines.joined(separator: "\n").write(toFile: dir + "/articles.jsonl", atomically: false, encoding: .utf8)
        #expect(throws: EventsDataset.Failure.self) { try EventsDataset(directory: dir) }
        let gold = #"{"articles": {"a": {"event": "E1", "story": "S1"}, "b": {"event": "E1", "story": "S1"}, "c": {"event": "E2", "story": "S1"}}}"#
        try gold.write(toFile: dir + "/gold.json", atomically: false, encoding: .utf8)
        let d = try EventsDataset(directory: dir)
        #expect(d.goldEvent == ["a": "E1", "c": "E2"])
        #expect(d.representative["b"] == "a")
        // "b" joined with "c" does not count: only "a" stands for the URL.
        let s = d.score(events: ["a": "1", "b": "2", "c": "2"], stories: ["a": "1", "b": "1", "c": "1"])
        #expect(s.events.predictedPairs == 0)
        #expect(s.stories.pairwise.f1 == 1)
    }

    /// Each story lies whole in one half; a half is scored on its own articles only, so articles of the
    /// other half left out of a prediction cost nothing, and a wrong merge inside the half counts.
    @Test func halvesKeepStoriesWhole() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("linimasa-halves-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ids = (0..<40).map { "a\($0)" }
        try ids.map { #"{"id": "\#($0)", "url": "https://x/\#($0)", "text": "T"}"# }.joined(separator: "\n")
            .write(toFile: dir + "/articles.jsonl", atomically: false, encoding: .utf8)
        // Stories of two articles each: a0+a1 in S0, a2+a3 in S1, ...
        let labels = ids.enumerated().map { (k, id) in #""\#(id)": {"event": "E\#(k / 2)", "story": "S\#(k / 2)"}"# }
        try ("{\"articles\": {" + labels.joined(separator: ", ") + "}}").write(toFile: dir + "/gold.json", atomically: false, encoding: .utf8)
        let d = try EventsDataset(directory: dir)
        for k in stride(from: 0, to: 40, by: 2) { #expect(d.half(ofArticle: ids[k]) == d.half(ofArticle: ids[k + 1])) }
        let halves = Set(ids.map { d.half(ofArticle: $0) })
        #expect(halves == [0, 1])
        for half in 0..<2 {
            let mine = ids.filter { d.half(ofArticle: $0) == half }
            var exact: [String: String] = [:]
            for id in mine { exact[id] = d.goldStory[id] }
            #expect(d.score(events: exact, stories: exact, half: half).stories.pairwise.f1 == 1)
            // Everything of the half in one cluster: every pair is predicted, only the gold ones are right.
            let lumped = Dictionary(uniqueKeysWithValues: mine.map { ($0, "all") })
            let s = d.score(events: lumped, stories: lumped, half: half).stories
            #expect(s.goldPairs == mine.count / 2)
            #expect(s.pairwise.recall == 1 && s.pairwise.precision < 0.5)
        }
    }
}

/// Every input the fuzzer or the reliability probe ever found troublesome, run through the same
/// harness the fuzzer drives (`scripts/fuzz.sh`): none may crash or hang.
@Suite struct FuzzRegressionTests {
    @Test func everyKnownTroublesomeInputRuns() {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/fuzz-regressions").path
        #expect(FuzzHarness.replay(dir) >= 10)
    }
}

@Suite struct ClusteringErrorTests {
    /// Gold {a,b,c} {d,e}; predicted {a,b} {c,d,e}: gold 1 is split (c apart: 2 pairs lost), the
    /// predicted cluster y merges gold 1's c with gold 2 (2 wrong pairs); nothing else.
    @Test func splitsAndMergesWithTheirPairs() {
        let gold = ["a": "1", "b": "1", "c": "1", "d": "2", "e": "2"]
        let predicted = ["a": "x", "b": "x", "c": "y", "d": "y", "e": "y"]
        let errors = ClusteringError.largest(gold: gold, predicted: predicted, limit: 10)
        #expect(errors.count == 2)
        #expect(errors[0].kind == .split && errors[0].label == "1" && errors[0].pairs == 2 && errors[0].parts == [["a", "b"], ["c"]])
        #expect(errors[1].kind == .merge && errors[1].label == "y" && errors[1].pairs == 2 && errors[1].parts == [["d", "e"], ["c"]])
        // The lost pairs of the splits are the gold pairs the prediction misses.
        let s = ClusteringScores(gold: gold, predicted: predicted)
        let lost = errors.filter { $0.kind == .split }.reduce(0) { $0 + $1.pairs }
        #expect(Double(s.goldPairs - lost) / Double(s.goldPairs) == s.pairwise.recall)
        #expect(ClusteringError.largest(gold: gold, predicted: gold, limit: 10).isEmpty)
        #expect(ClusteringError.largest(gold: gold, predicted: predicted, limit: 1).count == 1)
    }
}
