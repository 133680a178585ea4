import Foundation
import LinimasaCore
import LinimasaText

/// What a saved web page holds: the article's own paragraphs, every block left out with its reason,
/// and the metadata the page states about itself.
public struct ExtractedPage: Sendable, Hashable {
    public var paragraphs: [String] = []
    public var removed: [RemovedText] = []
    public var title: String?
    public var author: String?
    public var outlet: String?
    /// ISO 8601 as the page states it (`2023-11-02T10:15:00+07:00`, or a day).
    public var published: String?
    /// Where `published` was found ("JSON-LD datePublished", "meta article:published_time", ...).
    public var publishedSource: String?
    public var canonicalURL: String?
    public var language: String?
    /// The short dated line nearest above the article (a visible date line), for the text stage to read.
    public var dateLine: String?

    /// The article as text: the date line first (when the page states no date), then the paragraphs.
    public var text: String {
        let lead = published == nil ? dateLine.map { [$0] } ?? [] : []
        return (lead + paragraphs).joined(separator: "\n\n")
    }
}

/// Finds the article in a web page: a readability-style choice of the element that holds most
/// running text (paragraphs scored by length and commas, credited to their parent and grandparent,
/// discounted by link density and by class names that say comment, share, related or ad), its
/// siblings that are text too, and within them every block kept in order except link lists,
/// captions and what class names mark as page furniture. Metadata comes from JSON-LD
/// (NewsArticle and kin), OpenGraph and article meta tags, `<time>`, the canonical link, `<html
/// lang>` and the URL's own date.
public enum PageExtractor {
    /// nil when the bytes are not a page with an article (no text anywhere).
    public static func extract(_ bytes: [UInt8], url: String? = nil) -> ExtractedPage? {
        guard let doc = HTMLDocument(bytes, url: url), let root = doc.root else { return nil }
        var page = ExtractedPage()
        let metadata = PageMetadata.read(root, url: url)
        page.title = metadata.title
        page.author = metadata.author
        page.outlet = metadata.outlet
        page.published = metadata.published
        page.publishedSource = metadata.publishedSource
        page.canonicalURL = metadata.canonical
        page.language = metadata.language

        let (blocks, elements) = BlockCollector.collectWithElements(root)
        guard !blocks.isEmpty else { return nil }
        let chosen = ContentChooser.choose(blocks, elements)
        // The blocks whose text is a paragraph of the article, one a paragraph.
        var keptBlocks: [Int] = []
        let normalizedTitle = page.title.map(Self.normalized)
        for k in blocks.indices {
            let b = blocks[k]
            if chosen.contains(k) {
                if let reason = b.reason ?? inContentReason(b, title: page.title) {
                    page.removed.append(RemovedText(text: b.text, reason: reason))
                } else {
                    keptBlocks.append(k)
                    page.paragraphs.append(b.text)
                }
            } else {
                let isTitle = b.tag.hasPrefix("h") && normalizedTitle.map { $0 == Self.normalized(b.text) } == true
                page.removed.append(RemovedText(text: b.text, reason: isTitle ? .title : b.reason ?? outsideReason(b)))
            }
        }
        // The article's element may end with furniture: its widgets' labels ("Rating ( voters)",
        // "Vote Photo", "More Photos": a line of three words or fewer that is no sentence), the
        // credits a theme splits into a label and its value ("Editor" | ": Agung Kurniawan"), and a
        // copyright line ("COPYRIGHT © ANTARA 2016").
        var afterCreditValue = false
        while page.paragraphs.count > 1, let last = page.paragraphs.last {
            let reason: RemovalReason
            if last.hasPrefix(":") && last.utf8.count <= 40 {
                reason = .byline
            } else if last.utf8.count <= 60 && (last.lowercased().hasPrefix("copyright") || last.contains("©")) {
                reason = .footer
            } else if Self.isControlLabel(last) {
                // A one-word label whose value was just taken as a credit is part of the credit.
                reason = afterCreditValue && !last.contains(" ") ? .byline : .callToAction
            } else {
                break
            }
            afterCreditValue = reason == .byline && last.hasPrefix(":")
            page.removed.append(RemovedText(text: last, reason: reason))
            page.paragraphs.removeLast()
            keptBlocks.removeLast()
        }
        // A short line whose every word the paragraph before it has adds nothing to the text: on
        // photo and gallery pages it is the caption said again, shorter ("PT PLN resmi
        // mengoperasikan Gardu Induk (GI) 150 kV Milenium." after the full caption).
        // Words are counted first, up to 21, so that only short lines are split.
        var k = 1
        while k < page.paragraphs.count {
            if Self.wordCount(page.paragraphs[k], atMost: 21) <= 20 {
                let these = Self.words(page.paragraphs[k])
                if these.count >= 4 && these.count <= 20 && these.allSatisfy(Set(Self.words(page.paragraphs[k - 1])).contains) {
                    page.removed.append(RemovedText(text: page.paragraphs[k], reason: .photoCaption))
                    page.paragraphs.remove(at: k)
                    keptBlocks.remove(at: k)
                    continue
                }
            }
            k += 1
        }
        guard !page.paragraphs.isEmpty else { return nil }
        let monthFirst = page.language == "en"
        // How much the day chosen so far rests on: the stated times that agree on it, or 1 for a date line.
        var support = metadata.publishedWeight
        // Short blocks before the article with a year in them; a date line is one not mostly links.
        let aboveArticle = keptBlocks.first.map { first in
            blocks[..<first].suffix(12).filter { b in b.text.utf8.count <= 90 && Self.hasYear(b.text) }
        } ?? []
        let dated = aboveArticle.filter { b in b.linkChars * 2 < b.text.utf8.count }.map(\.text)
        page.dateLine = dated.last
        // A time the metadata gives in UTC ("2023-11-09T03:28:35Z") falls on the next or previous
        // day in the outlet's own zone when it is near midnight there. Where the outlet's country
        // says the zone (its address or its language, `LocalZone`), the time is read in it, unless
        // the page shows the UTC day beside it (`<time datetime="…T23:07:45+00:00">26/12/2019</time>`:
        // a local time written as UTC). Elsewhere the day the page shows its readers is that local
        // day, when it is one day off and a zone could put it there (within 14 hours ahead or 12
        // behind: 13:01 UTC is the next day almost nowhere).
        if let meta = page.published, Self.isUTC(meta), let metaDay = CivilDate(iso: meta.prefix(10)) {
            if let country = LocalZone.country(url: page.canonicalURL ?? url, language: page.language),
                let local = LocalZone.local(meta, country: country)
            {
                if metadata.publishedShown.flatMap({ VisibleDate.day(in: $0, monthFirst: monthFirst) }) != String(meta.prefix(10)) {
                    page.published = local
                    page.publishedSource = (page.publishedSource ?? "") + " (UTC, read in the time of .\(country))"
                }
            } else {
                let hour = Int(meta.dropFirst(11).prefix(2)) ?? 12
                for line in dated.reversed() {
                    guard let shown = VisibleDate.day(in: line, monthFirst: monthFirst), let day = CivilDate(iso: shown.prefix(10)) else {
                        continue
                    }
                    let shift = day.daysSinceEpoch - metaDay.daysSinceEpoch
                    if (shift == 1 && hour >= 10) || (shift == -1 && hour < 12) {
                        page.published = shown
                        page.publishedSource = "date line \"\(line)\" (the page's own day; its metadata's time \(meta) is UTC)"
                        support = 1
                    }
                    break
                }
            }
        }
        // No date in the page's metadata: the nearest dated line above the article, read in the
        // page's language conventions (day or month first), is its date.
        if page.published == nil {
            for line in dated.reversed() {
                if let day = VisibleDate.day(in: line, monthFirst: monthFirst) {
                    page.published = day
                    page.publishedSource = "date line \"\(line)\""
                    support = 1
                    break
                }
            }
        }
        // A date the page labels as its publication's near the article ("Erschienen am: 13.10.2021",
        // "Datum: 03.02.2022") is what its readers are told: it outweighs stated times of less weight
        // (a bare meta date, an unmarked <time>: `PageMetadata.publishedKeys`) or a date line.
        if let current = page.published, let first = keptBlocks.first,
            let (day, text) = Self.labelledDate(blocks, near: first, within: 12, labels: Self.publicationLabels, monthFirst: monthFirst),
            day.prefix(10) != current.prefix(10), support < 2
        {
            page.published = day
            page.publishedSource = "labelled date \"\(text)\" (against \(page.publishedSource ?? "?"))"
        }
        // Still none: the article opens with its date, alone or after a place ("01.02.2022 „Der
        // Arbeitsmarkt …", "27.1.2022 - Bei der …", "Karlsruhe, (12.11.2021). Traditionell …"), in
        // one of its first four paragraphs (after a heading, a lead and a byline).
        if page.published == nil {
            for p in page.paragraphs.prefix(4) {
                guard let day = Self.openingDate(p, monthFirst: monthFirst) else { continue }
                page.published = day
                page.publishedSource = "date line \"\(p.prefix(40))\" (the article's opening)"
                break
            }
        }
        // Still none: the article's own closing line says when it was written ("Dieser Beitrag wurde
        // am Samstag, 3. Dezember 2011 um … veröffentlicht und unter … abgelegt"), or is the date
        // alone under the writer's signature ("Benni" | "10. September 2017").
        if page.published == nil {
            for p in page.paragraphs.suffix(2).reversed() where p.utf8.count <= 400 {
                let lower = p.lowercased()
                // The date alone: nothing but a month's name besides numbers and punctuation.
                let words = lower.split { !$0.isLetter }
                let alone = words.count <= 1 && words.allSatisfy { VisibleDate.months[String($0)] != nil }
                guard alone || PageExtractor.writtenCues.contains(where: lower.containsBytes),
                    let day = VisibleDate.day(in: p, monthFirst: monthFirst)
                else { continue }
                page.published = day
                page.publishedSource = "date line \"\(p.prefix(60))\" (the article's close)"
                break
            }
        }
        // Still none: a line just after the article that says when it was written ("Dieser Beitrag
        // wurde am Samstag, 3. Dezember 2011 veröffentlicht", "Posted on …"), nearest first.
        if page.published == nil, let last = keptBlocks.last {
            for b in blocks[(last + 1)...].prefix(12) where b.text.utf8.count <= 160 && b.reason != .comments {
                let lower = b.text.lowercased()
                guard PageExtractor.writtenCues.contains(where: lower.containsBytes),
                    let day = VisibleDate.day(in: b.text, monthFirst: monthFirst)
                else { continue }
                page.published = day
                page.publishedSource = "date line \"\(b.text)\""
                break
            }
        }
        // Still none: a date the page labels as its own anywhere ("Erschienen am: 01.11.2023",
        // "Datum: 22.12.2012", "Mise en ligne 23 mai 2019", "last edited 2019-11-10").
        if page.published == nil, let first = keptBlocks.first,
            let (day, text) = Self.labelledDate(blocks, near: first, within: blocks.count, labels: Self.dateLabels, monthFirst: monthFirst)
        {
            page.published = day
            page.publishedSource = "labelled date \"\(text)\""
        }
        // Still none: the nearest short line above the article with a date in it, even one mostly of
        // links (an author's linked name and the day: "Tanja Karrasch3.11.2023").
        if page.published == nil {
            for b in aboveArticle.reversed() {
                guard let day = VisibleDate.day(in: b.text, monthFirst: monthFirst) else { continue }
                page.published = day
                page.publishedSource = "date line \"\(b.text)\""
                break
            }
        }
        // Still none: the day written most often anywhere in the page's source (`PageDateScan`), up
        // to tomorrow (a page is not dated after it is read; a day's slack for the zones).
        if page.published == nil {
            let tomorrow = CivilDate(daysSinceEpoch: Int(Date().timeIntervalSince1970 / 86_400) + 1)
            if let (day, n) = PageDateScan.mostFrequentDay(bytes, monthFirst: monthFirst, latest: tomorrow) {
                page.published = day.description
                page.publishedSource = "the day written most often in the page (\(n) times)"
            }
        }
        return page
    }

