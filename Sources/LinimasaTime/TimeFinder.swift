import LinimasaCore
import LinimasaText

/// A resolved time expression with byte offsets into the scanned text.
public struct FoundTime: Sendable, Hashable {
    public var byteStart: Int
    public var byteEnd: Int
    public var text: String
    public var value: String
    public var granularity: Granularity
    public var reading: TimeReading
    /// Set when a weekday stood beside a complete date and did not agree with it.
    public var weekdayMismatch: Bool
}

/// Recognizes and resolves the time expressions of a text in one call.
public enum TimeFinder {
    public static func find(in text: TokenizedText, anchor: CivilDate?, language: Language? = nil) -> [FoundTime] {
        TimeRecognizer(text, language: language).mentions().map { m in
            let (value, granularity) = TimeResolver.resolve(m.reading, anchor: anchor)
            var mismatch = false
            if let wd = m.statedWeekday {
                switch m.reading {
                case .date(let d), .dateTime(let d, _, _, _): mismatch = d.weekday != wd
                default: break
                }
            }
            return FoundTime(
                byteStart: m.start, byteEnd: m.end, text: text.text(from: m.start, to: m.end), value: value,
                granularity: granularity, reading: m.reading, weekdayMismatch: mismatch)
        }
    }

    public static func find(in text: String, anchor: CivilDate?, language: Language? = nil) -> [FoundTime] {
        find(in: TokenizedText(text), anchor: anchor, language: language)
    }
}
