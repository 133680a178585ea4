import LinimasaCore
import LinimasaText

/// Finds time expressions in tokenized Indonesian or English text.
///
/// A left-to-right scan over tokens, trying the patterns news text uses at each position:
/// complete dates in word, numeric and English order; day–month without a year; weekdays with
/// or without a date; years after a cue word; relative expressions ("kemarin", "dua hari lalu",
/// "pekan lalu", "awal bulan ini", "akhir pekan", "last week"); clock times with a zone.
/// Durations ("2,5 tahun", "enam minggu") are not dates and are not returned. O(n) in tokens.
public struct TimeRecognizer {
    let t: TokenizedText
    let low: [String]
    let language: Language?

    /// `language` keeps out the other language's time words; nil reads both.
    public init(_ text: TokenizedText, language: Language? = nil) {
        self.t = text
        self.language = language
        var low: [String] = []
        low.reserveCapacity(text.tokens.count)
        for i in text.tokens.indices {
            let tok = text.tokens[i]
            var w = tok.kind == .word || tok.kind == .number ? text.lower(i) : ""
            if language == .id && TimeLexicon.englishOnly.contains(w) || language == .en && TimeLexicon.indonesianOnly.contains(w) {
                w = ""
            }
            low.append(w)
        }
        self.low = low
    }

    public func mentions() -> [TimeMention] {
        var out: [TimeMention] = []
        var i = 0
        let n = t.tokens.count
        while i < n {
            if let (end, m) = match(at: i) {
                out.append(m)
                i = max(end, i + 1)
            } else {
                i += 1
            }
        }
        return mergeClockTimes(out)
    }

    // MARK: - Token helpers

    var count: Int { t.tokens.count }
    func word(_ i: Int) -> String { i >= 0 && i < count ? low[i] : "" }
    func isNumber(_ i: Int) -> Bool { i >= 0 && i < count && t.tokens[i].kind == .number }
    func intValue(_ i: Int) -> Int? {
        guard isNumber(i), t.tokens[i].length <= 4 else { return nil }
        return Int(low[i])
    }
    func glued(_ a: Int, _ b: Int) -> Bool { b < count && t.tokens[a].end == t.tokens[b].start }
    func punct(_ i: Int, _ c: Character) -> Bool { i >= 0 && i < count && t.isPunct(i, c.asciiValue!) }
    func year(_ i: Int) -> Int? {
        guard let v = intValue(i), t.tokens[i].length == 4, (1800...2200).contains(v) else { return nil }
        return v
    }
    func monthAt(_ i: Int) -> Int? { TimeLexicon.months[word(i)] }
    func weekdayAt(_ i: Int) -> Int? { TimeLexicon.weekdays[word(i)] }
    func mention(_ a: Int, _ b: Int, _ r: TimeReading, weekday: Int? = nil) -> (Int, TimeMention) {
        (b, TimeMention(start: t.tokens[a].start, end: t.tokens[b - 1].end, reading: r, statedWeekday: weekday))
    }

    // MARK: - Patterns

    func match(at i: Int) -> (Int, TimeMention)? {
        let tok = t.tokens[i]
        if tok.kind == .number { return numberLed(i, weekday: nil, from: i) }
        guard tok.kind == .word else { return nil }
        let w = low[i]
        guard TimeLexicon.starters.contains(w) else { return nil }
        if let wd = TimeLexicon.weekdays[w], let m = weekdayLed(i, wd) { return m }
        if TimeLexicon.months[w] != nil, let m = monthLed(i, weekday: nil, from: i) { return m }
        return relative(i)
    }

