import ArgumentParser
import Foundation
import Linimasa
import LinimasaEvaluation

struct EvaluateEvents: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Events and stories against hand-made labels (../shared/data/events/detik), beside a TF-IDF baseline.",
        discussion: """
            Each DIR holds articles.jsonl and gold.json in the layout of ../shared/data/events/detik (default: \
            that folder). Articles are read, analysed and grouped exactly as `linimasa timeline` does; events \
            and stories are scored on unique URLs with pairwise and B-cubed precision, recall and F1. The \
            baseline (stemmed TF-IDF, DBSCAN on cosine distance) is computed in the same run, at the eps that \
            is best on the same data. The last lines are `name: value`.
            """)

    @Argument(help: "Folders with articles.jsonl and gold.json.")
    var dirs: [String] = []

    @OptionGroup var data: SharedDataOptions

    @Option(help: "Folder holding id_ID.dic and id_ID.aff.")
    var lexicon: String = HunspellLexicon.defaultDirectory

    @Flag(help: "Print the figures as JSON.")
    var json = false

    @Option(help: "Fail (exit 1) when events pairwise F1 is below this on any folder.")
    var floorEvents: Double = 0

    @Option(help: "Fail (exit 1) when stories pairwise F1 is below this on any folder.")
    var floorStories: Double = 0

    @Option(help: "Cosine two articles dated on one day by their texts need to be one event.")
    var sameDay = EventGrouper.Configuration().sameDayThreshold

    @Option(help: "Cosine needed when a day is only the publication day.")
    var loose = EventGrouper.Configuration().looseThreshold

    @Option(help: "Cosine of the terms that are not names two articles need to be one event.")
    var actionThreshold = EventGrouper.Configuration().actionThreshold

    @Option(help: "Cosine of the terms that are not names two events need to be compared for stories.")
    var storyActionThreshold = StoryLinker().actionThreshold

    @Option(help: "Mean time-decayed cosine over all pairs of two stories' events needed to merge them.")
    var storyThreshold = StoryLinker().threshold

    @Option(help: "Days after which a story's similarity counts half.")
    var halfLife = StoryLinker().halfLife

    @Option(help: "The part of a story's similarity that no gap of days takes away.")
    var decayFloor = StoryLinker().decayFloor

    @Option(help: "Cosine of names two events need to be compared for stories.")
    var nameThreshold = StoryLinker().nameThreshold

    @Option(help: "Articles with none of the terms added to the collection's count when weighing terms.")
    var idfPrior = EventGrouper.Configuration().idfPriorDocuments

    @Flag(help: "Weigh terms by term frequency alone (no inverse document frequency).")
    var noIdf = false

    @Option(help: "List this many of the largest story and event errors (splits and merges, with the articles' titles).")
    var errors = 0

    func run() throws {
        var folders = dirs
        if folders.isEmpty { folders = [(try data.directory() as NSString).appendingPathComponent("events/detik")] }
        var config = TimelineBuilder.Configuration()
        config.grouping.sameDayThreshold = sameDay
        config.grouping.looseThreshold = loose
        config.grouping.inverseDocumentFrequency = !noIdf
        config.grouping.idfPriorDocuments = idfPrior
        config.grouping.actionThreshold = actionThreshold
        config.stories.threshold = storyThreshold
        config.stories.halfLife = halfLife
        config.stories.decayFloor = decayFloor
        config.stories.nameThreshold = nameThreshold

        config.stories.actionThreshold = storyActionThreshold

        var evaluation = EventsEvaluation(stemmer: LexiconLoader.loadIfPresent(directory: lexicon).map(Stemmer.init), configuration: config)
        evaluation.errors = max(0, errors)
        var results: [EventsEvaluation.Result] = []
        for folder in folders {
            do {
                let dataset = try EventsDataset(directory: folder)
                results.append(try evaluation.run(dataset) { StandardError.line("linimasa: skipped \($0.source): \($0.reason)") })
            } catch {
                StandardError.line("linimasa: \(error)")
                throw ExitCode(3)
            }
        }
        if json {
            print(String(decoding: try Rendering.jsonEncoder(pretty: true).encode(results), as: UTF8.self))
        } else {
            Swift.print(EventsEvaluation.report(results), terminator: "")
        }
        var failed = false
        for r in results {
            if r.events.pairwise.f1 < floorEvents {
                StandardError.line("linimasa: \(r.folder): events pairwise F1 \(r.events.pairwise.f1) is below the floor \(floorEvents)")
                failed = true
            }
            if r.stories.pairwise.f1 < floorStories {
                StandardError.line("linimasa: \(r.folder): stories pairwise F1 \(r.stories.pairwise.f1) is below the floor \(floorStories)")
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }
}
