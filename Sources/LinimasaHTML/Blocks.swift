import CLibXML2
import LinimasaCore
import LinimasaText
#if canImport(Glibc)
import Glibc
#endif

/// One run of text between block boundaries, with the element that holds it.
struct Block: Sendable, Hashable {
    var text: String
    /// The block element holding the text (`p`, `li`, a `div` with text of its own...).
    var tag: String
    /// Index of that element in `Blocks.elements`.
    var owner: Int
    /// Bytes of the text inside links.
    var linkChars: Int
    /// Why a class name, an element or an ancestor says this is not article text (nil: nothing says so).
    var reason: RemovalReason?
    /// The nearest landmark ancestor (`nav`, `footer`, `aside`, `header`), if any.
    var landmark: String?
}

/// The elements of a page that hold blocks, by index: their parent and what their names say.
struct Elements: Sendable {
    var parent: [Int] = []
    var tag: [String] = []
    /// +1 for class or id words that mark article text, -1 for ones that mark furniture, 0 else.
    var hint: [Int] = []
}

enum BlockCollector {
    /// Elements whose content is never text to read.
    static let dropped: Set<String> = [
        "script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas", "video", "audio", "select",
        "input", "textarea", "button", "head", "link", "meta", "map", "math", "picture", "source",
    ]
    /// Elements that end a run of text (everything else is inline).
    static let blockTags: Set<String> = [
        "p", "div", "section", "article", "main", "header", "footer", "nav", "aside", "ul", "ol", "li", "dl", "dt", "dd", "table",
        "thead", "tbody", "tfoot", "tr", "td", "th", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "figure",
        "figcaption", "caption", "form", "fieldset", "address", "hr", "body", "center", "details", "summary", "menu", "br",
    ]
    static let landmarks: Set<String> = ["nav", "footer", "aside", "header"]

    /// Whether an element's content is left out: a `dropped` element, except a button or a
    /// `noscript` holding the text of a page. libxml2 recovers from a `div` left open inside one
    /// (people.com's menu button, `<noscript><div id="mms_nojava"></noscript>`) by nesting the rest
    /// of the page in it, where a browser ends the element at its end tag; a real button's label or
    /// a real notice to turn on JavaScript is a few words.
    static func skips(_ n: Node, _ kind: TagKind) -> Bool {
        guard kind.contains(.dropped) else { return false }
        return !kind.contains(.mayHoldThePage) || !holdsText(n, atLeast: 500)
    }
    static let mayHoldThePage: Set<String> = ["button", "noscript"]

    /// Whether the text below `n` (outside dropped elements) reaches `limit` bytes; stops as soon as it does.
    static func holdsText(_ n: Node, atLeast limit: Int) -> Bool {
        var total = 0
        func visit(_ n: Node) -> Bool {
            for child in n.children {
                if child.isText {
                    total += child.ptr.pointee.content.map { strlen($0) } ?? 0
                    if total >= limit { return true }
                } else if child.isElement, case let kind = TagKind(child), !kind.contains(.dropped) || kind.contains(.mayHoldThePage), visit(child) {
                    return true
                }
            }
            return false
        }
        return visit(n)
    }

    static func collectWithElements(_ root: Node) -> (blocks: [Block], elements: Elements) {
        var c = Collector()
        let body = findBody(root) ?? root
        c.sizes = textSizes(body)
        c.visit(body, TagKind(body), parent: -1, reason: nil, landmark: nil)
        c.flush()
        return (c.blocks, c.elements)
    }

    /// Bytes of text below each element, and of them those inside links (scripts and the like left out).
    /// Each element's sizes are found by the index kept in its node's `_private` field (libxml2's
    /// slot for the application), not by hashing its pointer. The marks live as long as the document,
    /// which `PageExtractor.extract` frees when it is done; nothing else reads `_private`.
    static func textSizes(_ root: Node) -> [(text: Int, links: Int)] {
        var sizes: [(text: Int, links: Int)] = []
        // An element's kind is read once, where its parent decides whether it is skipped.
        func visit(_ n: Node, _ kind: TagKind, inLink: Bool) -> (Int, Int) {
            var text = 0, links = 0
            let link = inLink || kind.contains(.link)
            for child in n.children {
                if child.isText {
                    let count = child.ptr.pointee.content.map { strlen($0) } ?? 0
                    text += count
                    if link { links += count }
                } else if child.isElement, case let kind = TagKind(child), !skips(child, kind) {
                    let (t, l) = visit(child, kind, inLink: link)
                    text += t
                    links += l
                }
            }
            n.ptr.pointee._private = UnsafeMutableRawPointer(bitPattern: sizes.count + 1)
            sizes.append((text, links))
            return (text, links)
        }
        _ = visit(root, TagKind(root), inLink: false)
        return sizes
    }

