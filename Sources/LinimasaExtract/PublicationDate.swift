import LinimasaCore
import LinimasaText
import LinimasaTime

/// Establishes when an article was published: given with the input, stamped in the byline, or
/// inferred from the dates in its text.
enum PublicationDate {
    /// Words that introduce a wire or outlet cited with the day of writing: "dikutip dari Arab News, Kamis (30/9/2021)".
    static let citationCues = ["dikutip", "dilansir", "melansir", "mengutip", "lapor", "diberitakan", "quoted", "reported", "according to"]

    static func find(given: String?, stamp: FoundTime?, bodyTokens: TokenizedText, mentions: [TimeMention]) -> Published {
        if let given, !given.isEmpty {
            if let d = CivilDate(iso: given.prefix(10)) {
                return Published(value: given.count > 10 ? given : d.description, method: .explicit, evidence: "given with the input: \(given)")
            }
            if let f = TimeFinder.find(in: given, anchor: nil).first(where: { isComplete($0.reading) }) {
                return Published(value: stampValue(f.reading), method: .explicit, evidence: "given with the input: \(given)")
            }
        }
        if let stamp {
            return Published(value: stampValue(stamp.reading), method: .explicit, evidence: "date stamp \"\(stamp.text)\"")
        }
        // Inferred: a cited source dated with a weekday is the day of writing; otherwise the latest complete date is a lower bound.
        var latest: (CivilDate, String)? = nil
        for m in mentions {
            guard let d = day(of: m.reading) else { continue }
            let text = bodyTokens.text(from: m.start, to: m.end)
            // The 90 bytes before the date, within its line (looking no further back: a search to the
            // line's start made a long line of dates quadratic).
            let from = max(0, m.start - 90)
            let lineStart = bodyTokens.bytes[from..<m.start].lastIndex(of: 0x0A).map { $0 + 1 } ?? from
            let before = bodyTokens.text(from: lineStart, to: m.start).lowercased()
            if m.statedWeekday != nil, let cue = citationCues.first(where: { before.containsBytes($0) }),
                !before.containsBytes(". ") || before.split(separator: ".").last!.containsBytes(cue) {
                return Published(
                    value: d.description, method: .inferred,
                    evidence: "\"\(text)\" dates a cited source (\"\(cue)\"), the outlets' way of giving the day of writing",
                    bound: "on")
            }
            if latest == nil || d > latest!.0 { latest = (d, text) }
        }
        if let (d, text) = latest {
            return Published(
                value: d.description, method: .inferred,
                evidence: "the latest complete date in the text is \"\(text)\"; published on or after it", bound: "on-or-after")
        }
        return Published(value: nil, method: .unknown, evidence: "no date stamp and no complete date in the text")
    }

    static func isComplete(_ r: TimeReading) -> Bool { day(of: r) != nil }

    static func day(of r: TimeReading) -> CivilDate? {
        switch r {
        case .date(let d), .dateTime(let d, _, _, _): return d
        default: return nil
        }
    }

    /// `2022-01-03T14:50:00+07:00` for a stamp with a time, `2020-12-30` for a day.
    static func stampValue(_ r: TimeReading) -> String? {
        switch r {
        case .dateTime(let d, let h, let m, let off):
            return "\(d)T\(pad(h, 2)):\(pad(m, 2)):00\(TimeResolver.offsetString(off))"
        case .date(let d): return d.description
        default: return nil
        }
    }
}
