import CLibXML2
import Foundation

/// One entry of a feed or sitemap: the page it points to and what the feed says of it.
public struct FeedEntry: Sendable, Hashable, Codable {
    public var url: String
    public var title: String?
    /// ISO 8601 as `PageMetadata.isoDate` reads the feed's date (RFC 822 dates too).
    public var published: String?
    public var summary: String?
}

/// What a feed or sitemap file holds.
public struct Feed: Sendable, Hashable {
    public enum Kind: String, Sendable { case rss, atom, sitemap, sitemapIndex = "sitemap-index" }
    public var kind: Kind
    public var title: String?
    public var entries: [FeedEntry]
}

/// RSS 2.0, Atom and XML sitemaps (news sitemaps and sitemap indexes too), through libxml2's XML
/// parser in recover mode: element names are matched without their namespace prefix.
public enum FeedReader {
    /// nil when the bytes are none of the three.
    public static func read(_ bytes: [UInt8]) -> Feed? {
        guard !bytes.isEmpty, bytes.count < Int(Int32.max), let arena = PageArena() else { return nil }
        let options = Int32(XML_PARSE_RECOVER.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue)
        let parsed = arena.during {
            bytes.withUnsafeBufferPointer { b in
                b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: b.count) { xmlReadMemory($0, Int32(b.count), nil, nil, options) }
            }
        }
        guard let doc = parsed else { return nil }
        // The tree is the arena's and goes with it: the arena must outlive every read of it.
        return withExtendedLifetime(arena) { read(doc) }
    }

    private static func read(_ doc: xmlDocPtr) -> Feed? {
        guard let rootPtr = xmlDocGetRootElement(doc) else { return nil }
        let root = Node(ptr: rootPtr)
        switch root.name.lowercased() {
        case "rss", "rdf":
            let channel = root.children.first { $0.isElement && $0.name == "channel" } ?? root
            var items = channel.children.filter { $0.isElement && $0.name == "item" }
            if items.isEmpty { items = root.children.filter { $0.isElement && $0.name == "item" } }  // RSS 1.0
            return Feed(kind: .rss, title: text(channel, "title"), entries: items.compactMap(rssItem))
        case "feed":
            let entries = root.children.filter { $0.isElement && $0.name == "entry" }.compactMap(atomEntry)
            return Feed(kind: .atom, title: text(root, "title"), entries: entries)
        case "urlset":
            return Feed(kind: .sitemap, title: nil, entries: root.children.filter { $0.isElement && $0.name == "url" }.compactMap(sitemapURL))
        case "sitemapindex":
            return Feed(kind: .sitemapIndex, title: nil, entries: root.children.filter { $0.isElement && $0.name == "sitemap" }.compactMap(sitemapURL))
        default:
            return nil
        }
    }

    static func child(_ n: Node, _ name: String) -> Node? { n.children.first { $0.isElement && $0.name == name } }

    static func text(_ n: Node, _ name: String) -> String? {
        guard let c = child(n, name) else { return nil }
        let t = BlockCollector.collapse(c.allText)
        return t.isEmpty ? nil : t
    }

    static func rssItem(_ n: Node) -> FeedEntry? {
        guard let link = text(n, "link") ?? text(n, "guid"), link.hasPrefix("http") else { return nil }
        let date = text(n, "pubDate") ?? text(n, "date") ?? text(n, "published")
        return FeedEntry(url: link, title: text(n, "title"), published: date.flatMap(feedDate), summary: text(n, "description").map(plain))
    }

    static func atomEntry(_ n: Node) -> FeedEntry? {
        let links = n.children.filter { $0.isElement && $0.name == "link" }
        let alternate = links.first { ($0.attribute("rel") ?? "alternate") == "alternate" } ?? links.first
        guard let href = alternate?.attribute("href") ?? text(n, "id"), href.hasPrefix("http") else { return nil }
        let date = text(n, "published") ?? text(n, "updated")
        return FeedEntry(url: href, title: text(n, "title"), published: date.flatMap(feedDate), summary: (text(n, "summary") ?? text(n, "content")).map(plain))
    }

    static func sitemapURL(_ n: Node) -> FeedEntry? {
        guard let loc = text(n, "loc") else { return nil }
        // A news sitemap's <news:news> holds the title and publication date.
        let news = child(n, "news")
        let date = news.flatMap { text($0, "publication_date") } ?? text(n, "lastmod")
        return FeedEntry(url: loc, title: news.flatMap { text($0, "title") }, published: date.flatMap(feedDate), summary: nil)
    }

    /// Summaries are often HTML: their text, tags dropped.
    static func plain(_ s: String) -> String {
        guard s.contains("<") else { return s }
        let wrapped = Array(("<html><body><div>" + s + "</div></body></html>").utf8)
        guard let doc = HTMLDocument(wrapped), let root = doc.root else { return s }
        return BlockCollector.collapse(root.allText)
    }

    /// ISO forms as `PageMetadata.isoDate` reads them, and RFC 822 (`Mon, 15 Jan 2024 09:30:00 +0700`).
    static func feedDate(_ s: String) -> String? {
        if let iso = PageMetadata.isoDate(s) { return iso }
        let parts = s.replacingOccurrences(of: ",", with: " ").split(separator: " ").map(String.init)
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        guard let mi = parts.firstIndex(where: { months.contains(String($0.lowercased().prefix(3))) && $0.count >= 3 }), mi > 0,
            let day = Int(parts[mi - 1]), mi + 1 < parts.count, let year = Int(parts[mi + 1]),
            let month = months.firstIndex(of: String(parts[mi].lowercased().prefix(3)))
        else { return nil }
        var out = String(format: "%04d-%02d-%02d", year, month + 1, day)
        if mi + 2 < parts.count {
            let hms = parts[mi + 2].split(separator: ":").compactMap { Int($0) }
            if hms.count >= 2 {
                out += String(format: "T%02d:%02d:%02d", hms[0], hms[1], hms.count > 2 ? hms[2] : 0)
                if mi + 3 < parts.count {
                    let z = parts[mi + 3]
                    if z == "GMT" || z == "UT" || z == "Z" {
                        out += "Z"
                    } else if (z.hasPrefix("+") || z.hasPrefix("-")), z.count == 5 {
                        out += "\(z.prefix(3)):\(z.suffix(2))"
                    } else if z == "WIB" {
                        out += "+07:00"
                    }
                }
            }
        }
        return out
    }
}
