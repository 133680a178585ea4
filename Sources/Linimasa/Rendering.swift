import Foundation
import LinimasaCore

/// The batch result of `analyze`: the articles read and the inputs skipped, with why.
/// What `linimasa entities --format json` prints.
public struct EntitiesReport: Sendable, Codable {
    public var entities: [EntitySummary]
    public var skipped: [Skipped]
    public init(entities: [EntitySummary], skipped: [Skipped]) {
        self.entities = entities
        self.skipped = skipped
    }
}

public struct AnalysisReport: Sendable, Codable {
    public var articles: [Article]
    public var skipped: [Skipped]
    public init(articles: [Article], skipped: [Skipped]) {
        self.articles = articles
        self.skipped = skipped
    }
}

/// Renders analysis results as JSON, JSON lines or Markdown.
public enum Rendering {
    public static func jsonEncoder(pretty: Bool) -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return e
    }

    public static func json(_ report: EntitiesReport) throws -> String {
        String(decoding: try jsonEncoder(pretty: true).encode(report), as: UTF8.self)
    }

    public static func json(_ report: AnalysisReport) throws -> String {
        String(decoding: try jsonEncoder(pretty: true).encode(report), as: UTF8.self)
    }

    /// One article as it stands in the `articles` list of `json(_:)`'s document: pretty-printed and
    /// indented to its place, so that articles can be rendered apart (on worker threads) and joined.
    public static func reportPiece(_ article: Article) throws -> String {
        // The article's compact JSON (the encoder's bytes, `compactJSON`) laid out as the pretty encoder
        // lays it out, each line that is not empty indented four spaces more: the encoder's tree of
        // boxed values and splitting its text into Characters were a third of `analyze`'s time.
        String(decoding: JSONBytes.prettyPrinted(article.compactJSONBytes(), indent: 4), as: UTF8.self)
    }

    /// The document `json(_:)` makes for `report` with `pieces` (from `reportPiece`) as its articles,
    /// byte for byte, in parts to be written one after another. `report.articles` is not read.
    public static func json(_ report: AnalysisReport, pieces: [String]) throws -> [String] {
        let empty = try json(AnalysisReport(articles: [], skipped: report.skipped))
        let hole = "\"articles\" : [\n\n  ]"
        guard !pieces.isEmpty, let r = empty.range(of: hole) else { return [empty] }
        var parts = [String(empty[..<r.lowerBound]) + "\"articles\" : [\n"]
        for (k, p) in pieces.enumerated() { parts.append(k == pieces.count - 1 ? p : p + ",\n") }
        parts.append("\n  ]" + empty[r.upperBound...])
        return parts
    }

    /// One article as one line of JSON (what `jsonEncoder(pretty: false)` writes, written directly).
    public static func jsonLine(_ article: Article) throws -> String { article.compactJSON() }

    /// A human-readable page for one article.
    public static func markdown(_ a: Article) -> String {
        var s = "## \(a.title ?? "(no title)")\n\n"
        s += "- id: `\(a.id)` (\(a.source)), language: \(a.language.rawValue)\n"
        s += "- outlet: \(a.outlet ?? "—"); author: \(a.author ?? "—"); dateline: \(a.dateline ?? "—")\n"
        s += "- published: \(a.published.value ?? "unknown") (\(a.published.method.rawValue)"
        if let e = a.published.evidence { s += ": \(e)" }
        s += ")\n"
        for n in a.notes { s += "- note: \(n)\n" }
        s += "\n"
        for p in a.body { s += p + "\n\n" }
        if !a.times.isEmpty {
            s += "### Time expressions\n\n| text | value | granularity |\n|---|---|---|\n"
            for t in a.times { s += "| \(escape(t.text)) | \(t.value) | \(t.granularity.rawValue) |\n" }
            s += "\n"
        }
        if !a.entities.isEmpty {
            s += "### Entities\n\n| name | kind | names seen | roles | mentions |\n|---|---|---|---|---|\n"
            for e in a.entities {
                s += "| \(escape(e.canonical)) | \(e.kind) | \(escape(e.aliases.joined(separator: ", "))) | \(escape(e.roles.joined(separator: "; "))) | \(e.mentions.count) |\n"
            }
            s += "\n"
        }
        if !a.quotes.isEmpty {
            s += "### Quotes\n\n"
            for q in a.quotes {
                let words = q.direct ? "“\(q.text)”" : q.text
                s += "- \(q.speaker ?? "(speaker unknown)")\(q.verb.map { " (\($0))" } ?? ""): \(words)\n"
            }
            s += "\n"
        }
        if !a.citations.isEmpty {
            s += "Sources cited: " + a.citations.map { "\($0.outlet) (“\($0.phrase)”)" }.joined(separator: ", ") + "\n\n"
        }
        if !a.removed.isEmpty {
            s += "### Removed\n\n| reason | text |\n|---|---|\n"
            for r in a.removed { s += "| \(r.reason.rawValue) | \(escape(String(r.text.prefix(160)))) |\n" }
            s += "\n"
        }
        s += "\(a.sentences.count) sentences.\n\n"
        return s
    }

    static func escape(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
}