    /// A date a short block labels ("Erschienen am: 01.11.2023", "Datum: 22.12.2012"), the block
    /// nearest the article's first (`near`) first (ties: the earlier), at most `within` blocks
    /// away; the date read is the one after the label ("Letzte Änderung: 31.10.2023, Erschienen
    /// am: 01.11.2023"), or in the next block when the label ends its own ("<h5>Datum: </h5>03.11.2021").
    static func labelledDate(_ blocks: [Block], near first: Int, within: Int, labels: [String], monthFirst: Bool) -> (day: String, text: String)? {
        let near = blocks.indices.filter { blocks[$0].text.utf8.count <= 160 && blocks[$0].reason != .comments && abs($0 - first) <= within }
            .sorted { a, b in abs(a - first) != abs(b - first) ? abs(a - first) < abs(b - first) : a < b }
        for k in near {
            let text = blocks[k].text
            for label in labels {
                // The label as a word of its own ("Datum:", not the end of "Erscheinungsdatum:", a book's).
                guard let at = text.range(of: label, options: .caseInsensitive),
                    at.lowerBound == text.startIndex || !text[text.index(before: at.lowerBound)].isLetter
                else { continue }
                var after = String(text[at.upperBound...])
                if after.allSatisfy({ $0 == " " || $0 == ":" }), k + 1 < blocks.count, blocks[k + 1].text.utf8.count <= 40 {
                    after = blocks[k + 1].text
                }
                guard let day = VisibleDate.day(in: after, monthFirst: monthFirst) else { continue }
                return (day, text)
            }
        }
        return nil
    }

