import Foundation
import Linimasa
import Testing

@testable import LinimasaEvaluation

/// `eval ner --pipeline` scores people, organisations and places on both sides: a scheme's times
/// and quantities are cut from the gold tags, so they must not be counted among the found ones.
@Suite struct NERPipelineTests {
    @Test func pipelineScoresNamesOnlyOnBothSides() {
        let words = "Presiden Joko Widodo tiba di Semarang pada Senin pagi bersama 300 orang relawan .".split(separator: " ").map(String.init)
        let gold = ["O", "B-PERSON", "I-PERSON", "O", "O", "B-LOCATION", "O", "B-TIME", "I-TIME", "O", "B-QUANTITY", "I-QUANTITY", "O", "O"]
        #expect(NERData.pipelineGold(gold, scheme: .nerugm) == gold.map { $0.hasSuffix("TIME") || $0.hasSuffix("QUANTITY") ? "O" : $0 })
        let finder = EntityFinder(model: NERModel.bundled, scheme: .nerugm)
        let found = NERData.pipelineTags(words, finder: finder, scheme: .nerugm)
        #expect(found.count == words.count)
        #expect(found[1] == "B-PERSON" && found[2] == "I-PERSON")
        #expect(!found.contains { $0.hasSuffix("TIME") || $0.hasSuffix("QUANTITY") })
        // The tagger itself does find the time here: the cut is what keeps it out.
        #expect(NERModel.bundled.tagger(for: .nerugm).tags(words: words).contains { $0.hasSuffix("TIME") })
    }
}
