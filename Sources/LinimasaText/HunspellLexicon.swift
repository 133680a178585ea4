/// An Indonesian lexicon read from hunspell's `id_ID.dic` and `id_ID.aff` (Debian's hunspell-id).
///
/// Every root is expanded through the affix rules it allows (prefixes, suffixes, circumfixes such as
/// ke-…-an, and clitics such as -nya), giving a table from each derived form to its root. Where two
/// analyses give the same form, the one with fewer affix letters wins, then the one that keeps the
/// root at the start of the word ("berikan" is beri-kan, not ber-ikan). The files are GPL and are read
/// at run time; nothing of them is copied into the project.
public struct HunspellLexicon: Sendable {
    /// Root words (lower case).
    public let roots: Set<String>
    /// Roots that take at least one affix.
    public let productiveRoots: Set<String>
    /// Derived form → root.
    public let forms: FormTable
    /// Roots marked NEEDAFFIX, which are not words on their own ("ketahu" of "diketahui").
    public let boundRoots: Set<String>

    public static let defaultDirectory = "/usr/share/hunspell"

    struct Rule {
        var strip: [UInt8]
        var add: [UInt8]
        var condition: [CharClass]
        /// The flags the rule continues with (numbers from `Affixes.number`), the circumfix mark left out.
        var continuation: [Int]
        /// Marked A1: a circumfix half, never a form of its own.
        var circumfix: Bool
    }
    struct Group {
        var isPrefix: Bool
        var cross: Bool
        var rules: [Rule]
    }
    /// The affix groups by flag number; a flag's number comes from its name's bytes, once a name.
    struct Affixes {
        var numbers: [[UInt8]: Int] = [:]
        var groups: [Group?] = []
        mutating func number(_ name: [UInt8]) -> Int {
            if let n = numbers[name] { return n }
            numbers[name] = groups.count
            groups.append(nil)
            return groups.count - 1
        }
        func group(_ n: Int) -> Group? { groups[n] }
    }
    enum CharClass {
        case any
        case set(Set<UInt8>, negated: Bool)
        func matches(_ b: UInt8) -> Bool {
            switch self {
            case .any: return true
            case .set(let s, let neg): return s.contains(b) != neg
            }
        }
    }