    /// The `body` element: libxml2's HTML parser always makes it a child of the root.
    static func findBody(_ root: Node) -> Node? {
        root.children.first { $0.isElement && $0.name == "body" }
    }

    struct Collector {
        var blocks: [Block] = []
        var elements = Elements()
        var buffer: [UInt8] = []
        var linkBytes = 0
        var owner = -1
        var ownerTag = ""
        var reason: RemovalReason? = nil
        var landmark: String? = nil
        var inLink = 0
        var sizes: [(text: Int, links: Int)] = []

        mutating func flush() {
            let text = collapse(buffer)
            if !text.isEmpty, owner >= 0 {
                blocks.append(
                    Block(text: text, tag: ownerTag, owner: owner, linkChars: min(linkBytes, text.utf8.count), reason: reason, landmark: landmark))
            }
            buffer.removeAll(keepingCapacity: true)
            linkBytes = 0
        }

        /// `kind` is `node`'s (read once, where its parent decides whether it is skipped).
        mutating func visit(_ node: Node, _ kind: TagKind, parent: Int, reason inherited: RemovalReason?, landmark inheritedLandmark: String?) {
            let hints = Hints.summary(node)
            let weight = Hints.weight(hints)
            var own = Hints.reason(kind: kind, summary: hints, role: node.attribute("role"))
            // A class name that says furniture on an element holding much running text is a modifier
            // ("has-ad-slots", "page-with-share-bar"), not what the element is; comments stay comments.
            if let r = own, r != .comments, let mark = node.ptr.pointee._private, case let size = sizes[Int(bitPattern: mark) - 1], size.text > 1500, size.links * 10 < size.text * 3 { own = nil }
            // The nearer name wins: furniture inside the article is furniture, and an element named for
            // the article ("post-body", "entry-content") inside a container named as furniture (a
            // blog theme's "widget") is the article.
            // Comments stay comments whatever their parts are called ("comment" > "content").
            let myReason = own ?? (weight > 0 && inherited != .comments ? nil : inherited)
            let isBlock = kind.contains(.block)
            // Only a block's or a landmark's name is kept, so only theirs is made a string.
            let tag = isBlock || kind.contains(.landmark) ? node.name : ""
            let myLandmark = inheritedLandmark ?? (kind.contains(.landmark) ? tag : nil)
            var me = owner
            if isBlock {
                flush()
                me = elements.tag.count
                elements.parent.append(parent)
                elements.tag.append(tag)
                elements.hint.append(weight)
            }
            if kind.contains(.rule) { return }
            let saved = (owner, ownerTag, reason, landmark)
            if isBlock {
                owner = me
                ownerTag = tag
                reason = myReason
                landmark = myLandmark
            } else if own != nil && reason == nil {
                // An inline element marked as furniture (a share link, an ad label): its text is a block of its own.
                flush()
                reason = own
            }
            if kind.contains(.link) { inLink += 1 }
            for child in node.children {
                if child.isText {
                    appendText(child)
                } else if child.isElement {
                    let childKind = TagKind(child)
                    if BlockCollector.skips(child, childKind) { continue }
                    visit(child, childKind, parent: isBlock ? me : parent, reason: myReason, landmark: myLandmark)
                }
            }
            if kind.contains(.link) { inLink -= 1 }
            if isBlock || (own != nil && saved.2 == nil) {
                flush()
                (owner, ownerTag, reason, landmark) = saved
            }
        }

        mutating func appendText(_ node: Node) {
            guard let c = node.ptr.pointee.content else { return }
            let count = strlen(c)
            buffer.append(contentsOf: UnsafeBufferPointer(start: c, count: count))
            if inLink > 0 { linkBytes += count }
        }
    }

    static func collapse(_ s: String) -> String { collapse(Array(s.utf8)) }