    /// The date a paragraph opens with: its first digit within 30 bytes of its start, after
    /// nothing or after a place's name and a comma ("Karlsruhe, (12.11.2021)."), and a whole date
    /// read in the next 24 bytes. A paragraph that opens with words ("Am 12.03.2020 hat …") has none.
    static func openingDate(_ paragraph: String, monthFirst: Bool) -> String? {
        let bytes = Array(paragraph.utf8.prefix(60))
        guard let digit = bytes.firstIndex(where: { $0 >= 0x30 && $0 <= 0x39 }), digit <= 30 else { return nil }
        if digit > 0 {
            // Before the date: one or two capitalised words and a comma, then spaces or "(".
            let head = String(decoding: bytes[..<digit], as: UTF8.self)
            guard let comma = head.firstIndex(of: ","), head[head.index(after: comma)...].allSatisfy({ $0 == " " || $0 == "(" }) else { return nil }
            let place = head[..<comma].split(separator: " ")
            guard (1...2).contains(place.count), place.allSatisfy({ $0.first?.isUppercase == true && $0.allSatisfy(\.isLetter) }) else { return nil }
        }
        let rest = String(decoding: bytes[digit...].prefix(24), as: UTF8.self)
        return VisibleDate.day(in: rest, monthFirst: monthFirst)
    }

