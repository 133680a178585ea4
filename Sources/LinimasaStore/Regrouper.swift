import Dispatch
import Foundation
import Linimasa

/// Brings a store's events, stories and entities up to date with its articles: reads what grouping
/// needs, groups, and hands the result to the store to write in one transaction.
///
/// Grouping runs again over every article's kept profile (no article is analysed again; grouping
/// does not depend on order, so the result is what `timeline` gives for the same articles). What
/// costs is summarising stories and writing them, and that is done only for stories whose events or
/// articles changed: a story with the same events as stored (its `members` key) and no new or
/// changed article (the `pending` table) is kept as it is. Entities whose JSON is unchanged keep
/// their rows.
///
/// It writes only if no article was committed while it computed; the writer of those articles
/// regroups after them, so the last word is always a timeline of every committed article.
struct Regrouper {
    let store: any CollectionStore
    let builderConfiguration: TimelineBuilder.Configuration

    /// Returns the new counts, or nil when the timeline was current already or left to a later writer.
    /// `force` summarises every story again (after a change of the program, say).
    func regroup(force: Bool = false) throws -> (events: Int, stories: Int, summarised: Int)? {
        var clock = Stopwatch()
        guard let state = try store.groupingState(force: force) else { return nil }
        clock.lap("read \(state.prepared.count) articles")
        let builder = TimelineBuilder(stemmer: store.stemmer, configuration: builderConfiguration)
        // Decoded a chunk at a time: the builder keeps each digest as its bytes, so the decoded
        // values of a million articles never live at once.
        var from = 0
        while from < state.prepared.count {
            let chunk = Array(state.prepared[from..<min(from + 4096, state.prepared.count)])
            builder.add(prepared: try decodeOrRebuild(chunk, builder: builder))
            from += chunk.count
        }
        clock.lap("group")
        var reused = Set<String>()
        var plans: [String: String] = [:]
        let decoder = JSONDecoder()
        // A kept story stays as stored; it stands in the timeline as its id, articles and entities
        // (read with the state: the timeline code calls nothing of the store's).
        let timeline = builder.timeline(reusing: { plan in
            plans[plan.id] = plan.key
            guard let kept = state.stories[plan.id], kept.members == plan.key, !plan.articles.contains(where: state.pending.contains),
                let entities = EntitySummary.list(compactJSON: kept.entitiesJSON)
                    ?? (try? decoder.decode([EntitySummary].self, from: Data(kept.entitiesJSON.utf8)))
            else { return nil }
            reused.insert(plan.id)
            return Story(id: plan.id, title: "", keywords: [], articles: plan.articles, events: [], entities: entities)
        })
        clock.lap("timeline (\(timeline.stories.count - reused.count) of \(timeline.stories.count) stories summarised; links \(String(format: "%.2f", builder.linkSeconds)) s, stories \(String(format: "%.2f", builder.storySeconds)) s)")
        let entities = TimelineBuilder.collectionEntities(timeline.stories)
        clock.lap("entities")
        let entityRows = entities.map { e in (e, e.compactJSON()) }
        clock.lap("encode entities")
        let eventCount = timeline.stories.reduce(0) { $0 + (reused.contains($1.id) ? state.stories[$1.id]?.events ?? 0 : $1.events.count) }
        let written = try store.saveGrouping(
            GroupingResult(version: state.version, stories: timeline.stories, kept: reused, members: plans, entities: entityRows))
        clock.lap("commit")
        return written ? (eventCount, timeline.stories.count, timeline.stories.count - reused.count) : nil
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