    /// "Rabu, 30 Desember 2020, 06:08 WIB", "Kamis (30/9/2021)", "Minggu (2/1)", "Wednesday, Sept. 29, 2021",
    /// "Selasa lalu", "pada hari Selasa", "on Tuesday".
    func weekdayLed(_ i: Int, _ wd: Int) -> (Int, TimeMention)? {
        let w = low[i]
        let capital = t.isCapitalized(i)
        let prev = word(i - 1)
        let cued = prev == "hari" || prev == "pada" || prev == "on" || prev == "sejak" || prev == "setiap" || prev == "last"
            || prev == "next" || prev == "since" || prev == "every"
        var j = i + 1
        if punct(j, ",") { j += 1 }
        // Weekday followed by a date.
        if punct(j, "("), let (end, m) = numericDate(j + 1, weekday: wd, from: i, allowDayMonth: true), punct(end, ")") {
            return (end + 1, TimeMention(start: m.start, end: t.tokens[end].end, reading: m.reading, statedWeekday: m.statedWeekday))
        }
        if isNumber(j), let m = numberLed(j, weekday: wd, from: i, allowDayMonth: true) { return m }
        if monthAt(j) != nil, let m = monthLed(j, weekday: wd, from: i) { return m }
        if TimeLexicon.shortWeekdays.contains(w) { return nil }
        // "minggu" is also "week": "minggu lalu", "enam minggu". Only a capitalized or cued one is Sunday.
        if w == "minggu" {
            guard capital || cued else { return nil }
            if !cued, let d = TimeLexicon.directions[word(i + 1)], d != 0 || word(i + 1) == "ini" { return nil }
            if !cued && isNumberWord(i - 1) { return nil }
        } else if !(capital || cued) {
            return nil
        }
        var start = i
        var shift: Int? = nil
        if prev == "last" { shift = -1; start = i - 1 } else if prev == "next" { shift = 1; start = i - 1 }
        var end = i + 1
        if TimeLexicon.partsOfDay.contains(word(end)) { end += 1 }
        if let d = TimeLexicon.directions[word(end)], word(end) != "last", word(end) != "next", word(end) != "this" {
            // "Selasa lalu", "Senin depan", "Rabu ini"; not "Selasa kemarin" as -1 day.
            shift = d
            end += 1
        }
        return mention(start, end, .weekday(wd, shift: shift))
    }

    func isNumberWord(_ i: Int) -> Bool { TimeLexicon.numberWords[word(i)] != nil || isNumber(i) }

    /// Dates that start with a number, and "N hari lalu", years after a cue, clock times.
    func numberLed(_ i: Int, weekday: Int?, from start: Int, allowDayMonth: Bool = false) -> (Int, TimeMention)? {
        // "30/9/2021", "2021-09-30", "30.09.2021", and "2/1" when a weekday stands before it.
        if let m = numericDate(i, weekday: weekday, from: start, allowDayMonth: allowDayMonth) { return m }
        let v = intValue(i)
        // "29 September 2021", "03 Jan 2022 14:50 WIB", "3 Januari".
        if let d = v, (1...31).contains(d), t.tokens[i].length <= 2 {
            var j = i + 1
            if let mo = monthAt(j) {
                j += 1
                // "3 Jan. 2022": the dot belongs to an abbreviated month only.
                if punct(j, "."), glued(j - 1, j), t.tokens[j - 1].length <= 4 { j += 1 }
                if punct(j, ","), year(j + 1) != nil { j += 1 }
                if let y = year(j), let date = CivilDate(year: y, month: mo, day: d) {
                    return withClock(after: j + 1, date: date, from: start, weekday: weekday)
                }
                guard CivilDate(year: 2000, month: mo, day: d) != nil else { return nil }
                // "3 Januari lalu", "17 Agustus mendatang".
                let dw = word(j)
                if ["lalu", "silam", "kemarin", "mendatang", "depan", "nanti"].contains(dw), let dir = TimeLexicon.directions[dw] {
                    return mention(start, j + 1, .dayMonth(day: d, month: mo, weekday: weekday, direction: dir))
                }
                return mention(start, j, .dayMonth(day: d, month: mo, weekday: weekday))
            }
        }
        guard weekday == nil else { return nil }
        // "2019" after a cue: "pada 2019", "tahun 2014", "sejak 1952", "in 2019".
        if let y = year(i) {
            let prev = word(i - 1)
            if prev == "tahun" || prev == "year" { return mention(i - 1, i + 1, .year(y)) }
            if TimeLexicon.yearTriggers.contains(prev) { return mention(i, i + 1, .year(y)) }
            return nil
        }
        if let n = v, let m = countedUnit(i, n: n) { return m }
        if let m = clock(i, from: i) { return m }
        return nil
    }

