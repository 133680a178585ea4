import LinimasaCore
import LinimasaText

/// What grouping needs to know of one article, and nothing more: small enough to keep a million
/// of them in memory.
public struct ArticleProfile: Sendable, Codable {
    public var id: String
    public var outlet: String?
    /// Day the article was published, as a day number (`CivilDate.dayNumber`).
    public var published: Int?
    /// Publication time for ordering copies: ISO text as given, or nil.
    public var publishedValue: String?
    /// The day the reported happening took place, and how it was found.
    public var eventDay: EventDay
    /// Month and day (`month * 100 + day`) of dates whose year is unknown ("3 Januari").
    public var partialHints: [Int]
    /// The other days the text gives in the week before publication, as bits: bit `i` is the day
    /// `eventDay.day - otherDaySpan + i` (the event day's own bit is never set). Where an article
    /// that dates the happening otherwise may still meet it; two bytes, no allocation a profile.
    public var otherDays: UInt16

    /// Days either side of the event day that `otherDays` can hold: the publication window's.
    public static let otherDaySpan = EventDating.window

    /// Whether the text gives `day` besides its event day.
    @inline(__always) public func givesOtherDay(_ day: Int) -> Bool {
        let i = day - eventDay.day + Self.otherDaySpan
        return i >= 0 && i <= 2 * Self.otherDaySpan && otherDays & (1 << UInt16(i)) != 0
    }

    /// The other days the text gives, ascending.
    public var otherDayList: [Int] {
        (0...(2 * Self.otherDaySpan)).filter { otherDays & (1 << UInt16($0)) != 0 }.map { eventDay.day - Self.otherDaySpan + $0 }
    }

    /// The bits of `days` around `eventDay` (days farther from it than `otherDaySpan` are left out).
    public static func otherDayBits(_ days: [Int], around eventDay: Int) -> UInt16 {
        var bits: UInt16 = 0
        for d in days where d != eventDay && abs(d - eventDay) <= otherDaySpan { bits |= 1 << UInt16(d - eventDay + otherDaySpan) }
        return bits
    }
    /// Weighted terms (stems of content words; names count double), unit length, sorted by term.
    public var terms: TermVector
    /// MinHash signature of the clean body.
    public var signature: [UInt16]

    public init(
        id: String, outlet: String?, published: Int?, publishedValue: String?, eventDay: EventDay,
        partialHints: [Int], otherDays: UInt16 = 0, terms: TermVector, signature: [UInt16]
    ) {
        self.id = id
        self.outlet = outlet
        self.published = published
        self.publishedValue = publishedValue
        self.eventDay = eventDay
        self.partialHints = partialHints
        self.otherDays = otherDays
        self.terms = terms
        self.signature = signature
    }
}

/// The day an article's happening took place.
public struct EventDay: Sendable, Hashable, Codable {
    public enum Source: String, Sendable, Hashable, Codable {
        /// A date the text gives for it ("Minggu (2/1)").
        case text
        /// No such date: the publication day stands in.
        case published
    }
    public var day: Int
    public var source: Source
    public init(day: Int, source: Source) {
        self.day = day
        self.source = source
    }
}