    /// A short line that is no sentence: three words or fewer, 30 bytes at most, with no sentence
    /// mark or digit ("Vote Photo", "Form Rating", "Rating ( voters)").
    static func isControlLabel(_ s: String) -> Bool {
        s.utf8.count <= 30 && s.split(separator: " ").count <= 3
            && !s.utf8.contains { $0 == 0x2E || $0 == 0x21 || $0 == 0x3F || $0 == 0x22 || $0 == 0x3A || ($0 >= 0x30 && $0 <= 0x39) || $0 >= 0x80 }
    }

    /// Labels that say a date is the page's own, in the languages the date lines are read in.
    /// Labels of the publication's own date (not of a change).
    static let publicationLabels = [
        "erstellt am", "erschienen am", "veröffentlicht am", "datum:", "published on", "posted on", "mise en ligne", "publié le",
        "pubblicato il", "publicado el", "gepubliceerd op", "diterbitkan", "tanggal:",
    ]

    static let dateLabels = [
        "erstellt am", "erschienen am", "veröffentlicht am", "aktualisiert", "zuletzt am", "zuletzt geändert", "stand:", "datum:",
        "published on", "posted on", "last edited", "last updated", "last revision", "updated:", "mise en ligne", "publié le",
        "mis à jour", "pubblicato il", "publicado el", "gepubliceerd op", "diterbitkan", "diperbarui", "tanggal:",
    ]

    /// Whether an ISO time is given in UTC: a time of day with `Z` or `+00:00`.
    static func isUTC(_ iso: String) -> Bool {
        iso.count > 10 && iso.contains("T") && (iso.hasSuffix("Z") || iso.hasSuffix("+00:00") || iso.hasSuffix("+0000"))
    }