    /// "dua hari lalu", "3 tahun lalu", "2 days ago", "sepekan lalu".
    func countedUnit(_ i: Int, n: Int) -> (Int, TimeMention)? {
        guard let unit = TimeLexicon.units[word(i + 1)] else { return nil }
        var j = i + 2
        if word(j) == "yang" || word(j) == "the" { j += 1 }
        guard let d = TimeLexicon.directions[word(j)], d != 0, word(j) != "last", word(j) != "next", word(j) != "kemarin" else {
            return nil
        }
        return mention(i, j + 1, unitReading(unit, d * n))
    }

    func unitReading(_ u: TimeLexicon.Unit, _ n: Int) -> TimeReading {
        switch u {
        case .day: return .relativeDay(n)
        case .week: return .relativeUnit(.week, n)
        case .month: return .relativeUnit(.month, n)
        case .year: return .relativeUnit(.year, n)
        }
    }

    /// Numeric dates: tokens "30" "/" "9" "/" "2021" glued, or one number token "2021-09-30" / "30.09.2021".
    func numericDate(_ i: Int, weekday: Int?, from start: Int, allowDayMonth: Bool) -> (Int, TimeMention)? {
        guard isNumber(i) else { return nil }
        let s = low[i]
        if s.contains("-") || (s.filter { $0 == "." }.count == 2) {
            let parts = s.split(whereSeparator: { $0 == "-" || $0 == "." }).compactMap { Int($0) }
            guard parts.count == 3 else { return nil }
            let date: CivilDate?
            if parts[0] >= 1800 { date = CivilDate(year: parts[0], month: parts[1], day: parts[2]) } else if parts[2] >= 1800 {
                date = CivilDate(year: parts[2], month: parts[1], day: parts[0])
            } else { date = nil }
            guard let date else { return nil }
            return withClock(after: i + 1, date: date, from: start, weekday: weekday)
        }
        guard let d = intValue(i), punct(i + 1, "/"), glued(i, i + 1), glued(i + 1, i + 2), let mo = intValue(i + 2),
            (1...31).contains(d), (1...12).contains(mo)
        else { return nil }
        if punct(i + 3, "/"), glued(i + 2, i + 3), glued(i + 3, i + 4), let y = intValue(i + 4) {
            let yy = t.tokens[i + 4].length == 2 ? 2000 + y : y
            guard let date = CivilDate(year: yy, month: mo, day: d) else { return nil }
            return withClock(after: i + 5, date: date, from: start, weekday: weekday)
        }
        guard allowDayMonth || (punct(i - 1, "(") && punct(i + 3, ")")), CivilDate(year: 2000, month: mo, day: d) != nil else {
            return nil
        }
        return mention(start, i + 3, .dayMonth(day: d, month: mo, weekday: weekday))
    }

    /// A complete date, extended by ", 06:08 WIB" / "pukul 10.00" when one follows.
    func withClock(after j: Int, date: CivilDate, from start: Int, weekday: Int?) -> (Int, TimeMention) {
        var k = j
        if punct(k, ",") || punct(k, "|") || punct(k, "-") { k += 1 }
        if word(k) == "pukul" || word(k) == "jam" || word(k) == "at" { k += 1 }
        if let (h, mi, next) = clockValue(k) {
            var end = next
            var offset: Int? = nil
            if let z = TimeLexicon.zones[word(end)] { offset = z; end += 1 }
            return mention(start, end, .dateTime(date, hour: h, minute: mi, offset: offset), weekday: weekday)
        }
        return mention(start, j, .date(date), weekday: weekday)
    }

