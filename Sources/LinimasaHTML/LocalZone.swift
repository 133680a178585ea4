import Foundation
import LinimasaCore

/// The time zone of an outlet's country, known by the last label of its address: what a publication
/// time given in UTC ("2021-11-04T23:00Z") is on the outlet's own calendar. A page's day is the day
/// its readers saw on it, and near midnight the two differ (a Jakarta outlet's UTC stamps after
/// 17:00 fall on the next day there).
enum LocalZone {
    enum Summer { case none, european }

    /// Standard offset east of UTC in minutes, and the summer-time rule, by country code. Countries
    /// with one zone only (Indonesia's national outlets keep Jakarta's time, WIB).
    static let countries: [String: (minutes: Int, summer: Summer)] = {
        var z: [String: (Int, Summer)] = ["id": (420, .none), "my": (480, .none), "sg": (480, .none), "th": (420, .none), "vn": (420, .none), "ph": (480, .none), "jp": (540, .none), "kr": (540, .none)]
        for c in ["de", "at", "ch", "it", "fr", "es", "nl", "be", "lu", "pl", "cz", "sk", "hu", "si", "hr", "dk", "se", "no", "li", "mt"] { z[c] = (60, .european) }
        for c in ["uk", "ie", "pt"] { z[c] = (0, .european) }
        return z
    }()

    /// Languages spoken in one zone only, for an outlet under a generic address (detik.com,
    /// tempo.co): Indonesian is Jakarta's time, German, Italian, Dutch, Polish and Czech central
    /// Europe's. English, French, Spanish and Portuguese span the world's zones and say nothing.
    static let languages: [String: String] = ["id": "id", "de": "de", "it": "it", "nl": "nl", "pl": "pl", "cs": "cz"]

    /// The country whose zone a page's times are read in: its address's, else its language's.
    static func country(url: String?, language: String?) -> String? {
        if let tld = url.flatMap(country(ofURL:)), countries[tld] != nil { return tld }
        return language.flatMap { languages[$0] }
    }

    /// The country code of a URL's host (its last label), lower case; nil without a host.
    static func country(ofURL url: String) -> String? {
        guard let host = URL(string: url)?.host?.lowercased(), let dot = host.lastIndex(of: ".") else { return nil }
        return String(host[host.index(after: dot)...])
    }

    /// The last Sunday of a month, as a day number.
    static func lastSunday(year: Int, month: Int) -> Int {
        let next = month == 12 ? CivilDate(year: year + 1, month: 1, day: 1)! : CivilDate(year: year, month: month + 1, day: 1)!
        var d = next.adding(days: -1)
        while d.weekday != 7 { d = d.adding(days: -1) }
        return d.daysSinceEpoch
    }

    /// The offset in minutes at an instant given in UTC (its day number and minute of the day).
    static func offset(_ zone: (minutes: Int, summer: Summer), day: Int, minute: Int) -> Int {
        guard zone.summer == .european else { return zone.minutes }
        // Summer time from the last Sunday of March to the last Sunday of October, 01:00 UTC both.
        let year = CivilDate(daysSinceEpoch: day).year
        let instant = day * 1440 + minute
        let starts = lastSunday(year: year, month: 3) * 1440 + 60
        let ends = lastSunday(year: year, month: 10) * 1440 + 60
        return zone.minutes + (instant >= starts && instant < ends ? 60 : 0)
    }

    /// `2021-11-04T23:00:00Z` (or `+00:00`) read in the zone of `country`: `2021-11-05T00:00:00+01:00`;
    /// nil when the country's zone is not known or the time is not a UTC time of that form.
    static func local(_ iso: String, country: String) -> String? {
        guard let zone = countries[country] else { return nil }
        let b = Array(iso.utf8)
        guard b.count >= 19, b[10] == UInt8(ascii: "T"), b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
            let day = CivilDate(iso: iso.prefix(10))
        else { return nil }
        func number(_ from: Int) -> Int? {
            guard b[from] >= 0x30 && b[from] <= 0x39 && b[from + 1] >= 0x30 && b[from + 1] <= 0x39 else { return nil }
            return Int(b[from] - 0x30) * 10 + Int(b[from + 1] - 0x30)
        }
        guard let h = number(11), let m = number(14), let s = number(17) else { return nil }
        let utc = h * 60 + m
        let off = offset(zone, day: day.daysSinceEpoch, minute: utc)
        var local = utc + off
        var d = day
        if local >= 1440 {
            local -= 1440
            d = d.adding(days: 1)
        } else if local < 0 {
            local += 1440
            d = d.adding(days: -1)
        }
        func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let sign = off < 0 ? "-" : "+"
        return "\(d)T\(pad(local / 60)):\(pad(local % 60)):\(pad(s))\(sign)\(pad(abs(off) / 60)):\(pad(abs(off) % 60))"
    }
}
