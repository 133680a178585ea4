import LinimasaCore
import LinimasaText
import LinimasaTime

/// Turns one scraped document into an article: its own paragraphs, every removed line with its
/// reason, and the metadata (outlet, title, author, dateline, publication time).
///
/// The page is read the way an analyst reads it: a header (site navigation, headline, byline, date
/// stamp, photo captions) up to the first real paragraph, then the body, with leftovers (ads,
/// "Baca juga" lists, calls to action, editor codes) anywhere. Pure: the same input gives the same
/// article. O(n) in the text length.
public struct ArticleExtractor: Sendable {
    public init() {}

    /// What extraction found, before sentence splitting and time tagging.
    public struct Result: Sendable {
        public var outlet: String?
        public var title: String?
        public var author: String?
        public var dateline: String?
        public var published: Published
        public var body: [String]
        public var removed: [RemovedText]
        /// The body joined (`Article.joinBody`) and tokenized, for the analysis stages to reuse.
        public var bodyTokens: TokenizedText
        /// Time expressions of the body, recognized but not yet resolved against an anchor.
        public var timeMentions: [TimeMention]
    }

    enum Verdict: Equatable {
        case body
        case removed(RemovalReason)
        case blank
    }

    /// The text's lines, as `split(separator: "\n", omittingEmptySubsequences: false)` gives them,
    /// found in its bytes: a line feed is a Character of its own except after a carriage return
    /// ("\r\n" is one), so the lines are the same, without reading the text Character by Character.
    static func lines(_ text: String) -> [Substring] {
        var out: [Substring] = []
        let u = text.utf8
        var start = u.startIndex
        var i = u.startIndex
        var previous: UInt8 = 0
        while i != u.endIndex {
            let b = u[i]
            if b == 0x0A && previous != 0x0D {
                out.append(text[start..<i])
                start = u.index(after: i)
            }
            previous = b
            u.formIndex(after: &i)
        }
        out.append(text[start..<u.endIndex])
        return out
    }