    /// "14:50" (tokens 14 : 50) or "10.00" (one number token).
    func clockValue(_ k: Int) -> (Int, Int, Int)? {
        guard isNumber(k) else { return nil }
        let s = low[k]
        if s.count == 5, s.contains(".") {
            let p = s.split(separator: ".")
            if p.count == 2, let h = Int(p[0]), let m = Int(p[1]), h < 24, m < 60 { return (h, m, k + 1) }
            return nil
        }
        if let h = intValue(k), h < 24, punct(k + 1, ":"), glued(k, k + 1), glued(k + 1, k + 2), let m = intValue(k + 2),
            t.tokens[k + 2].length == 2, m < 60 {
            return (h, m, k + 3)
        }
        return nil
    }

    /// "pukul 10.00 WIB", "14:50 WIB".
    func clock(_ i: Int, from start: Int) -> (Int, TimeMention)? {
        guard let (h, m, next) = clockValue(i) else { return nil }
        let cue = word(i - 1) == "pukul" || word(i - 1) == "jam" || word(i - 1) == "at"
        let zone = TimeLexicon.zones[word(next)]
        guard cue || zone != nil else { return nil }
        let s = cue ? i - 1 : i
        return mention(s, zone != nil ? next + 1 : next, .clock(hour: h, minute: m, offset: zone))
    }

    /// "May 15", "Sept. 29, 2021", "September 2021", "Januari lalu", "pada September".
    func monthLed(_ i: Int, weekday: Int?, from start: Int) -> (Int, TimeMention)? {
        guard let mo = monthAt(i) else { return nil }
        let w = low[i]
        var j = i + 1
        if punct(j, "."), glued(i, j), t.tokens[i].length <= 4 { j += 1 }
        if let d = intValue(j), t.tokens[j].length <= 2, (1...31).contains(d), !punct(j + 1, "/") {
            var k = j + 1
            if word(k) == "st" || word(k) == "nd" || word(k) == "rd" || word(k) == "th" { k += 1 }
            if punct(k, ","), year(k + 1) != nil { k += 1 }
            if let y = year(k), let date = CivilDate(year: y, month: mo, day: d) {
                return withClock(after: k + 1, date: date, from: start, weekday: weekday)
            }
            guard CivilDate(year: 2000, month: mo, day: d) != nil, t.isCapitalized(i) else { return nil }
            return mention(start, j + 1, .dayMonth(day: d, month: mo, weekday: weekday))
        }
        if let y = year(j) { return mention(start, j + 1, .monthYear(year: y, month: mo)) }
        guard weekday == nil, t.isCapitalized(i), !TimeLexicon.ambiguousMonths.contains(w) || w == "mei" && word(i - 1) == "bulan"
        else { return nil }
        if let d = TimeLexicon.directions[word(j)], word(j) != "last", word(j) != "next", word(j) != "kemarin" {
            return mention(i, j + 1, .month(mo, shift: d == 0 ? nil : d))
        }
        let prev = word(i - 1)
        if prev == "bulan" || prev == "pada" || prev == "sejak" || prev == "hingga" || prev == "in" || prev == "since"
            || prev == "awal" || prev == "akhir" || prev == "until" || prev == "pertengahan" {
            return mention(i, i + 1, .month(mo, shift: nil))
        }
        return nil
    }

