import Foundation
import LinimasaCore

/// `linimasa timeline`'s output: the timeline and the inputs that could not be read.
public struct TimelineReport: Sendable, Codable {
    public var stories: [Story]
    public var articles: [ArticleRef]
    public var skipped: [Skipped]
    public init(_ t: Timeline, skipped: [Skipped]) {
        self.stories = t.stories
        self.articles = t.articles
        self.skipped = skipped
    }
}

/// Renders a timeline as JSON, Markdown or one self-contained HTML page.
public enum TimelineRendering {
    public static func json(_ report: TimelineReport) throws -> String {
        String(decoding: try Rendering.jsonEncoder(pretty: true).encode(report), as: UTF8.self)
    }

    /// Stories with more events than this show only their most mentioned ones (and say so).
    public static let eventsShown = 12

    /// The events of a story worth showing: all of them, or the most mentioned and most reported
    /// `eventsShown`, in date order.
    public static func shownEvents(_ s: Story) -> [Event] {
        guard s.events.count > eventsShown else { return s.events }
        let keep = Set(
            s.events.indices.sorted { a, b in
                let x = s.events[a], y = s.events[b]
                let sx = x.mentions + x.articles.count, sy = y.mentions + y.articles.count
                return sx != sy ? sx > sy : a < b
            }.prefix(eventsShown))
        return s.events.indices.filter { keep.contains($0) }.map { s.events[$0] }
    }

