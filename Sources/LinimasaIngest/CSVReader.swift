import Foundation
import LinimasaCore

/// CSV files with a header row (RFC 4180: fields in double quotes may hold commas, line breaks and
/// doubled quotes; `,` `;` or tab as the separator, whichever the header uses most). Each row is
/// one article: the text from a column named text, body, content, isi, artikel or konten; title,
/// url, published, outlet and id from columns named for them (in English or Indonesian), or as
/// `--csv-columns text=isi,title=judul` says. Dates are read as the file writes them: ISO forms as
/// they are, `dd/mm/yyyy` or `mm/dd/yyyy` as stated (`--csv-date-order`) or as the whole column
/// shows (a first part over 12 anywhere means day first).
public struct CSVReader: Sendable {
    public enum DateOrder: String, Sendable, CaseIterable { case dayFirst = "dmy", monthFirst = "mdy", auto }

    public struct Columns: Sendable, Equatable {
        /// Field (`text`, `title`, `url`, `published`, `outlet`, `id`) → column name, as the user gives it.
        public var names: [String: String]
        public init(_ names: [String: String] = [:]) { self.names = names }

        /// Parses `text=isi,title=judul`; nil when a part is not `field=column` or names an unknown field.
        public init?(spec: String) {
            var names: [String: String] = [:]
            for part in spec.split(separator: ",") {
                let kv = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard kv.count == 2, CSVReader.fields.contains(kv[0].lowercased()), !kv[1].isEmpty else { return nil }
                names[kv[0].lowercased()] = kv[1]
            }
            self.names = names
        }
    }

    static let fields = ["text", "title", "url", "published", "outlet", "id", "author"]
    /// Header names understood without being told, per field (lower case).
    static let defaults: [String: [String]] = [
        "text": ["text", "body", "content", "isi", "artikel", "konten", "article", "isi_berita", "berita", "full_text"],
        "title": ["title", "judul", "headline", "judul_berita"],
        "url": ["url", "link", "tautan", "source_url"],
        "published": ["published", "date", "tanggal", "published_at", "publish_date", "waktu", "datetime", "pubdate", "time"],
        "outlet": ["outlet", "media", "source", "sumber", "publisher", "site", "portal"],
        "id": ["id", "article_id", "guid", "uid"],
        "author": ["author", "penulis", "reporter", "byline"],
    ]

    public var columns: Columns
    public var dateOrder: DateOrder
    public init(columns: Columns = Columns(), dateOrder: DateOrder = .auto) {
        self.columns = columns
        self.dateOrder = dateOrder
    }

    /// Splits CSV bytes into records of fields. Quotes are honoured across line breaks; `\r\n` ends a record as `\n` does.
    static func records(_ bytes: [UInt8], separator: UInt8) -> [[String]] {
        var out: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var k = 0
        let quote = UInt8(ascii: "\"")
        func endField() {
            record.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        while k < bytes.count {
            let b = bytes[k]
            if quoted {
                if b == quote {
                    if k + 1 < bytes.count, bytes[k + 1] == quote {
                        field.append(quote)
                        k += 2
                        continue
                    }
                    quoted = false
                } else {
                    field.append(b)
                }
            } else if b == quote && field.isEmpty {
                quoted = true
            } else if b == separator {
                endField()
            } else if b == 0x0A || b == 0x0D {
                endField()
                if !(record.count == 1 && record[0].isEmpty) { out.append(record) }
                record.removeAll()
                if b == 0x0D, k + 1 < bytes.count, bytes[k + 1] == 0x0A { k += 1 }
            } else {
                field.append(b)
            }
            k += 1
        }
        if !field.isEmpty || !record.isEmpty {
            endField()
            if !(record.count == 1 && record[0].isEmpty) { out.append(record) }
        }
        return out
    }

    /// The separator the header line uses most: comma, semicolon or tab.
    static func separator(_ bytes: [UInt8]) -> UInt8 {
        let header = bytes.prefix { $0 != 0x0A }
        let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09]
        return candidates.max { a, b in header.filter { $0 == a }.count < header.filter { $0 == b }.count } ?? UInt8(ascii: ",")
    }

