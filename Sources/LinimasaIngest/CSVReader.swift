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

    /// Cuts CSV bytes into records of fields as the bytes arrive (RFC 4180: quotes are honoured
    /// across line breaks and across pieces; `\r\n` ends a record as `\n` does). A record over
    /// `limit` bytes is read past without its fields being kept, and handed on as over the limit,
    /// so memory follows the largest record, not the file.
    struct Records {
        let separator: UInt8
        let limit: Int
        private var field: [UInt8] = []
        /// Bytes of the field read so far (kept or not): where an opening quote may stand.
        private var fieldLength = 0
        private var record: [String] = []
        private var recordBytes = 0
        private var quoted = false
        /// A quote read inside quotes: the next byte says whether it is a doubled quote or the end.
        private var quoteInQuotes = false
        /// A record just ended at a CR: a LF right after belongs to it.
        private var afterCR = false

        init(separator: UInt8, limit: Int) {
            self.separator = separator
            self.limit = limit
        }

        /// Hands each whole record (its fields, and whether it was over the limit) to `emit`; a blank
        /// line is no record.
        mutating func feed(_ input: [UInt8], _ emit: ([String], Bool) throws -> Void) rethrows {
            let quote = UInt8(ascii: "\"")
            for b in input {
                if afterCR {
                    afterCR = false
                    if b == 0x0A { continue }
                }
                if quoted {
                    if !quoteInQuotes {
                        if b == quote { quoteInQuotes = true } else { append(b) }
                        continue
                    }
                    quoteInQuotes = false
                    if b == quote {
                        append(quote)
                        continue
                    }
                    // The quotes closed; this byte is read outside them.
                    quoted = false
                }
                if b == quote && fieldLength == 0 {
                    quoted = true
                } else if b == separator {
                    endField()
                } else if b == 0x0A || b == 0x0D {
                    try endRecord(emit)
                    afterCR = b == 0x0D
                } else {
                    append(b)
                }
            }
        }

        /// The last record, when the input does not end with a line break.
        mutating func finish(_ emit: ([String], Bool) throws -> Void) rethrows {
            quoted = false
            quoteInQuotes = false
            if fieldLength > 0 || !record.isEmpty { try endRecord(emit) }
        }

        private mutating func append(_ b: UInt8) {
            fieldLength += 1
            recordBytes += 1
            if recordBytes <= limit { field.append(b) }
        }

        private mutating func endField() {
            record.append(recordBytes > limit ? "" : String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            fieldLength = 0
        }

        private mutating func endRecord(_ emit: ([String], Bool) throws -> Void) rethrows {
            endField()
            let over = recordBytes > limit
            let fields = record
            record.removeAll()
            recordBytes = 0
            if !(fields.count == 1 && fields[0].isEmpty) { try emit(fields, over) }
        }
    }

    /// The separator the header line uses most: comma, semicolon or tab.
    static func separator(_ bytes: [UInt8]) -> UInt8 {
        let header = bytes.prefix { $0 != 0x0A }
        let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09]
        return candidates.max { a, b in header.filter { $0 == a }.count < header.filter { $0 == b }.count } ?? UInt8(ascii: ",")
    }

    /// Every row of CSV bytes in memory as a document or the reason it is not one; a file without a
    /// usable header is one failure. Read as a file is (`InputReader.streamCSV`), its bytes one piece.
    public func read(_ bytes: [UInt8], source: String, baseID: String, limit: Int = Int.max) -> [InputReader.Item] {
        var items: [InputReader.Item] = []
        InputReader(configuration: .init(maxFileBytes: limit, csv: self)).streamCSV(
            bytes, { nil }, rewind: { InputReader.chunks(of: bytes) }, source: source, baseID: baseID
        ) { items.append($0) }
        return items
    }

    /// A CSV file's rows as they are read, a piece of its bytes at a time.
    ///
    /// With `order` nil the rows are only read for their dates' order (`votedOrder`: the whole
    /// published column decides it), and nothing is handed on; a file is read so once, then again
    /// with that order for its documents.
    struct Rows {
        let reader: CSVReader
        let source: String
        let baseID: String
        let limit: Int
        let order: DateOrder?
        /// The bytes before the header line's end, which says the separator.
        private var head: [UInt8] = []
        private var records: Records? = nil
        private var line = 0
        private var header: [String] = []
        private var index: [String: Int] = [:]
        /// The header could not be used: its failure was handed on and the rest is passed over.
        private var refused = false
        private var votes = OrderVotes()

        init(_ reader: CSVReader, source: String, baseID: String, limit: Int, order: DateOrder?) {
            self.reader = reader
            self.source = source
            self.baseID = baseID
            self.limit = limit
            self.order = order
        }

        var votedOrder: DateOrder { votes.order }

        mutating func feed(_ bytes: [UInt8], _ body: (InputReader.Item) throws -> Void) rethrows {
            guard var r = records else {
                head += bytes
                guard bytes.contains(0x0A) || head.count > limit else { return }
                try start(body)
                return
            }
            records = nil
            defer { records = r }
            try r.feed(bytes) { fields, over in try row(fields, over: over, body) }
        }

        mutating func finish(_ body: (InputReader.Item) throws -> Void) rethrows {
            if records == nil { try start(body) }
            guard var r = records else { return }
            records = nil
            try r.finish { fields, over in try row(fields, over: over, body) }
            if line == 0, order != nil { try body(.failure(IngestError(.empty, source: source, "is empty"))) }
        }

        /// The header line is in `head` (or the input ended): the separator is known.
        private mutating func start(_ body: (InputReader.Item) throws -> Void) rethrows {
            var bytes = head
            head = []
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            var r = Records(separator: CSVReader.separator(bytes), limit: limit)
            try r.feed(bytes) { fields, over in try row(fields, over: over, body) }
            records = r
        }

        private mutating func row(_ fields: [String], over: Bool, _ body: (InputReader.Item) throws -> Void) rethrows {
            line += 1
            guard !refused else { return }
            if line == 1 {
                switch reader.columns(of: fields, source: source, over: over, limit: limit) {
                case .success(let columns):
                    header = fields
                    index = columns
                case .failure(let problem):
                    refused = true
                    if order != nil { try body(.failure(problem)) }
                }
                return
            }
            guard let order else {
                if !over, let k = index["published"], k < fields.count { votes.add(fields[k]) }
                return
            }
            if over {
                try body(.failure(IngestError(.tooLarge, source: "\(source):\(line)", "over the limit of \(limit) bytes for one article (--max-bytes)")))
                return
            }
            try body(reader.item(fields, line: line, header: header, index: index, order: order, source: source, baseID: baseID))
        }
    }

    /// Which column holds each field, by the header's names (`columns` first, then the defaults); or
    /// why the header cannot be read: over the limit, a column the user named missing, no text column.
    func columns(of header: [String], source: String, over: Bool, limit: Int) -> Result<[String: Int], IngestError> {
        if over { return .failure(IngestError(.tooLarge, source: source, "has a header line over the limit of \(limit) bytes for one article")) }
        let lower = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var index: [String: Int] = [:]
        for field in Self.fields {
            if let named = columns.names[field] {
                guard let k = lower.firstIndex(of: named.lowercased()) else {
                    return .failure(
                        IngestError(.malformedJSON, source: source, "has no column \"\(named)\" (--csv-columns \(field)=\(named)); its columns: \(header.joined(separator: ", "))"))
                }
                index[field] = k
            } else if let k = lower.firstIndex(where: { Self.defaults[field]!.contains($0) }) {
                index[field] = k
            }
        }
        guard index["text"] != nil else {
            return .failure(
                IngestError(.missingText, source: source, "has no text column (named text, body, content or isi; or say which with --csv-columns text=NAME); its columns: \(header.joined(separator: ", "))"))
        }
        return .success(index)
    }

    /// One row as a document, or the reason it is not one.
    func item(
        _ row: [String], line: Int, header: [String], index: [String: Int], order: DateOrder, source: String, baseID: String
    ) -> InputReader.Item {
        func value(_ field: String) -> String? {
            guard let k = index[field], k < row.count else { return nil }
            let v = row[k].trimmingCharacters(in: .whitespacesAndNewlines)
            return v.isEmpty ? nil : v
        }
        let where_ = "\(source):\(line)"
        guard let text = value("text") else {
            return .failure(IngestError(.missingText, source: where_, "has no text in column \"\(header[index["text"]!])\""))
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
        return .document(
            TextDecoding.repairingMojibake(
                RawDocument(id: id, source: where_, text: TextDecoding.normalizingNewlines(text), given: given, notes: notes)))
    }

    /// What a published column's values say of their order, value by value: a second part over 12
    /// in any `a/b/yyyy` value means month first; a first part over 12 means day first.
    struct OrderVotes {
        var dayFirst = false
        var monthFirst = false
        mutating func add(_ v: String) {
            let parts = v.split { !$0.isNumber }.prefix(3).compactMap { Int($0) }
            guard parts.count == 3, parts[0] <= 31, parts[2] > 31 || parts[2] < 100 else { return }
            if parts[0] > 12 { dayFirst = true }
            if parts[1] > 12 { monthFirst = true }
        }
        /// Day first unless the column shows otherwise.
        var order: DateOrder { monthFirst && !dayFirst ? .monthFirst : .dayFirst }
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
