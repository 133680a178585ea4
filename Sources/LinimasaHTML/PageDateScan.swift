import Foundation
import LinimasaCore

/// The last resort for a page's day, when nothing on it marks one (no metadata, no date line, no
/// labelled date): every day written anywhere in the page's source, its text, its attributes and
/// its scripts, is counted, and the day written most often is the page's. Ties go to the earliest:
/// the later days of a page are its updates, its comments and the dates of the pages it links to,
/// written after it. This is what htmldate's extensive search does when its markup rules find
/// nothing, in the forms `VisibleDate` reads: `2019-03-02`, `2019/03/02`, `19.12.2019`,
/// `19/12/2019` (month first in English pages when it can be), `19. Mai 2010`, `13 juin 2019`,
/// `October 6, 2017`. Days before 1995 or after `latest` are not counted.
enum PageDateScan {
    static func mostFrequentDay(_ bytes: [UInt8], monthFirst: Bool, latest: CivilDate) -> (day: CivilDate, count: Int)? {
        var counts: [Int: Int] = [:]
        func count(_ y: Int, _ m: Int, _ d: Int) {
            guard y >= 1995, let day = CivilDate(year: y, month: m, day: d), day <= latest else { return }
            counts[day.daysSinceEpoch, default: 0] += 1
        }
        numericDays(bytes, monthFirst: monthFirst, count)
        namedDays(bytes, count)
        guard let best = counts.max(by: { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }) else { return nil }
        return (CivilDate(daysSinceEpoch: best.key), best.value)
    }

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    /// A byte of a word: an ASCII letter or digit, or any byte of a character beyond ASCII.
    @inline(__always) static func isWordByte(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b >= 0x80 || isDigit(b) }

    /// Three numbers with one separator twice (`.`, `/` or `-`), no digit on either side: year first
    /// (`2019-03-02`), or year last with four digits (`19.12.2019`, `12/19/2019`).
    static func numericDays(_ b: [UInt8], monthFirst: Bool, _ count: (Int, Int, Int) -> Void) {
        func number(_ i: inout Int, max: Int) -> (value: Int, digits: Int) {
            var v = 0, n = 0
            while i < b.count, isDigit(b[i]), n < max {
                v = v * 10 + Int(b[i] - 0x30)
                i += 1
                n += 1
            }
            return (v, n)
        }
        var i = 0
        while i < b.count {
            guard isDigit(b[i]), i == 0 || !isDigit(b[i - 1]) else {
                i += 1
                continue
            }
            let start = i
            var j = i
            let first = number(&j, max: 4)
            guard j < b.count, !isDigit(b[j]), b[j] == UInt8(ascii: ".") || b[j] == UInt8(ascii: "/") || b[j] == UInt8(ascii: "-")
            else {
                i = max(j, start + 1)
                continue
            }
            let sep = b[j]
            j += 1
            let second = number(&j, max: 2)
            guard second.digits > 0, j < b.count, b[j] == sep else {
                i = max(j, start + 1)
                continue
            }
            j += 1
            let third = number(&j, max: 4)
            guard third.digits > 0, j >= b.count || !isDigit(b[j]) else {
                i = max(j, start + 1)
                continue
            }
            if first.digits == 4 {
                count(first.value, second.value, third.value)
            } else if third.digits == 4 {
                let (a, m) = (first.value, second.value)
                if m > 12 && a <= 12 || monthFirst && a <= 12 { count(third.value, a, m) } else { count(third.value, m, a) }
            }
            i = j
        }
    }

    /// A month's name between a day and a year (`19. Mai 2010`, `13 juin 2019`) or before them
    /// (`October 6, 2017`), in `VisibleDate`'s languages; words are runs of letters and digits.
    static func namedDays(_ b: [UInt8], _ count: (Int, Int, Int) -> Void) {
        // The last three words: (value if a number of up to four digits, month if a month's name).
        var words: [(number: Int?, digits: Int, month: Int?)] = []
        var i = 0
        while i < b.count {
            guard isWordByte(b[i]) else {
                i += 1
                continue
            }
            let start = i
            var allDigits = true
            while i < b.count, isWordByte(b[i]) {
                if !isDigit(b[i]) { allDigits = false }
                i += 1
            }
            let length = i - start
            var word: (number: Int?, digits: Int, month: Int?) = (nil, 0, nil)
            if allDigits {
                if length <= 4 { word = (b[start..<i].reduce(0) { $0 * 10 + Int($1 - 0x30) }, length, nil) }
            } else if length >= 3 && length <= 12 && !isDigit(b[start]) {
                let lower = b[start..<i].map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
                word.month = VisibleDate.months[String(decoding: lower, as: UTF8.self)]
            }
            words.append(word)
            if words.count > 3 { words.removeFirst() }
            if words.count == 3, words[2].digits == 4, let year = words[2].number {
                if let m = words[1].month, let d = words[0].number, words[0].digits <= 2 {
                    count(year, m, d)
                } else if let m = words[0].month, let d = words[1].number, words[1].digits <= 2 {
                    count(year, m, d)
                }
            }
        }
    }
}
