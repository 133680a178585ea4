/// Words the time reader knows, in Indonesian and English (lower case).
enum TimeLexicon {
    static let months: [String: Int] = [
        "januari": 1, "jan": 1, "january": 1,
        "februari": 2, "pebruari": 2, "feb": 2, "febr": 2, "february": 2,
        "maret": 3, "mar": 3, "march": 3,
        "april": 4, "apr": 4,
        "mei": 5, "may": 5,
        "juni": 6, "jun": 6, "june": 6,
        "juli": 7, "jul": 7, "july": 7,
        "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8, "august": 8,
        "september": 9, "sep": 9, "sept": 9,
        "oktober": 10, "okt": 10, "oct": 10, "october": 10,
        "november": 11, "nov": 11, "nop": 11, "nopember": 11,
        "desember": 12, "des": 12, "dec": 12, "december": 12,
    ]
    /// Month words that are also ordinary words, accepted only next to a day number or a year.
    static let ambiguousMonths: Set<String> = ["mei", "may", "mar", "jan", "des", "jun", "jul", "sep", "nov", "agu", "apr", "feb", "okt", "oct", "dec", "aug", "march"]

    /// ISO weekday (1 = Monday).
    static let weekdays: [String: Int] = [
        "senin": 1, "selasa": 2, "rabu": 3, "kamis": 4, "jumat": 5, "jum'at": 5, "jum’at": 5, "sabtu": 6, "minggu": 7, "ahad": 7,
        "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
        "mon": 1, "tue": 2, "tues": 2, "wed": 3, "thu": 4, "thur": 4, "thurs": 4, "fri": 5, "sat": 6, "sun": 7,
    ]
    /// Short English weekday forms are common words too ("sat", "sun"): only with a date after them.
    static let shortWeekdays: Set<String> = ["mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"]

    static let numberWords: [String: Int] = [
        "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8, "sembilan": 9,
        "sepuluh": 10, "sebelas": 11,
        "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    ]

    enum Unit { case day, week, month, year }

    static let units: [String: Unit] = [
        "hari": .day, "pekan": .week, "minggu": .week, "bulan": .month, "tahun": .year,
        "day": .day, "days": .day, "week": .week, "weeks": .week, "month": .month, "months": .month, "year": .year, "years": .year,
    ]
    /// "sehari", "sepekan", "seminggu", "sebulan", "setahun": one unit.
    static let oneUnitWords: [String: Unit] = ["sehari": .day, "sepekan": .week, "seminggu": .week, "sebulan": .month, "setahun": .year]

    /// Direction words after a unit or weekday: -1 past, 0 this, +1 next.
    static let directions: [String: Int] = [
        "lalu": -1, "kemarin": -1, "silam": -1, "sebelumnya": -1, "ago": -1, "last": -1,
        "ini": 0, "this": 0,
        "depan": 1, "mendatang": 1, "nanti": 1, "next": 1, "berikutnya": 1,
    ]

    /// UTC offsets of the zone abbreviations, in minutes.
    static let zones: [String: Int] = ["wib": 420, "wita": 480, "wit": 540, "gmt": 0, "utc": 0, "sgt": 480, "myt": 480]

    /// Words after which a bare four-digit number is a year.
    static let yearTriggers: Set<String> = [
        "pada", "tahun", "sejak", "hingga", "sampai", "pertengahan", "awal", "akhir", "selama", "periode", "sepanjang",
        "in", "since", "until", "by", "during", "early", "late", "mid", "of", "year", "th", "thn", "tahun-tahun", "jelang",
        "menjelang", "medio",
    ]

    /// Single words that name a day relative to the anchor.
    static let relativeDays: [String: Int] = [
        "kemarin": -1, "kemarin-kemarin": -2, "besok": 1, "esok": 1, "lusa": 2, "semalam": -1,
        "yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0,
    ]
    static let partsOfDay: Set<String> = ["pagi", "siang", "sore", "malam", "dini", "morning", "afternoon", "evening", "night"]
}

extension TimeLexicon {
    /// Time words of one language only, so `--lang` can keep the other's out.
    static let englishOnly: Set<String> = [
        "january", "february", "march", "may", "june", "july", "august", "aug", "october", "oct", "december", "dec",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "wed", "thu",
        "thur", "thurs", "fri", "sat", "sun", "yesterday", "today", "tomorrow", "tonight", "last", "next", "this", "ago",
        "weekend", "earlier", "later", "day", "days", "week", "weeks", "month", "months", "year", "years", "early", "late", "mid",
    ]
    static let indonesianOnly: Set<String> = [
        "januari", "februari", "pebruari", "maret", "mei", "juni", "juli", "agustus", "agu", "agt", "ags", "oktober", "okt",
        "desember", "des", "nopember", "nop", "senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad",
        "kemarin", "besok", "esok", "lusa", "semalam", "hari", "pekan", "bulan", "tahun", "lalu", "depan", "awal", "akhir",
        "pertengahan", "sehari", "sepekan", "seminggu", "sebulan", "setahun", "tadi", "pukul",
    ]
}

extension TimeLexicon {
    /// Every word a pattern can start with: one hash look-up rules out most tokens.
    static let starters: Set<String> = {
        var s = Set<String>()
        s.formUnion(months.keys)
        s.formUnion(weekdays.keys)
        s.formUnion(relativeDays.keys)
        s.formUnion(numberWords.keys)
        s.formUnion(oneUnitWords.keys)
        s.formUnion(units.keys)
        s.formUnion(partsOfDay)
        s.formUnion(["hari", "tadi", "nanti", "last", "this", "next", "weekend", "earlier", "later", "awal", "akhir", "pertengahan", "early", "late", "mid"])
        return s
    }()
}

/// Month and weekday names written out ("juni", "senin", "june"; not the abbreviations, which are
/// also names and words: "jan", "sun"), lower case: a "name" that is one of these alone is a date's
/// word the entity tagger mistook ("selama Juni dan Juli").
public enum CalendarNames {
    public static let words: Set<String> = Set(
        TimeLexicon.months.keys.filter { $0.count >= 4 && !TimeLexicon.ambiguousMonths.contains($0) }
            + TimeLexicon.weekdays.keys.filter { $0.count >= 4 && !TimeLexicon.shortWeekdays.contains($0) })
}