    /// Every row as a document or the reason it is not one; a file without a usable header is one failure.
    public func read(_ bytes: [UInt8], source: String, baseID: String) -> [InputReader.Item] {
        var bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let rows = Self.records(bytes, separator: Self.separator(bytes))
        guard let header = rows.first else { return [.failure(IngestError(.empty, source: source, "is empty"))] }
        let lower = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var index: [String: Int] = [:]
        for field in Self.fields {
            if let named = columns.names[field] {
                guard let k = lower.firstIndex(of: named.lowercased()) else {
                    return [.failure(IngestError(.malformedJSON, source: source, "has no column \"\(named)\" (--csv-columns \(field)=\(named)); its columns: \(header.joined(separator: ", "))"))]
                }
                index[field] = k
            } else if let k = lower.firstIndex(where: { Self.defaults[field]!.contains($0) }) {
                index[field] = k
            }
        }
        guard let textColumn = index["text"] else {
            return [.failure(IngestError(.missingText, source: source, "has no text column (named text, body, content or isi; or say which with --csv-columns text=NAME); its columns: \(header.joined(separator: ", "))"))]
        }
        let body = rows.dropFirst()
        let order: DateOrder = dateOrder == .auto ? Self.inferOrder(index["published"].map { k in body.compactMap { $0.count > k ? $0[k] : nil } } ?? []) : dateOrder
        var items: [InputReader.Item] = []
        for (n, row) in body.enumerated() {
            let line = n + 2
            func value(_ field: String) -> String? {
                guard let k = index[field], k < row.count else { return nil }
                let v = row[k].trimmingCharacters(in: .whitespacesAndNewlines)
                return v.isEmpty ? nil : v
            }
            let where_ = "\(source):\(line)"
            guard let text = value("text") else {
                items.append(.failure(IngestError(.missingText, source: where_, "has no text in column \"\(header[textColumn])\"")))
                continue
            }
            var notes: [String] = []
            var published: String? = nil
            if let raw = value("published") {
                published = Self.isoDate(raw, order: order)
                if published == nil { notes.append("the date \"\(raw)\" could not be read") }
            }
            let given = GivenFields(
                url: value("url"), title: value("title").map(TextDecoding.normalizingNewlines), published: published,
                outlet: value("outlet"), author: value("author"), publishedSource: published != nil ? "CSV column \"\(header[index["published"]!])\"" : nil)
            let id = value("id") ?? "\(baseID)-\(line)"
            items.append(
                .document(
                    TextDecoding.repairingMojibake(
                        RawDocument(id: id, source: where_, text: TextDecoding.normalizingNewlines(text), given: given, notes: notes))))
        }
        return items
    }

    /// Day first unless the column shows otherwise: a second part over 12 in any `a/b/yyyy` value
    /// means month first; a first part over 12 means day first.
    static func inferOrder(_ values: [String]) -> DateOrder {
        var dayFirst = false, monthFirst = false
        for v in values {
            let parts = v.split { !$0.isNumber }.prefix(3).compactMap { Int($0) }
            guard parts.count == 3, parts[0] <= 31, parts[2] > 31 || parts[2] < 100 else { continue }
            if parts[0] > 12 { dayFirst = true }
            if parts[1] > 12 { monthFirst = true }
        }
        return monthFirst && !dayFirst ? .monthFirst : .dayFirst
    }

    /// `2024-01-15`, `2024-01-15 09:30:00`, `2024-01-15T09:30:00+07:00` as they are (a space made
    /// `T`); `15/01/2024 09:30` and `15-01-2024` in the given order; nil for anything else.
    static func isoDate(_ raw: String, order: DateOrder) -> String? {
        let s = raw.trimmingCharacters(in: .whitespaces)
        if s.count >= 10, CivilDate(iso: s.prefix(10)) != nil {
            return s.count == 10 ? String(s.prefix(10)) : String(s.prefix(10)) + "T" + s.dropFirst(11)
        }
        let parts = s.split { !$0.isNumber }.map { Int($0) ?? -1 }
        guard parts.count >= 3 else { return nil }
        var (d, m, y) = order == .monthFirst ? (parts[1], parts[0], parts[2]) : (parts[0], parts[1], parts[2])
        if y < 100 { y += 2000 }
        guard (1...31).contains(d), (1...12).contains(m), (1900...2100).contains(y) else { return nil }
        let day = String(format: "%04d-%02d-%02d", y, m, d)
        guard CivilDate(iso: day[...]) != nil else { return nil }
        if parts.count >= 5, (0...23).contains(parts[3]), (0...59).contains(parts[4]) {
            return day + String(format: "T%02d:%02d:00", parts[3], parts[4])
        }
        return day
    }
}
