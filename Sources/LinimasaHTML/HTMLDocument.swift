import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

/// A web page parsed by libxml2's HTML parser (forgiving, as browsers are: unclosed tags, stray
/// bytes and wrong nesting are repaired, never refused). The tree is read-only and freed with the
/// document; `Node` values must not outlive it.
final class HTMLDocument {
    let doc: htmlDocPtr

    /// Parses `bytes`; `encoding` is the charset the caller knows (nil: libxml2 reads the page's own
    /// `<meta charset>`, else assumes UTF-8 with repair).
    /// libxml2 sets up its globals once, before documents are parsed on several threads.
    static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    init?(_ bytes: [UInt8], url: String? = nil, encoding: String? = nil) {
        _ = HTMLDocument.initialized
        guard !bytes.isEmpty, bytes.count < Int(Int32.max) else { return nil }
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_NOBLANKS.rawValue)
        let parsed = bytes.withUnsafeBufferPointer { b in
            b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: b.count) { p in
                htmlReadMemory(p, Int32(b.count), url, encoding ?? HTMLDocument.encoding(of: bytes), options)
            }
        }
        guard let parsed else { return nil }
        doc = parsed
    }

    deinit { xmlFreeDoc(doc) }

    /// "UTF-8" for bytes that are UTF-8 (libxml2 would take a page without a declared charset for
    /// Latin-1, and a page's declaration is often wrong); nil otherwise, to let the page's own
    /// declaration, or Latin-1, decide.
    static func encoding(of bytes: [UInt8]) -> String? {
        if String(validating: bytes, as: UTF8.self) != nil { return "UTF-8" }
        var broken = 0, multi = 0
        var k = 0
        while k < bytes.count {
            let b = bytes[k]
            if b < 0x80 { k += 1; continue }
            let width = b >= 0xF0 && b < 0xF5 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 0
            if width == 0 || k + width > bytes.count || !bytes[(k + 1)..<(k + width)].allSatisfy({ $0 & 0xC0 == 0x80 }) {
                broken += 1
                k += 1
            } else {
                multi += 1
                k += width
            }
        }
        return broken == 0 || multi > broken * 10 ? "UTF-8" : nil
    }

    var root: Node? { xmlDocGetRootElement(doc).map(Node.init) }
}

/// One node of an `HTMLDocument`.
struct Node {
    let ptr: xmlNodePtr

    var isElement: Bool { ptr.pointee.type == XML_ELEMENT_NODE }
    var isText: Bool { ptr.pointee.type == XML_TEXT_NODE || ptr.pointee.type == XML_CDATA_SECTION_NODE }

    /// Lower-case tag name (libxml2's HTML parser already lower-cases).
    var name: String { ptr.pointee.name.map { String(cString: $0) } ?? "" }

    var children: NodeSequence { NodeSequence(first: ptr.pointee.children) }
    var parent: Node? {
        guard let p = ptr.pointee.parent, p.pointee.type == XML_ELEMENT_NODE else { return nil }
        return Node(ptr: p)
    }

    /// An attribute's value, read from the node's attribute list without asking libxml2 to copy it
    /// (this runs for several attributes of every element of every page).
    /// Hands `body` the bytes of attribute `name`'s value, read in place when it is one text node
    /// (the usual case), else through libxml2; `body` is not called when there is no such attribute.
    func withAttribute(_ name: StaticString, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var a = ptr.pointee.properties
        while let p = a {
            if let n = p.pointee.name, strcmp(UnsafeRawPointer(n).assumingMemoryBound(to: CChar.self), UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)) == 0 {
                guard let child = p.pointee.children else { return }
                if child.pointee.next == nil, child.pointee.type == XML_TEXT_NODE, let c = child.pointee.content {
                    body(UnsafeBufferPointer(start: c, count: Int(xmlStrlen(c))))
                    return
                }
                guard let v = xmlNodeListGetString(ptr.pointee.doc, child, 1) else { return }
                defer { free(v) }
                body(UnsafeBufferPointer(start: v, count: Int(xmlStrlen(v))))
                return
            }
            a = p.pointee.next
        }
    }

    func attribute(_ name: StaticString) -> String? {
        var a = ptr.pointee.properties
        while let p = a {
            if let n = p.pointee.name, strcmp(UnsafeRawPointer(n).assumingMemoryBound(to: CChar.self), UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)) == 0 {
                guard let child = p.pointee.children else { return "" }
                // A value of one text node (the usual case) is read in place; anything else through libxml2.
                if child.pointee.next == nil, child.pointee.type == XML_TEXT_NODE, let c = child.pointee.content { return String(cString: c) }
                guard let v = xmlNodeListGetString(ptr.pointee.doc, child, 1) else { return "" }
                defer { free(v) }
                return String(cString: v)
            }
            a = p.pointee.next
        }
        return nil
    }

    /// A text node's own text.
    var content: String {
        guard let c = ptr.pointee.content else { return "" }
        return String(cString: c)
    }

    /// All text below, as libxml2 joins it (no separators between blocks).
    var allText: String {
        guard let c = xmlNodeGetContent(ptr) else { return "" }
        defer { free(c) }
        return String(cString: c)
    }

    /// Elements below in document order (depth first), this one excluded.
    func descendants(_ body: (Node) -> Void) {
        var stack: [xmlNodePtr] = []
        var c = ptr.pointee.children
        while let n = c { stack.append(n); c = n.pointee.next }
        stack.reverse()
        while let n = stack.popLast() {
            guard n.pointee.type == XML_ELEMENT_NODE else { continue }
            body(Node(ptr: n))
            var kids: [xmlNodePtr] = []
            var k = n.pointee.children
            while let x = k { kids.append(x); k = x.pointee.next }
            stack.append(contentsOf: kids.reversed())
        }
    }
}

struct NodeSequence: Sequence, IteratorProtocol {
    var first: xmlNodePtr?
    mutating func next() -> Node? {
        guard let n = first else { return nil }
        first = n.pointee.next
        return Node(ptr: n)
    }
}

extension Node: Hashable {
    static func == (a: Node, b: Node) -> Bool { a.ptr == b.ptr }
    func hash(into h: inout Hasher) { h.combine(UInt(bitPattern: ptr)) }
}
