import Dispatch
import Foundation
import Linimasa

/// Brings a store's events, stories and entities up to date with its articles: reads what grouping
/// needs, groups, and hands the stories to the store as they are made, in one transaction.
///
/// Grouping runs again over every article's kept profile (no article is analysed again; grouping
/// does not depend on order, so the result is what `timeline` gives for the same articles). What
/// costs is summarising stories and writing them, and that is done only for stories whose events or
/// articles changed: a story with the same events as stored (its `members` key) and no new or
/// changed article (the `pending` table) is kept as it is. Entities whose JSON is unchanged keep
/// their rows.
///
/// Memory does not follow the collection's text: the articles' grouping data is read a chunk at a
/// time (the builder keeps each digest as its bytes), and each story is written as it is
/// summarised and let go; what stays are the builder's digests (let go once the stories are made)
/// and each story's entities, which the collection's entities are joined from.
///
/// It writes only if no article was committed since the state was read; the writer of those
/// articles regroups after them, so the last word is always a timeline of every committed article.
struct Regrouper {
    let store: any CollectionStore
    let builderConfiguration: TimelineBuilder.Configuration

    /// Returns the new counts, or nil when the timeline was current already or left to a later writer.
    /// `force` summarises every story again (after a change of the program, say).
    func regroup(force: Bool = false) throws -> (events: Int, stories: Int, summarised: Int)? {
        var clock = Stopwatch()
        guard var state = try store.groupingState(force: force) else { return nil }
        // The stored stories, each let go once the timeline has passed it.
        var stored = state.stories
        state.stories = [:]
        // Let go once the stories are made: the collection's entities are joined without it.
        var grouping: TimelineBuilder? = try builder()
        clock.lap("read and group \(grouping!.count) articles")
        var plans: [String: String] = [:]
        var counts = (events: 0, stories: 0, summarised: 0)
        let written = try store.saveGrouping(version: state.version) { writer in
            var joined = CollectionEntities()
            var kept = Set<String>()
            // A kept story stays as stored; it stands in the timeline as its id, articles and
            // entities (read through the writer, in the store's transaction, a batch of stories
            // at a time; the timeline code calls nothing of the store's).
            try grouping!.forEachStory(reusing: { plan in
                plans[plan.id] = plan.key
                guard let old = stored[plan.id], old.members == plan.key, !plan.articles.contains(where: state.pending.contains),
                    let json = try? writer.storedEntities(plan.id),
                    let entities = try? StoredJSON.entities(json)
                else { return nil }
                kept.insert(plan.id)
                return Story(id: plan.id, title: "", keywords: [], articles: plan.articles, events: [], entities: entities)
            }) { story in
                joined.add(story.entities)
                counts.stories += 1
                let old = stored.removeValue(forKey: story.id)
                if kept.remove(story.id) != nil {
                    counts.events += old?.events ?? 0
                    try writer.keep(story.id)
                } else {
                    counts.events += story.events.count
                    counts.summarised += 1
                    try writer.write(story, members: plans[story.id] ?? "")
                }
                plans[story.id] = nil
            }
            clock.lap(
                "timeline, stories written (\(counts.summarised) of \(counts.stories) summarised; links \(String(format: "%.2f", grouping!.linkSeconds)) s, stories \(String(format: "%.2f", grouping!.storySeconds)) s)"
            )
            grouping = nil
            let entities = joined.entities()
            clock.lap("entities")
            defer { clock.lap("encode entities") }
            return entities.map { e in (e, e.compactJSON()) }
        }
        clock.lap("commit")
        return written ? (counts.events, counts.stories, counts.summarised) : nil
    }

    /// A builder given every article's kept grouping data, a chunk at a time.
    func builder() throws -> TimelineBuilder {
        let builder = TimelineBuilder(stemmer: store.stemmer, configuration: builderConfiguration)
        try store.forEachPrepared(chunk: 4096) { chunk in
            builder.add(prepared: try decodeOrRebuild(chunk, builder: builder))
        }
        return builder
    }

    /// The kept grouping data, decoded; a blob an earlier version wrote in another form (or that
    /// cannot be read) is made again from the article's stored JSON and written back, so a store
    /// from an earlier version regroups instead of failing.
    func decodeOrRebuild(_ blobs: [(row: Int64, blob: Data)], builder: TimelineBuilder) throws -> [PreparedArticle] {
        let decoded = parallelMap(blobs, jobs: builderConfiguration.jobs, context: {}) { _, item in
            try? PreparedArticle(binary: [UInt8](item.blob))
        }
        let stale = decoded.indices.filter { decoded[$0] == nil }
        if stale.isEmpty { return decoded.map { $0! } }
        // Only the stale rows' articles are read.
        let rebuilt = builder.prepared(try store.storedArticles(rows: stale.map { blobs[$0].row }))
        try store.replacePrepared(stale.enumerated().map { (j, k) in (blobs[k].row, Data(rebuilt[j].binary())) })
        var out = decoded
        for (j, k) in stale.enumerated() { out[k] = rebuilt[j] }
        return out.map { $0! }
    }
}

/// Prints phase times on standard error when LINIMASA_TIMING is set (for profiling runs).
struct Stopwatch {
    static let enabled = ProcessInfo.processInfo.environment["LINIMASA_TIMING"] != nil
    var last = DispatchTime.now().uptimeNanoseconds
    mutating func lap(_ what: String) {
        guard Self.enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        FileHandle.standardError.write(Data("linimasa: timing: \(what) \(String(format: "%.2f", Double(now - last) / 1e9)) s\n".utf8))
        last = now
    }
}