    /// Parses the two files' bytes (ISO 8859-1, as hunspell-id ships them).
    ///
    /// Every root's forms are offered to one table keyed by the form's bytes (`FormTable.Builder`):
    /// the expansion makes some 400,000 forms, and keeping them as strings in dictionaries (a
    /// string, a hash of it and a dictionary entry a form, the flags as strings looked up for every
    /// root) made reading the lexicon most of the start-up of every command that stems.
    public init(dic: [UInt8], aff: [UInt8]) {
        var affixes = HunspellLexicon.parseAffixes(aff)
        let bound = affixes.number(Array("A2".utf8))
        var roots = Set<String>()
        var productive = Set<String>()
        var boundRoots = Set<String>()
        var table = FormTable.Builder()
        var first = true
        for lineSlice in dic.split(separator: 0x0A) {
            if first { first = false; if lineSlice.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 || $0 == 0x0D }) { continue } }
            let line = lineSlice.prefix { $0 != 0x0D && $0 != 0x20 && $0 != 0x09 }
            guard !line.isEmpty else { continue }
            var word = line[...]
            var flags: [Int] = []
            if let slash = line.firstIndex(of: UInt8(ascii: "/")) {
                word = line[..<slash]
                let f = line[(slash + 1)...]
                var k = f.startIndex
                while k + 1 < f.endIndex {
                    flags.append(affixes.number(Array(f[k...(k + 1)])))
                    k += 2
                }
            }
            let lower = word.map { lowerLatin1($0) }
            let root = latin1(lower)
            roots.insert(root)
            if flags.contains(bound) { boundRoots.insert(root) }
            // Cost: affix letters first; on a tie the root that takes more affixes (a proxy for a
            // common word) wins, then the root read first.
            let number = table.addRoot(root)
            table.offer(lower, root: number, cost: 0, flags: flags.count)
            guard !flags.isEmpty else { continue }
            productive.insert(root)
            HunspellLexicon.expand(lower, flags: flags, affixes: affixes) { form, cost in table.offer(form, root: number, cost: cost, flags: flags.count) }
        }
        self.roots = roots
        self.productiveRoots = productive
        self.boundRoots = boundRoots
        self.forms = table.finish()
    }

    /// Expands one root through its flags; `emit` gets each form with its cost (affix letters, +1 when a prefix is used).
    static func expand(_ root: [UInt8], flags: [Int], affixes: Affixes, emit: ([UInt8], Int) -> Void) {
        var rootSuffixed: [([UInt8], Int)] = []
        for f in flags {
            guard let g = affixes.group(f) else { continue }
            for rule in g.rules where applies(rule, to: root, prefix: g.isPrefix) {
                let w = apply(rule, to: root, prefix: g.isPrefix)
                let cost = rule.add.count + (g.isPrefix ? 1 : 0)
                if g.isPrefix {
                    if !rule.circumfix { emit(w, cost) }
                    continue
                }
                // A suffix: its continuation may add a prefix (circumfix) and clitics.
                var stage: [([UInt8], Int)] = rule.circumfix ? [] : [(w, cost)]
                for c in rule.continuation {
                    guard let cg = affixes.group(c), cg.isPrefix else { continue }
                    for pr in cg.rules where applies(pr, to: w, prefix: true) {
                        stage.append((apply(pr, to: w, prefix: true), cost + pr.add.count + 1))
                    }
                }
                var withClitics = stage
                for c in rule.continuation {
                    guard let cg = affixes.group(c), !cg.isPrefix else { continue }
                    for (s, sc) in stage {
                        for cr in cg.rules where applies(cr, to: s, prefix: false) {
                            withClitics.append((apply(cr, to: s, prefix: false), sc + cr.add.count))
                        }
                    }
                }
                for (s, sc) in withClitics { emit(s, sc) }
                if g.cross && !rule.circumfix { rootSuffixed.append((w, cost)) }
            }
        }
        // Cross products: a plain prefix of the root with a plain suffix of the root ("di-ajar-i").
        guard !rootSuffixed.isEmpty else { return }
        for f in flags {
            guard let g = affixes.group(f), g.isPrefix, g.cross else { continue }
            for rule in g.rules where !rule.circumfix && applies(rule, to: root, prefix: true) {
                for (s, sc) in rootSuffixed where applies(rule, to: s, prefix: true) {
                    emit(apply(rule, to: s, prefix: true), sc + rule.add.count + 1)
                }
            }
        }
    }

    static func applies(_ r: Rule, to w: [UInt8], prefix: Bool) -> Bool {
        let n = r.condition.count
        guard w.count >= n, w.count >= r.strip.count else { return false }
        if prefix {
            for k in 0..<n where !r.condition[k].matches(w[k]) { return false }
            return w.starts(with: r.strip)
        }
        for k in 0..<n where !r.condition[k].matches(w[w.count - n + k]) { return false }
        return r.strip.isEmpty || Array(w.suffix(r.strip.count)) == r.strip
    }

    static func apply(_ r: Rule, to w: [UInt8], prefix: Bool) -> [UInt8] {
        prefix ? r.add + w.dropFirst(r.strip.count) : w.dropLast(r.strip.count) + r.add
    }

    static func parseAffixes(_ aff: [UInt8]) -> Affixes {
        var affixes = Affixes()
        let circumfix = affixes.number(Array("A1".utf8))
        for lineSlice in aff.split(separator: 0x0A) {
            let fields = lineSlice.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }).map { Array($0) }
            guard fields.count >= 4, fields[0] == Array("PFX".utf8) || fields[0] == Array("SFX".utf8) else { continue }
            let isPrefix = fields[0] == Array("PFX".utf8)
            let flag = affixes.number(fields[1])
            if affixes.groups[flag] == nil {
                // Header: "PFX M0 Y 12".
                affixes.groups[flag] = Group(isPrefix: isPrefix, cross: fields[2] == [UInt8(ascii: "Y")], rules: [])
                continue
            }
            // Rule: "PFX M0 p mem p[^l^r]" (condition defaults to "." when missing).
            let strip = fields[2] == [UInt8(ascii: "0")] ? [] : fields[2]
            var addField = fields[3]
            var cont: [Int] = []
            if let slash = addField.firstIndex(of: UInt8(ascii: "/")) {
                let c = addField[(slash + 1)...]
                var k = c.startIndex
                while k < c.endIndex - 1 { cont.append(affixes.number(Array(c[k...(k + 1)]))); k += 2 }
                addField = Array(addField[..<slash])
            }
            let add = addField == [UInt8(ascii: "0")] ? [] : addField
            let cond = fields.count >= 5 && fields[4].first != UInt8(ascii: "#") ? parseCondition(fields[4]) : []
            affixes.groups[flag]!.rules.append(
                Rule(strip: strip, add: add, condition: cond, continuation: cont.filter { $0 != circumfix }, circumfix: cont.contains(circumfix)))
        }
        return affixes
    }

    static func parseCondition(_ c: [UInt8]) -> [CharClass] {
        var out: [CharClass] = []
        var k = 0
        while k < c.count {
            let b = c[k]
            if b == UInt8(ascii: ".") { out.append(.any); k += 1; continue }
            if b == UInt8(ascii: "["), let close = c[k...].firstIndex(of: UInt8(ascii: "]")) {
                var inner = Array(c[(k + 1)..<close])
                let negated = inner.first == UInt8(ascii: "^")
                if negated { inner.removeFirst() }
                out.append(.set(Set(inner.filter { $0 != UInt8(ascii: "^") }), negated: negated))
                k = close + 1
                continue
            }
            out.append(.set([b], negated: false))
            k += 1
        }
        // A bare "." condition means no condition.
        if out.count == 1, case .any = out[0] { return [] }
        return out
    }
}

@inline(__always) func lowerLatin1(_ b: UInt8) -> UInt8 {
    (b >= 0x41 && b <= 0x5A) || (b >= 0xC0 && b <= 0xDE && b != 0xD7) ? b | 0x20 : b
}

/// ISO 8859-1 bytes to a String (each byte is its own code point).
func latin1(_ bytes: [UInt8]) -> String {
    if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
    var s = String.UnicodeScalarView()
    for b in bytes { s.append(Unicode.Scalar(b)) }
    return String(s)
}
