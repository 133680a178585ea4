import ArgumentParser

@main
struct LinimasaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "linimasa",
        abstract: "Read Indonesian and English news articles the way an analyst does.",
        subcommands: [
            Analyze.self, TimelineCommand.self, EntitiesCommand.self, Ingest.self, Delete.self, CrawlCommand.self, FeedCommand.self, Stories.self, Search.self, Serve.self, Dates.self, Stem.self, Evaluate.self, Train.self, Bench.self])
}
