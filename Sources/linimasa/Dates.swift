import ArgumentParser
import Foundation
import Linimasa

struct Dates: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find and resolve the time expressions in free text.",
        discussion: "Each TEXT is read on its own; every expression found is printed with its value and granularity.")

    @Argument(help: "Text to read, e.g. \"Minggu (2/1)\" or \"Rabu, 30 Desember 2020, 06:08 WIB\".")
    var texts: [String]

    @Option(help: "Anchor date (YYYY-MM-DD) that partial and relative expressions are resolved against (default: today).")
    var anchor: String?

    @Option(help: "Language of the text: id or en (default: both).")
    var lang: String?

    @Option(help: "Output: text (one expression a line, tab-separated) or json.")
    var format: String = "text"

    func validate() throws {
        if let anchor, CivilDate(iso: anchor) == nil { throw ValidationError("--anchor must be a date like 2022-01-03, not '\(anchor)'") }
        if let lang, Language(rawValue: lang) == nil { throw ValidationError("--lang must be id or en, not '\(lang)'") }
        if format != "text" && format != "json" { throw ValidationError("--format must be text or json, not '\(format)'") }
    }

    func run() throws {
        let anchorDate = anchor.flatMap { CivilDate(iso: $0) } ?? Self.today()
        let language = lang.flatMap(Language.init(rawValue:))
        var all: [TimeExpression] = []
        for text in texts {
            let tokens = TokenizedText(text)
            let offsets = ScalarOffsets(tokens.bytes)
            for f in TimeFinder.find(in: tokens, anchor: anchorDate, language: language) {
                let e = TimeExpression(
                    text: f.text, start: offsets.scalarOffset(ofByte: f.byteStart), end: offsets.scalarOffset(ofByte: f.byteEnd),
                    value: f.value, granularity: f.granularity)
                all.append(e)
                if format == "text" {
                    print("\(e.text)\t\(e.value)\t\(e.granularity.rawValue)\(f.weekdayMismatch ? "\t(weekday does not match the date)" : "")")
                }
            }
        }
        if format == "json" {
            struct Out: Encodable { var anchor: String; var times: [TimeExpression] }
            let data = try Rendering.jsonEncoder(pretty: true).encode(Out(anchor: anchorDate.description, times: all))
            print(String(decoding: data, as: UTF8.self))
        } else if all.isEmpty {
            StandardError.line("linimasa: no time expression found")
        }
    }

    /// Today's date in the machine's time zone: the only place "now" is read.
    static func today() -> CivilDate {
        let c = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return CivilDate(year: c.year!, month: c.month!, day: c.day!)!
    }
}