    public func extract(_ doc: RawDocument) -> Result {
        let lines = Self.lines(doc.text).map { Line($0) }
        var verdicts = [Verdict](repeating: .body, count: lines.count)
        var meta = Metadata()

        // 1. Rules that hold anywhere on the page.
        var inRelated = false
        for (k, l) in lines.enumerated() {
            if l.isBlank { verdicts[k] = .blank; inRelated = false; continue }
            if inRelated, LineRules.continuesRelated(l) { verdicts[k] = .removed(.relatedLinks); continue }
            inRelated = false
            if LineRules.isAdvertisement(l) { verdicts[k] = .removed(.advertisement) } else if LineRules.opensRelated(l) {
                verdicts[k] = .removed(.relatedLinks)
                inRelated = true
            } else if LineRules.isEditorCode(l) { verdicts[k] = .removed(.editorCode) } else if LineRules.isMarkupOnly(l) {
                verdicts[k] = .removed(.markup)
            } else if LineRules.isPhotoCaption(l) { verdicts[k] = .removed(.photoCaption) } else if let (label, name) = LineRules.labelledByline(l) {
                verdicts[k] = .removed(.byline)
                if meta.author == nil, !["editor", "redaktur", "sumber"].contains(label) { meta.author = Metadata.personName(name) }
                for link in l.links { meta.outletEvidence.append((Outlets.name(forDomain: link), 2)) }
            } else if LineRules.isCallToAction(l) { verdicts[k] = .removed(.callToAction) }
        }

        // 2. The header: everything before the first real paragraph.
        let (bodyStart, stamps) = findBodyStart(lines, verdicts)
        var titleIndex: Int? = nil
        if let given = doc.given.title, !given.isEmpty { meta.title = given }
        for k in 0..<bodyStart where verdicts[k] == .body {
            let l = lines[k]
            if let (author, outlet) = Metadata.authorDashOutlet(l) {
                verdicts[k] = .removed(.byline)
                if meta.author == nil { meta.author = author }
                meta.outletEvidence.append((outlet, 3))
            } else if let stamp = stamps[k] {
                verdicts[k] = .removed(.byline)
                if meta.stamp == nil { meta.stamp = stamp }
            } else if Metadata.isDatelineOnly(l) {
                verdicts[k] = .removed(.dateline)
                if meta.dateline == nil { meta.dateline = Metadata.datelineCity(l.plain) }
            }
        }
        // The headline: a header line that is repeated, else the first headline-shaped one.
        let candidates = (0..<bodyStart).filter {
            verdicts[$0] == .body && (3...30).contains(lines[$0].words) && Metadata.isHeadline(lines[$0].plain)
        }
        titleIndex = candidates.first { k in candidates.contains { $0 != k && lines[$0].plain == lines[k].plain } } ?? candidates.first
        if let ti = titleIndex {
            let title = lines[ti].plain
            if meta.title == nil { meta.title = title }
            verdicts[ti] = .removed(.title)
            for k in lines.indices where k != ti && verdicts[k] != .blank && lines[k].plain == title {
                verdicts[k] = .removed(.repeatedTitle)
            }
        }
        for k in 0..<bodyStart where verdicts[k] == .body {
            // What is left in the header: site names, menus and stray short lines. Anything longer or
            // sentence-like stays in the body: better a leftover kept than a lede lost.
            let l = lines[k]
            if l.words <= 8 && !l.endsLikeSentence {
                verdicts[k] = .removed(.navigation)
                if let n = Outlets.name(forSignature: l.plain) { meta.siteName = meta.siteName ?? n }
            }
        }

        // 3. The body, with datelines and alt-text leftovers cut from the edges of paragraphs.
        var body: [String] = []
        var removed: [RemovedText] = doc.removed
        var firstParagraph = true
        for (k, l) in lines.enumerated() {
            switch verdicts[k] {
            case .blank: continue
            case .removed(let reason): removed.append(RemovedText(text: l.raw, reason: reason))
            case .body:
                var text = Substring(l.plain)
                if let (lead, rest) = Metadata.leadingAltText(text) {
                    removed.append(RemovedText(text: lead, reason: .markup))
                    text = rest
                }
                if firstParagraph, let d = Metadata.datelinePrefix(text) {
                    removed.append(RemovedText(text: String(text[..<d.bodyStart]).trimmingCharacters(in: .whitespaces), reason: .dateline))
                    if let o = d.outlet { meta.outletEvidence.append((o, 4)) }
                    if meta.dateline == nil { meta.dateline = d.city }
                    text = text[d.bodyStart...]
                }
                if let (rest, tail) = Metadata.trailingLeftover(text) {
                    removed.append(RemovedText(text: tail, reason: .markup))
                    text = rest
                }
                firstParagraph = false
                let p = text.trimmingCharacters(in: .whitespaces)
                if !p.isEmpty { body.append(p) }
            }
        }

        // 4. Outlet evidence that only shows in removed lines: "Kantor Berita Politik RMOL", link domains.
        for r in removed {
            if let o = Metadata.newsAgencyPhrase(r.text) { meta.outletEvidence.append((o, 2)) }
        }
        if let url = doc.given.url, let o = Outlets.name(forDomain: url) { meta.outletEvidence.append((o, 1)) }

        let outlet = doc.given.outlet ?? meta.bestOutlet()
        let bodyTokens = TokenizedText(Article.joinBody(body))
        let mentions = TimeRecognizer(bodyTokens).mentions()
        var published = PublicationDate.find(given: doc.given.published, stamp: meta.stamp, bodyTokens: bodyTokens, mentions: mentions)
        if let source = doc.given.publishedSource, doc.given.published != nil, published.method == .explicit {
            published.evidence = "the page's \(source)"
        }
        if let author = doc.given.author, !author.isEmpty { meta.author = author }
        return Result(
            outlet: outlet, title: meta.title, author: meta.author, dateline: meta.dateline, published: published,
            body: body, removed: removed, bodyTokens: bodyTokens, timeMentions: mentions)
    }

    /// The first line that reads as article text: a dateline opening, or a sentence-like line of some length.
    /// Also returns the date stamps met on the way, so the header pass does not read them again.
    func findBodyStart(_ lines: [Line], _ verdicts: [Verdict]) -> (Int, [Int: FoundTime]) {
        var stamps: [Int: FoundTime] = [:]
        for (k, l) in lines.enumerated() where verdicts[k] == .body {
            if Metadata.isDatelineOnly(l) || Metadata.authorDashOutlet(l) != nil { continue }
            if let stamp = Metadata.dateStamp(l) { stamps[k] = stamp; continue }
            if Metadata.datelinePrefix(Substring(l.plain)) != nil { return (k, stamps) }
            if l.words >= 12 && l.endsLikeSentence { return (k, stamps) }
            if l.words >= 30 { return (k, stamps) }
            if let (_, rest) = Metadata.leadingAltText(Substring(l.plain)), rest.split(separator: " ").count >= 12 { return (k, stamps) }
        }
        // No sentence-like line: treat everything as body rather than lose it.
        return (0, [:])
    }
}