    /// "kemarin", "hari ini", "pekan lalu", "awal bulan ini", "akhir pekan", "last week", "two days ago".
    func relative(_ i: Int) -> (Int, TimeMention)? {
        let w = low[i]
        if let n = TimeLexicon.relativeDays[w] {
            if w == "semalam", TimeLexicon.units[word(i + 1)] != nil { return nil }
            return mention(i, i + 1, .relativeDay(n))
        }
        if w == "hari", word(i + 1) == "ini" { return mention(i, i + 2, .relativeDay(0)) }
        if (w == "tadi" || w == "nanti"), TimeLexicon.partsOfDay.contains(word(i + 1)) {
            return mention(i, i + 2, .relativeDay(w == "tadi" && word(i + 1) == "malam" ? -1 : 0))
        }
        if TimeLexicon.partsOfDay.contains(w), word(i + 1) == "ini" { return mention(i, i + 2, .relativeDay(0)) }
        if let n = TimeLexicon.numberWords[w], w != "a" && w != "an" || word(i + 2) == "ago", let m = countedUnit(i, n: n) {
            return m
        }
        if let u = TimeLexicon.oneUnitWords[w], let d = TimeLexicon.directions[word(i + 1)], d != 0, word(i + 1) != "kemarin" {
            return mention(i, i + 2, unitReading(u, d))
        }
        // English "last week", "this month", "next year", "last Tuesday", "last weekend".
        if w == "last" || w == "this" || w == "next" {
            let d = w == "last" ? -1 : (w == "next" ? 1 : 0)
            if let u = TimeLexicon.units[word(i + 1)], !word(i + 1).hasSuffix("s") {
                return mention(i, i + 2, u == .day ? .relativeDay(d) : unitReading(u, d))
            }
            if word(i + 1) == "weekend" { return mention(i, i + 2, .weekend(shift: d)) }
            return nil
        }
        if w == "weekend", word(i - 1) == "the" { return mention(i - 1, i + 1, .weekend(shift: nil)) }
        if w == "earlier" || w == "later", word(i + 1) == "this", let u = TimeLexicon.units[word(i + 2)], u != .day {
            let tu: TimeUnit = u == .week ? .week : (u == .month ? .month : .year)
            return mention(i, i + 3, .partOf(tu, w == "earlier" ? .early : .late, shift: 0))
        }
        // "pekan lalu", "bulan ini", "tahun depan", "minggu yang lalu".
        if let u = TimeLexicon.units[w], u != .day, t.tokens[i].kind == .word, w.count > 3 {
            var j = i + 1
            if word(j) == "yang" { j += 1 }
            if let d = TimeLexicon.directions[word(j)], ["lalu", "ini", "depan", "mendatang", "silam"].contains(word(j)) {
                if isNumberWord(i - 1) { return nil }  // "dua pekan lalu" is matched from the number
                if u == .year, word(j) == "ini", word(j + 1).isEmpty == false, isNumber(j + 1) { return nil }
                return mention(i, j + 1, unitReading(u, d))
            }
            return nil
        }
        // "awal bulan ini", "akhir tahun lalu", "pertengahan pekan depan", "akhir pekan", "akhir pekan lalu".
        if w == "awal" || w == "akhir" || w == "pertengahan" || w == "early" || w == "late" || w == "mid" {
            let part: Part = (w == "awal" || w == "early") ? .early : (w == "akhir" || w == "late") ? .late : .middle
            guard let u = TimeLexicon.units[word(i + 1)], u != .day else { return nil }
            var j = i + 2
            if word(j) == "yang" { j += 1 }
            let dirWord = word(j)
            let d = ["lalu", "ini", "depan", "mendatang", "silam"].contains(dirWord) ? TimeLexicon.directions[dirWord] : nil
            if u == .week && part == .late {
                if let d { return mention(i, j + 1, .weekend(shift: d)) }
                return mention(i, i + 2, .weekend(shift: nil))
            }
            guard let d else { return nil }
            let tu: TimeUnit = u == .week ? .week : (u == .month ? .month : .year)
            return mention(i, j + 1, .partOf(tu, part, shift: d))
        }
        return nil
    }

    /// Attach a clock time ("pukul 10.00 WIB") to the day expression just before it.
    func mergeClockTimes(_ ms: [TimeMention]) -> [TimeMention] {
        guard ms.count > 1 else { return ms }
        var out: [TimeMention] = []
        for m in ms {
            if case .clock(let h, let mi, let off) = m.reading, let last = out.last, m.start - last.end <= 12 {
                let gap = t.text(from: last.end, to: m.start)
                if !gap.contains("\n") && !gap.contains(".") {
                    var merged = last
                    switch last.reading {
                    case .date(let d):
                        merged.reading = .dateTime(d, hour: h, minute: mi, offset: off)
                        merged.end = m.end
                        out[out.count - 1] = merged
                        continue
                    default: break
                    }
                }
            }
            out.append(m)
        }
        return out
    }
}
