import CLibXML2
import CPageArena
import LinimasaCore
#if canImport(Glibc)
import Glibc
#endif

/// A web page parsed by libxml2's HTML parser (forgiving, as browsers are: unclosed tags, stray
/// bytes and wrong nesting are repaired, never refused). The tree is read-only and freed with the
/// document; `Node` values must not outlive it.
final class HTMLDocument {
    let doc: htmlDocPtr
    /// Where libxml2 put the tree: freed at once with the document.
    private let arena: PageArena

    /// Parses `bytes`; `encoding` is the charset the caller knows (nil: libxml2 reads the page's own
    /// `<meta charset>`, else assumes UTF-8 with repair).
    init?(_ bytes: [UInt8], url: String? = nil, encoding: String? = nil) {
        guard !bytes.isEmpty, bytes.count < Int(Int32.max) else { return nil }
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_NOBLANKS.rawValue)
        let charset = encoding ?? HTMLDocument.encoding(of: bytes)
        guard let arena = PageArena() else { return nil }
        let read = RawText.stripped(bytes) ?? bytes
        let parsed = arena.during {
            read.withUnsafeBufferPointer { b in
                b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: b.count) { p in
                    htmlReadMemory(p, Int32(b.count), url, charset, options)
                }
            }
        }
        guard let parsed else { return nil }
        doc = parsed
        self.arena = arena
    }

    /// Bytes the document's arena holds (for tests).
    var arenaSize: Int { arena.size }

    // No xmlFreeDoc: every block of the tree (its dictionary too) is the arena's, and goes with it.

    /// "UTF-8" for bytes that are UTF-8 (libxml2 would take a page without a declared charset for
    /// Latin-1, and a page's declaration is often wrong); nil otherwise, to let the page's own
    /// declaration, or Latin-1, decide.
    static func encoding(of bytes: [UInt8]) -> String? {
        if UTF8Validation.isValid(bytes) { return "UTF-8" }
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

/// A region of memory libxml2 allocates from while `during` runs on this thread (`CPageArena`):
/// a parsed tree's thousands of nodes and strings are freed at once with the region, not one by one.
/// Everything libxml2 allocates during `during` is the region's, so a document parsed there is
/// freed by the region's end alone (`xmlFreeDoc` would walk the tree to free nothing) and must not
/// be used after it.
final class PageArena {
    let arena: OpaquePointer

    init?() {
        guard let a = lm_arena_create() else { return nil }
        arena = a
    }

    deinit { lm_arena_destroy(arena) }

    /// libxml2 sets up its globals once, before documents are parsed on several threads; its
    /// allocations go through the hooks from the first one on (every parse runs in `during`).
    static let libxml2Ready: Bool = {
        xmlMemSetup(lm_hook_free, lm_hook_malloc, lm_hook_realloc, lm_hook_strdup)
        xmlInitParser()
        return true
    }()

    func during<T>(_ body: () -> T) -> T {
        _ = PageArena.libxml2Ready
        let before = lm_arena_enter(arena)
        defer {
            // The thread's last error holds strings copied in the region; it must not outlive it.
            xmlResetLastError()
            lm_arena_enter(before)
        }
        return body()
    }

    var size: Int { lm_arena_size(arena) }
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
                defer { lm_hook_free(v) }  // xmlFree, the hook installed
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
                defer { lm_hook_free(v) }  // xmlFree, the hook installed
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
        defer { lm_hook_free(c) }  // xmlFree, the hook installed
        return String(cString: c)
    }

    /// Elements below in document order (depth first), this one excluded: a walk along the tree's
    /// own links (first child, next sibling, parent), with nothing allocated. Only elements are
    /// entered, as only they are handed to `body`.
    func descendants(_ body: (Node) -> Void) {
        var next = ptr.pointee.children
        while let n = next {
            if n.pointee.type == XML_ELEMENT_NODE {
                body(Node(ptr: n))
                if let first = n.pointee.children {
                    next = first
                    continue
                }
            }
            // The next sibling of this node or of the nearest ancestor below `ptr` that has one.
            var at = n
            next = nil
            while true {
                if let sibling = at.pointee.next {
                    next = sibling
                    break
                }
                guard let up = at.pointee.parent, up != ptr else { break }
                at = up
            }
        }
    }

    /// Whether this is an element named `name` (lower case), compared in place.
    func isElement(_ name: StaticString) -> Bool {
        guard ptr.pointee.type == XML_ELEMENT_NODE, let n = ptr.pointee.name else { return false }
        return strcmp(UnsafeRawPointer(n).assumingMemoryBound(to: CChar.self), UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)) == 0
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