    /// Parses and frees the page only (for `bench extract --parse-only`).
    public static func parseOnly(_ bytes: [UInt8]) -> Bool { HTMLDocument(bytes)?.root != nil }

    /// Whether `s` holds a year of 19xx or 20xx (four digits starting so).
    static func hasYear(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard b.count >= 4 else { return false }
        func digit(_ x: UInt8) -> Bool { x >= 0x30 && x <= 0x39 }
        for k in 0...(b.count - 4) where (b[k] == 0x31 && b[k + 1] == 0x39) || (b[k] == 0x32 && b[k + 1] == 0x30) {
            if digit(b[k + 2]) && digit(b[k + 3]) { return true }
        }
        return false
    }

    /// Words that say a line dates the writing of the page.
    static let writtenCues = [
        "veröffentlicht", "beitrag", "geschrieben", "erstellt", "published", "posted", "written", "diterbitkan", "dipublikasikan",
        "diposting", "publié", "publicado", "pubblicato", "gepubliceerd", "am ", "on ",
    ]

    static func inContentReason(_ b: Block, title: String?) -> RemovalReason? {
        if b.text.utf8.count <= 40, let r = Hints.labels[b.text.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: " :.-|"))] { return r }
        if b.tag == "figcaption" || b.tag == "caption" { return .photoCaption }
        if b.tag == "h1", let title, normalized(b.text) == normalized(title) { return .title }
        let length = b.text.utf8.count
        // A list of links (related stories, tags) inside the article's element.
        if b.linkChars * 10 >= length * 6 && length < 400 { return .relatedLinks }
        return nil
    }

    static func outsideReason(_ b: Block) -> RemovalReason {
        switch b.landmark {
        case "nav": return .navigation
        case "footer": return .footer
        case "aside": return .relatedLinks
        case "header": return .navigation
        default: break
        }
        if b.tag == "figcaption" { return .photoCaption }
        if b.linkChars * 2 >= b.text.utf8.count { return .navigation }
        return .outsideArticle
    }

    /// The letters and digits of a text, in lower case.
    static func normalized(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var inWord = false
        for u in s.lowercased().unicodeScalars {
            inWord = isWordScalar(u, after: inWord)
            if inWord { out.append(u) }
        }
        return String(out)
    }

    /// Whether a scalar belongs to a word: a letter or a digit (as `Character.isLetter` and
    /// `isNumber` say; ASCII read directly, which is most of any page), or a combining mark
    /// inside a word (a decomposed "é" is one letter).
    @inline(__always) static func isWordScalar(_ u: Unicode.Scalar, after inWord: Bool) -> Bool {
        let v = u.value
        if v < 0x80 { return (v | 0x20 >= 0x61 && v | 0x20 <= 0x7A) || (v >= 0x30 && v <= 0x39) }
        switch u.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber, .letterNumber, .otherNumber:
            return true
        case .nonspacingMark, .spacingMark, .enclosingMark:
            return inWord
        default:
            return false
        }
    }

    /// A text's words (runs of letters and digits), in lower case.
    static func words(_ s: String) -> [Substring] {
        let lower = s.lowercased()
        var out: [Substring] = []
        var start: String.Index? = nil
        var inWord = false
        var i = lower.unicodeScalars.startIndex
        while i < lower.unicodeScalars.endIndex {
            inWord = isWordScalar(lower.unicodeScalars[i], after: inWord)
            if inWord, start == nil { start = i } else if !inWord, let s0 = start {
                out.append(lower[s0..<i])
                start = nil
            }
            i = lower.unicodeScalars.index(after: i)
        }
        if let s0 = start { out.append(lower[s0...]) }
        return out
    }

    /// How many words a text has, counted up to `limit`.
    static func wordCount(_ s: String, atMost limit: Int) -> Int {
        var count = 0
        var inWord = false
        for u in s.unicodeScalars {
            let w = isWordScalar(u, after: inWord)
            if w && !inWord {
                count += 1
                if count >= limit { return count }
            }
            inWord = w
        }
        return count
    }
}