    /// Runs of white space (NBSP included) become one space; the ends are trimmed.
    static func collapse(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var space = false
        var k = 0
        while k < bytes.count {
            let b = bytes[k]
            var isSpace = b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C
            var width = 1
            if b == 0xC2, k + 1 < bytes.count, bytes[k + 1] == 0xA0 {
                isSpace = true
                width = 2
            }
            if isSpace {
                space = true
            } else {
                if space && !out.isEmpty { out.append(0x20) }
                space = false
                out.append(b)
            }
            k += width
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// What class names, ids and roles say about an element.
enum Hints {
    /// Class and id words that name page furniture, with what the furniture is (first match wins).
    static let furniture: [(words: Set<String>, reason: RemovalReason)] = [
        (["comment", "comments", "komentar", "disqus", "respond", "reply"], .comments),
        (["share", "sharing", "social", "sosmed", "socmed", "sharer", "addthis", "bagikan"], .shareButtons),
        (["related", "terkait", "recommend", "recommended", "rekomendasi", "populer", "popular", "terpopuler", "trending",
          "baca", "bacajuga", "readmore", "more", "lainnya", "terbaru", "latest", "newsfeed", "outbrain", "taboola", "tags", "tag",
          "topic", "topik"], .relatedLinks),
        (["nav", "navbar", "menu", "breadcrumb", "breadcrumbs", "pagination", "paging", "sidebar", "widget", "masthead", "topbar",
          "skip", "login", "subscribe", "newsletter", "signup"], .navigation),
        (["footer", "copyright"], .footer),
        (["ad", "ads", "advert", "advertisement", "adsbygoogle", "banner", "sponsor", "sponsored", "promo", "iklan", "dfp",
          "gpt", "parallax"], .advertisement),
        (["caption", "credit", "figcaption"], .photoCaption),
    ]
    static let articleWords: Set<String> = [
        "article", "artikel", "content", "konten", "body", "entry", "post", "story", "text", "detail", "read", "isi", "berita",
        "news", "main", "itp", "maincontent", "articlebody", "txt",
    ]

    /// Blocks that are nothing but a furniture label, whatever element holds them.
    static let labels: [String: RemovalReason] = [
        "advertisement": .advertisement, "iklan": .advertisement, "sponsored": .advertisement, "ads": .advertisement,
        "scroll to continue with content": .advertisement, "scroll untuk melanjutkan": .advertisement,
        "share": .shareButtons, "bagikan": .shareButtons, "share this article": .shareButtons, "follow us": .shareButtons,
        "ikuti kami": .shareButtons, "share on facebook": .shareButtons, "share on twitter": .shareButtons,
        "baca juga": .relatedLinks, "read more": .relatedLinks, "related articles": .relatedLinks, "berita terkait": .relatedLinks,
        "newsletter": .navigation, "subscribe": .navigation, "advertisement - scroll to continue": .advertisement,
    ]

    static let relatedOverride: Set<String> = ["related", "terkait", "baca", "bacajuga", "populer", "terpopuler"]

    /// What an element's class and id words say, gathered over their bytes as they sit in the
    /// tree (no string is made: this runs for every element of every page): which lists of
    /// `furniture` hold one of the words (bit k for list k), and whether one is an article word
    /// or a `relatedOverride` word. Class and id are split into words at anything not an ASCII
    /// letter or digit ("article-body__share" → article, body, share; bytes past ASCII count as
    /// letters), in ASCII lower case.
    struct Summary: Equatable {
        var lists: UInt16 = 0
        var article = false
        var overrides = false
    }

    static let articleBit: UInt16 = 1 << 14
    static let overrideBit: UInt16 = 1 << 15
    /// Each known word's hash: the furniture lists that hold it, and the two bits above.
    static let flags: [UInt64: UInt16] = {
        var d: [UInt64: UInt16] = [:]
        for (k, (list, _)) in furniture.enumerated() { for w in list { d[hashBytes(w.utf8), default: 0] |= 1 << k } }
        for w in articleWords { d[hashBytes(w.utf8), default: 0] |= articleBit }
        for w in relatedOverride { d[hashBytes(w.utf8), default: 0] |= overrideBit }
        return d
    }()

    static func summary(_ node: Node) -> Summary {
        var s = Summary()
        func scan(_ bytes: UnsafeBufferPointer<UInt8>) {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            var length = 0
            func end() {
                if length > 0, let f = flags[mix64(h)] {
                    s.lists |= f & ~(articleBit | overrideBit)
                    if f & articleBit != 0 { s.article = true }
                    if f & overrideBit != 0 { s.overrides = true }
                }
                h = 0xcbf2_9ce4_8422_2325
                length = 0
            }
            for var b in bytes {
                if b >= 0x41 && b <= 0x5A { b += 0x20 }
                if (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b >= 0x80 {
                    h ^= UInt64(b)
                    h &*= 0x0000_0100_0000_01b3
                    length += 1
                } else {
                    end()
                }
            }
            end()
        }
        node.withAttribute("class", scan)
        node.withAttribute("id", scan)
        return s
    }

    /// The furniture an element is by its role, tag and class and id words, if any.
    static func reason(kind: TagKind, summary s: Summary, role: String?) -> RemovalReason? {
        if let role {
            switch role.lowercased() {
            case "navigation", "menubar", "menu": return .navigation
            case "complementary": return .relatedLinks
            case "contentinfo": return .footer
            default: break
            }
        }
        if kind.contains(.caption) { return .photoCaption }
        // The page's and the article's own elements carry class lists about the whole page
        // ("single-post comments-open", "post-12 tag-politik"): never read as furniture.
        if kind.contains(.pageOrArticle) { return nil }
        // A container named for the article and for furniture ("article-share") is the furniture;
        // one named only for the article is not furniture because one word looks like it.
        for (k, (_, reason)) in furniture.enumerated() where s.lists & (1 << k) != 0 {
            if reason == .relatedLinks && s.article && !s.overrides { continue }
            return reason
        }
        return nil
    }

    /// +1 for an element named for the article, -1 for one named for furniture, else 0.
    static func weight(_ s: Summary) -> Int {
        if s.article { return 1 }
        return s.lists != 0 ? -1 : 0
    }

}

/// What the block collector asks of an element's name, read from libxml2's bytes without making a
/// string of it (the collector asks it of every element of every page): a table of the names it
/// knows, by length, compared with `memcmp`. The names come from `BlockCollector`'s sets.
struct TagKind: OptionSet {
    let rawValue: UInt16
    static let dropped = TagKind(rawValue: 1)
    static let block = TagKind(rawValue: 2)
    static let landmark = TagKind(rawValue: 4)
    static let mayHoldThePage = TagKind(rawValue: 8)
    /// `a`
    static let link = TagKind(rawValue: 16)
    /// `br`, `hr`: blocks with nothing inside.
    static let rule = TagKind(rawValue: 32)
    /// `figcaption`
    static let caption = TagKind(rawValue: 64)
    /// `body`, `html`, `main`, `article`: their class lists speak of the whole page.
    static let pageOrArticle = TagKind(rawValue: 128)

    /// Names by their length: (name's bytes, kind).
    private static let table: [[(name: [UInt8], kind: TagKind)]] = {
        var kinds: [String: TagKind] = [:]
        for n in BlockCollector.dropped { kinds[n, default: []].insert(.dropped) }
        for n in BlockCollector.blockTags { kinds[n, default: []].insert(.block) }
        for n in BlockCollector.landmarks { kinds[n, default: []].insert(.landmark) }
        for n in BlockCollector.mayHoldThePage { kinds[n, default: []].insert(.mayHoldThePage) }
        kinds["a", default: []].insert(.link)
        for n in ["br", "hr"] { kinds[n, default: []].insert(.rule) }
        kinds["figcaption", default: []].insert(.caption)
        for n in ["body", "html", "main", "article"] { kinds[n, default: []].insert(.pageOrArticle) }
        var table = [[(name: [UInt8], kind: TagKind)]](repeating: [], count: (kinds.keys.map(\.utf8.count).max() ?? 0) + 1)
        for (n, k) in kinds.sorted(by: { $0.key < $1.key }) { table[n.utf8.count].append((Array(n.utf8), k)) }
        return table
    }()

    init(rawValue: UInt16) { self.rawValue = rawValue }

    /// The kind of an element's name (empty for a name the collector does not know).
    init(_ node: Node) {
        self.init(rawValue: Self.lookUp(node.ptr.pointee.name))
    }

    private static func lookUp(_ name: UnsafePointer<xmlChar>?) -> UInt16 {
        guard let name else { return 0 }
        let length = strlen(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self))
        guard length < table.count else { return 0 }
        for entry in table[length] where entry.name.withUnsafeBufferPointer({ memcmp($0.baseAddress!, name, length) == 0 }) {
            return entry.kind.rawValue
        }
        return 0
    }
}
