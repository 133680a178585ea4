import LinimasaCore

/// Turns a `TimeReading` into a normalized value against an anchor date (usually the publication day).
///
/// Values: a day `2021-09-29`, a month `2021-09`, a year `2021`, a time `2022-01-03T14:50+07:00`, a
/// range `2021-12-27/2022-01-02` (weeks, weekends, parts of months). Without an anchor, what needs
/// one is given in TimeML style: `XXXX-01-02` for a day and month, `ANCHOR-1D` for "kemarin",
/// `XXXX-WXX-2` for a bare Tuesday.
public enum TimeResolver {
    public static func resolve(_ r: TimeReading, anchor: CivilDate?) -> (value: String, granularity: Granularity) {
        switch r {
        case .date(let d):
            return (d.description, .day)
        case .dateTime(let d, let h, let m, let off):
            return ("\(d)T\(pad(h, 2)):\(pad(m, 2))\(offsetString(off))", .time)
        case .dayMonth(let day, let month, let weekday, let direction):
            guard let anchor else { return ("XXXX-\(pad(month, 2))-\(pad(day, 2))", .partial) }
            return (resolveDayMonth(day: day, month: month, weekday: weekday, direction: direction, anchor: anchor).description, .day)
        case .monthYear(let y, let m):
            return ("\(pad(y, 4))-\(pad(m, 2))", .month)
        case .month(let m, let shift):
            guard let anchor else { return ("XXXX-\(pad(m, 2))", .partial) }
            var y = anchor.year
            switch shift {
            case .some(1): if m <= anchor.month { y += 1 }
            case .some(-1): if m >= anchor.month { y -= 1 }
            default: if m > anchor.month { y -= 1 }
            }
            return ("\(pad(y, 4))-\(pad(m, 2))", .month)
        case .year(let y):
            return (pad(y, 4), .year)
        case .weekday(let wd, let shift):
            guard let anchor else { return ("XXXX-WXX-\(wd)", .partial) }
            return (resolveWeekday(wd, shift: shift, anchor: anchor).description, .day)
        case .relativeDay(let n):
            guard let anchor else { return ("ANCHOR\(signed(n))D", .partial) }
            return (anchor.adding(days: n).description, .day)
        case .relativeUnit(let unit, let n):
            guard let anchor else { return ("ANCHOR\(signed(n))\(unitLetter(unit))", .partial) }
            switch unit {
            case .day: return (anchor.adding(days: n).description, .day)
            case .week:
                let monday = anchor.startOfWeek.adding(days: 7 * n)
                return ("\(monday)/\(monday.adding(days: 6))", .week)
            case .month:
                let d = anchor.adding(months: n)
                return ("\(pad(d.year, 4))-\(pad(d.month, 2))", .month)
            case .year: return (pad(anchor.year + n, 4), .year)
            }
        case .partOf(let unit, let part, let shift):
            guard let anchor else { return ("ANCHOR\(signed(shift))\(unitLetter(unit))-\(part.rawValue)", .partial) }
            let (a, b) = partRange(unit, part, shift: shift, anchor: anchor)
            return ("\(a)/\(b)", .range)
        case .weekend(let shift):
            guard let anchor else { return ("ANCHOR\(signed(shift ?? 0))W-weekend", .partial) }
            let saturday: CivilDate
            if let shift {
                saturday = anchor.startOfWeek.adding(days: 5 + 7 * shift)
            } else {
                // The nearest weekend on or before the anchor (news reports what has happened).
                let thisSat = anchor.startOfWeek.adding(days: 5)
                saturday = anchor.weekday >= 6 ? thisSat : thisSat.adding(days: -7)
            }
            return ("\(saturday)/\(saturday.adding(days: 1))", .range)
        case .clock(let h, let m, let off):
            guard let anchor else { return ("T\(pad(h, 2)):\(pad(m, 2))\(offsetString(off))", .partial) }
            return ("\(anchor)T\(pad(h, 2)):\(pad(m, 2))\(offsetString(off))", .time)
        }
    }

    /// The year that puts day/month nearest the anchor; with a weekday, the nearest year where that
    /// day falls on it (the weekday decides the year).
    public static func resolveDayMonth(day: Int, month: Int, weekday: Int?, direction: Int? = nil, anchor: CivilDate) -> CivilDate {
        var best: CivilDate? = nil
        var bestScore = Int.max
        for y in (anchor.year - 6)...(anchor.year + 6) {
            guard let d = CivilDate(year: y, month: month, day: day) else { continue }
            let diff = d.daysSinceEpoch - anchor.daysSinceEpoch
            // Reports look back more often than ahead: a future date costs twice its distance.
            var score = diff > 0 ? 2 * diff : -diff
            if let weekday, d.weekday != weekday { score += 100_000 }
            if let direction, (direction < 0 && diff > 0) || (direction > 0 && diff < 0) { score += 50_000 }
            if score < bestScore { bestScore = score; best = d }
        }
        return best ?? anchor
    }

    public static func resolveWeekday(_ wd: Int, shift: Int?, anchor: CivilDate) -> CivilDate {
        let delta = wd - anchor.weekday
        switch shift {
        case .some(0): return anchor.adding(days: delta)
        case .some(let s) where s > 0: return anchor.adding(days: delta > 0 ? delta : delta + 7)
        case .some: return anchor.adding(days: delta < 0 ? delta : delta - 7)
        case .none: return anchor.adding(days: delta <= 0 ? delta : delta - 7)
        }
    }

    static func partRange(_ unit: TimeUnit, _ part: Part, shift: Int, anchor: CivilDate) -> (CivilDate, CivilDate) {
        switch unit {
        case .day, .week:
            let monday = anchor.startOfWeek.adding(days: 7 * shift)
            switch part {
            case .early: return (monday, monday.adding(days: 1))
            case .middle: return (monday.adding(days: 2), monday.adding(days: 3))
            case .late: return (monday.adding(days: 4), monday.adding(days: 6))
            }
        case .month:
            let m = anchor.adding(months: shift)
            let last = CivilDate.daysInMonth(year: m.year, month: m.month)
            let (a, b) = part == .early ? (1, 10) : part == .middle ? (11, 20) : (21, last)
            return (CivilDate(year: m.year, month: m.month, day: a)!, CivilDate(year: m.year, month: m.month, day: b)!)
        case .year:
            let y = anchor.year + shift
            let (a, b) = part == .early ? (1, 4) : part == .middle ? (5, 8) : (9, 12)
            return (CivilDate(year: y, month: a, day: 1)!, CivilDate(year: y, month: b, day: CivilDate.daysInMonth(year: y, month: b))!)
        }
    }

    public static func offsetString(_ minutes: Int?) -> String {
        guard let minutes else { return "" }
        if minutes == 0 { return "Z" }
        let sign = minutes < 0 ? "-" : "+"
        let a = abs(minutes)
        return "\(sign)\(pad(a / 60, 2)):\(pad(a % 60, 2))"
    }

    static func signed(_ n: Int) -> String { n >= 0 ? "+\(n)" : "\(n)" }
    static func unitLetter(_ u: TimeUnit) -> String {
        switch u {
        case .day: return "D"
        case .week: return "W"
        case .month: return "M"
        case .year: return "Y"
        }
    }
}
