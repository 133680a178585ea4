import Linimasa

/// What every store shows the same way, whatever keeps the rows: a story cut to a date range or
/// to one page of its events, a story's line in a list.
enum StoreViews {
    /// Whether an event is dated within `from`...`to` (ISO days, inclusive; an undated event is not).
    static func dated(_ e: Event, from: String?, to: String?) -> Bool {
        guard let d = e.date else { return false }
        return (from.map { d >= $0 } ?? true) && (to.map { d <= $0 } ?? true)
    }

    /// A story with only its events dated within `from`...`to` (nil when none is), and the
    /// articles, quotes, disagreements and entities of those.
    static func within(_ story: Story, from: String?, to: String?) -> Story? {
        guard from != nil || to != nil else { return story }
        var s = story
        s.events = s.events.filter { dated($0, from: from, to: to) }
        if s.events.isEmpty { return nil }
        let kept = Set(s.events.flatMap(\.articles))
        s.articles = s.articles.filter(kept.contains)
        let ids = Set(s.events.map(\.id))
        s.quotes = s.events.flatMap(\.quotes)
        s.disagreements = s.events.flatMap(\.disagreements)
        s.entities = s.entities.filter { !Set($0.events).isDisjoint(with: ids) }
        return s
    }

    /// One page of a story's events dated within `from`...`to`: the `offset`-th on, at most
    /// `limit`, with their articles, quotes and disagreements and the entities they name (at most
    /// `maxEntities`); and how many events are in the range.
    static func page(_ story: Story, from: String?, to: String?, offset: Int, limit: Int, maxEntities: Int) -> (story: Story, total: Int) {
        let inRange = from == nil && to == nil ? story.events : story.events.filter { dated($0, from: from, to: to) }
        return (cut(story, to: Array(inRange.dropFirst(offset).prefix(limit)), maxEntities: maxEntities), inRange.count)
    }

    /// A story shown with only `events`: their articles (in the story's order), quotes and
    /// disagreements, and the entities they name (at most `maxEntities`).
    static func cut(_ story: Story, to events: [Event], maxEntities: Int) -> Story {
        var s = story
        let ids = Set(events.map(\.id))
        let articles = Set(events.flatMap(\.articles))
        s.events = events
        s.articles = s.articles.filter(articles.contains)
        s.quotes = events.flatMap(\.quotes)
        s.disagreements = events.flatMap(\.disagreements)
        s.entities = Array(s.entities.filter { !Set($0.events).isDisjoint(with: ids) }.prefix(maxEntities))
        return s
    }

    /// What a story page needs besides its events (kept apart so a page reads only its events).
    static func head(_ story: Story) -> Story {
        var s = story
        s.events = []
        s.quotes = []
        s.disagreements = []
        return s
    }

    /// A story's line in a list: its first and last day, its outlets in order of first report.
    static func summary(_ s: Story) -> StorySummary {
        let days = s.events.compactMap(\.date).sorted()
        var outlets: [String] = []
        for e in s.events { for o in e.outlets where !outlets.contains(o) { outlets.append(o) } }
        return StorySummary(
            id: s.id, title: s.title, firstDay: days.first, lastDay: days.last, events: s.events.count, articles: s.articles.count,
            outlets: outlets, keywords: s.keywords)
    }

    /// Rows before a page: `(page - 1) × perPage`, or `Int.max` (no rows) when that does not fit in
    /// an integer, so no page number a client sends can overflow.
    static func offset(page: Int, perPage: Int) -> Int {
        let (v, overflow) = (max(1, page) - 1).multipliedReportingOverflow(by: perPage)
        return overflow ? Int.max : v
    }
}
