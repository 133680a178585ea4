import LinimasaCore

/// What a recognized time expression says, before it is resolved against an anchor date.
public enum TimeReading: Sendable, Hashable {
    /// A complete date, with its weekday if the text gave one.
    case date(CivilDate)
    /// A complete date and clock time; `offset` is minutes east of UTC when a zone was given.
    case dateTime(CivilDate, hour: Int, minute: Int, offset: Int?)
    /// Day and month without a year ("Minggu (2/1)", "3 Januari"); `weekday` decides the year.
    /// `direction` -1 when the text says it is past ("3 Januari lalu"), +1 when it says it is ahead.
    case dayMonth(day: Int, month: Int, weekday: Int?, direction: Int? = nil)
    case monthYear(year: Int, month: Int)
    /// A month name alone; `shift` -1 for the last such month ("Januari lalu"), +1 for the next, nil for the nearest.
    case month(Int, shift: Int?)
    case year(Int)
    /// A weekday alone ("pada hari Selasa"); `shift` -1 strictly before the anchor, 0 this week,
    /// +1 strictly after, nil for the latest on or before the anchor.
    case weekday(Int, shift: Int?)
    /// `n` days from the anchor ("kemarin" is -1).
    case relativeDay(Int)
    /// `n` weeks, months or years from the anchor's ("pekan lalu" is week -1).
    case relativeUnit(TimeUnit, Int)
    /// Part of a week, month or year ("awal bulan ini", "akhir tahun lalu").
    case partOf(TimeUnit, Part, shift: Int)
    /// Saturday and Sunday ("akhir pekan"); nil for the nearest one on or before the anchor.
    case weekend(shift: Int?)
    /// A clock time alone ("pukul 10.00 WIB"), on the anchor's day.
    case clock(hour: Int, minute: Int, offset: Int?)
}

public enum TimeUnit: String, Sendable, Hashable { case day, week, month, year }
public enum Part: String, Sendable, Hashable { case early, middle, late }

/// A recognized expression: a byte range of the scanned text and what it says.
public struct TimeMention: Sendable, Hashable {
    public var start: Int
    public var end: Int
    public var reading: TimeReading
    /// The weekday named beside a complete date, to check against it.
    public var statedWeekday: Int?
}