    public static func markdown(_ t: Timeline) -> String {
        let refs = Dictionary(t.articles.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var out = ""
        for s in t.stories {
            out += "# \(s.title)\n\n"
            if !s.keywords.isEmpty { out += "Names: \(s.keywords.joined(separator: ", ")) · " }
            out += "\(s.articles.count) article\(s.articles.count == 1 ? "" : "s"), \(s.events.count) event\(s.events.count == 1 ? "" : "s")\n\n"
            let people = s.entities.filter { $0.kind == "PER" }.prefix(8)
            if !people.isEmpty {
                out += "Who: " + people.map { p in p.name + (p.roles.first.map { " (\($0))" } ?? "") }.joined(separator: ", ") + "\n\n"
            }
            if !s.sources.isEmpty {
                out += "Sources: " + s.sources.map { "\($0.outlet) cites \($0.sources.joined(separator: ", "))" }.joined(separator: "; ") + "\n\n"
            }
            let shown = shownEvents(s)
            if shown.count < s.events.count { out += "_Showing the \(shown.count) most reported of \(s.events.count) events._\n\n" }
            for e in shown {
                out += "## \(e.date ?? "undated") — \(e.title)\n\n"
                let lines = e.summary.filter { $0 != e.title }
                for line in lines { out += "> \(line)\n>\n" }
                if !lines.isEmpty {
                    out.removeLast(2)
                    out += "\n"
                }
                if !e.sources.isEmpty { out += "Sources cited: \(e.sources.joined(separator: ", "))\n\n" }
                for d in e.disagreements {
                    out += "**Outlets disagree on the \(d.about):** "
                    out += d.claims.map { c in "\(c.value) (\(c.outlets.isEmpty ? c.articles.joined(separator: ", ") : c.outlets.joined(separator: ", ")))" }.joined(separator: " vs ")
                    out += "\n"
                    for c in d.claims { for sentence in c.sentences.prefix(1) { out += "- \(c.value): “\(sentence)”\n" } }
                    out += "\n"
                }
                for q in e.quotes.filter({ $0.direct && $0.speaker != nil }).prefix(3) {
                    out += "- \(q.speaker!): “\(q.text)” (\(q.outlet ?? q.article))\n"
                }
                if e.quotes.contains(where: { $0.direct && $0.speaker != nil }) { out += "\n" }
                let copies = Dictionary(e.duplicates.map { ($0[1], $0[0]) }, uniquingKeysWith: { a, _ in a })
                for id in e.articles {
                    let r = refs[id]
                    var line = "- \(r?.outlet ?? "unknown outlet"), \(r?.published ?? "publication time unknown"): " + (r?.title.map { "\($0) (`\(id)`)" } ?? "`\(id)`")
                    if let o = copies[id] { line += " — copy of `\(o)`" }
                    out += line + "\n"
                }
                out += "\n"
            }
        }
        return out
    }

    public static func html(_ t: Timeline) -> String {
        let refs = Dictionary(t.articles.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var body = ""
        for s in t.stories {
            body += "<section class=\"story\"><h2>\(esc(s.title))</h2>"
            body += "<p class=\"meta\">\(s.articles.count) articles · \(s.events.count) events · \(esc(s.keywords.joined(separator: ", ")))</p>"
            let people = s.entities.filter { $0.kind == "PER" }.prefix(8)
            if !people.isEmpty {
                body += "<p class=\"meta\">Who: " + people.map { p in esc(p.name + (p.roles.first.map { " (\($0))" } ?? "")) }.joined(separator: ", ") + "</p>"
            }
            if !s.sources.isEmpty {
                body += "<p class=\"meta\">Sources: " + s.sources.map { esc("\($0.outlet) cites \($0.sources.joined(separator: ", "))") }.joined(separator: "; ") + "</p>"
            }
            body += "<ol class=\"events\">"
            for e in shownEvents(s) {
                body += "<li><time>\(esc(e.date ?? "undated"))</time><h3>\(esc(e.title))</h3>"
                body += e.summary.filter { $0 != e.title }.map { "<p>\(esc($0))</p>" }.joined()
                if !e.sources.isEmpty { body += "<p class=\"meta\">Sources cited: \(esc(e.sources.joined(separator: ", ")))</p>" }
                for d in e.disagreements {
                    body += "<div class=\"conflict\"><b>Outlets disagree on the \(esc(d.about)):</b><ul>"
                    for c in d.claims {
                        body += "<li><b>\(esc(c.value))</b> — \(esc((c.outlets.isEmpty ? c.articles : c.outlets).joined(separator: ", ")))"
                        if let sentence = c.sentences.first { body += ": “\(esc(sentence))”" }
                        body += "</li>"
                    }
                    body += "</ul></div>"
                }
                for q in e.quotes.filter({ $0.direct && $0.speaker != nil }).prefix(3) {
                    body += "<blockquote>“\(esc(q.text))” <cite>— \(esc(q.speaker!)), \(esc(q.outlet ?? q.article))</cite></blockquote>"
                }
                let copies = Dictionary(e.duplicates.map { ($0[1], $0[0]) }, uniquingKeysWith: { a, _ in a })
                body += "<details><summary>\(e.articles.count) report\(e.articles.count == 1 ? "" : "s"): \(esc(e.outlets.joined(separator: ", ")))</summary><ul>"
                for id in e.articles {
                    let r = refs[id]
                    body += "<li><b>\(esc(r?.outlet ?? "unknown outlet"))</b> \(esc(r?.published ?? "")) — \(esc(r?.title ?? id))"
                    if let o = copies[id] { body += " <span class=\"copy\">copy of \(esc(o))</span>" }
                    body += "</li>"
                }
                body += "</ul></details></li>"
            }
            body += "</ol></section>"
        }
        return """
            <!doctype html>
            <html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Linimasa</title>
            <style>
            body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222}
            h2{border-bottom:2px solid #246;padding-bottom:.2rem}
            .meta{color:#666}
            ol.events{list-style:none;padding:0;border-left:3px solid #9ab;margin-left:.5rem}
            ol.events>li{padding:0 0 1rem 1rem;position:relative}
            ol.events>li::before{content:"";position:absolute;left:-.55rem;top:.4rem;width:.7rem;height:.7rem;border-radius:50%;background:#246}
            time{font-weight:600;color:#246}
            h3{margin:.2rem 0;font-size:1.05rem}
            .copy{color:#a50;font-size:.9em}
            .conflict{background:#fff4e5;border-left:3px solid #c60;padding:.3rem .6rem;margin:.4rem 0}
            blockquote{margin:.3rem 0 .3rem 1rem;color:#333;font-style:italic}
            cite{font-style:normal;color:#666}
            </style></head><body><h1>Linimasa</h1>
            \(body)
            </body></html>

            """
    }

    /// Text made safe inside HTML (elements and attribute values).
    /// Every `&`, `<`, `>` and `"` is replaced, wherever it stands (also before a combining mark),
    /// over the UTF-8 bytes: the four are ASCII and never part of another character's bytes.
    public static func esc(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 }) else { return s }
        var o: [UInt8] = []
        o.reserveCapacity(s.utf8.count + 32)
        for b in s.utf8 { appendEscaped(b, to: &o) }
        return String(decoding: o, as: UTF8.self)
    }

    /// Appends the byte, or its character reference when it is `&`, `<`, `>` or `"` (what `esc`
    /// does to each byte; the store's snippets escape with it too).
    @inline(__always) public static func appendEscaped(_ b: UInt8, to o: inout [UInt8]) {
        switch b {
        case 0x26: o += "&amp;".utf8
        case 0x3C: o += "&lt;".utf8
        case 0x3E: o += "&gt;".utf8
        case 0x22: o += "&quot;".utf8
        default: o.append(b)
        }
    }

    /// The entity list as a Markdown table.
    public static func entitiesMarkdown(_ list: [EntitySummary]) -> String {
        var out = "| entity | kind | names seen | roles | mentions | articles | events |\n|---|---|---|---|---|---|---|\n"
        func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
        for e in list {
            out += "| \(cell(e.name)) | \(e.kind) | \(cell(e.aliases.joined(separator: ", "))) | \(cell(e.roles.joined(separator: "; "))) | \(e.mentions) | \(e.articles.count) | \(e.events.count) |\n"
        }
        return out
    }
}
