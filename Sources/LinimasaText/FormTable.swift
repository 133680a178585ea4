/// A lexicon's derived forms and the root each stands for (`HunspellLexicon.forms`): one
/// open-addressing table over the forms' bytes, laid end to end, instead of a dictionary of strings.
/// Reading hunspell-id offers some 400,000 forms; a string and a dictionary entry for each was most
/// of the start-up of every command that stems.
///
/// Looked up by a word as a `String` compares: an ASCII word by its bytes, a word of other bytes
/// through a dictionary of the forms of other bytes (none in hunspell-id), so that canonically
/// equivalent spellings still find each other. (The only characters past ASCII that are canonically
/// one with ASCII ones are the Kelvin sign, which lower case makes "k" before the stemmer asks, and
/// two punctuation marks, ";" and "`", that no form holds.)
public struct FormTable: Sendable {
    /// Entry numbers (-1: empty), a power of two of them.
    let slots: [Int32]
    let hashes: [UInt64]
    /// Entry `e`'s bytes are `bytes[starts[e]..<starts[e + 1]]` (none kept for a form of other bytes,
    /// which no slot holds).
    let starts: [Int32]
    let bytes: [UInt8]
    /// Entry `e`'s root, -1 when the entry is a root itself and no derived form.
    let roots: [Int32]
    let rootNames: [String]
    /// Forms of bytes past ASCII, by their strings.
    let other: [String: Int32]
    /// The number of derived forms.
    public let count: Int

    public subscript(_ word: String) -> String? {
        var w = word
        // nil for a word past ASCII (looked up by its string), else the entry found by its bytes.
        let byBytes = w.withUTF8 { b -> Int32?? in
            guard !b.contains(where: { $0 >= 0x80 }) else { return nil }
            let e = FormTable.probe(hashBytes(b), b, slots: slots, hashes: hashes, starts: starts, bytes: bytes).entry
            return .some(e < 0 ? nil : e)
        }
        guard let e = byBytes ?? other[word], roots[Int(e)] >= 0 else { return nil }
        return rootNames[Int(roots[Int(e)])]
    }

    /// Where the ASCII form `w` (of hash `h`) stands: its slot and entry, or the empty slot where it
    /// would go and -1. The table's and the builder's one probe.
    static func probe(
        _ h: UInt64, _ w: UnsafeBufferPointer<UInt8>, slots: [Int32], hashes: [UInt64], starts: [Int32], bytes: [UInt8]
    ) -> (slot: Int, entry: Int32) {
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: h) & mask
        return bytes.withUnsafeBufferPointer { b in
            while true {
                let e = slots[s]
                if e < 0 { return (s, -1) }
                let i = Int(e)
                if hashes[i] == h && Int(starts[i + 1] - starts[i]) == w.count && equal(b, Int(starts[i]), w) { return (s, e) }
                s = (s + 1) & mask
            }
        }
    }

    /// Every derived form with its root (for tests: the table against a dictionary of strings).
    func allForms() -> [String: String] {
        var out: [String: String] = [:]
        let isOther = Set(other.values)
        for (key, e) in other where roots[Int(e)] >= 0 { out[key] = rootNames[Int(roots[Int(e)])] }
        for e in roots.indices where roots[e] >= 0 && !isOther.contains(Int32(e)) {
            out[String(decoding: bytes[Int(starts[e])..<Int(starts[e + 1])], as: UTF8.self)] = rootNames[Int(roots[e])]
        }
        return out
    }

    /// Whether `w` is the bytes of `b` from `at` on (the caller knows they fit).
    @inline(__always) static func equal(_ b: UnsafeBufferPointer<UInt8>, _ at: Int, _ w: UnsafeBufferPointer<UInt8>) -> Bool {
        for k in 0..<w.count where b[at + k] != w[k] { return false }
        return true
    }

    /// Gathers offers of (form, root, cost) and keeps, for each form, the cheapest: fewer affix
    /// letters, then the root with more flags, then the root offered first.
    struct Builder {
        var slots: [Int32]
        var hashes: [UInt64] = []
        var starts: [Int32] = [0]
        var bytes: [UInt8] = []
        var roots: [Int32] = []
        var costs: [Int32] = []
        var flags: [Int32] = []
        var rootNames: [String] = []
        var other: [String: Int32] = [:]

        /// Room for `forms` forms of about ten bytes before any array grows (hunspell-id: 400,000).
        init(forms: Int = 1 << 19) {
            var n = 1 << 10
            while n < forms * 2 { n <<= 1 }
            slots = [Int32](repeating: -1, count: n)
            hashes.reserveCapacity(forms)
            starts.reserveCapacity(forms + 1)
            bytes.reserveCapacity(forms * 10)
            roots.reserveCapacity(forms)
            costs.reserveCapacity(forms)
            flags.reserveCapacity(forms)
        }

        /// A root's number, in the order roots are read.
        mutating func addRoot(_ name: String) -> Int32 {
            rootNames.append(name)
            return Int32(rootNames.count - 1)
        }

        /// `form` in ISO 8859-1 bytes, as the lexicon's files hold it.
        mutating func offer(_ form: [UInt8], root: Int32, cost: Int, flags count: Int) {
            let e: Int
            if form.allSatisfy({ $0 < 0x80 }) {
                let h = hashBytes(form)
                let (s, found) = form.withUnsafeBufferPointer {
                    FormTable.probe(h, $0, slots: slots, hashes: hashes, starts: starts, bytes: bytes)
                }
                if found < 0 {
                    e = append(hash: h, bytes: form)
                    slots[s] = Int32(e)
                    if roots.count * 2 > slots.count { grow() }
                } else {
                    e = Int(found)
                }
            } else {
                let key = latin1(form)
                if let i = other[key] {
                    e = Int(i)
                } else {
                    e = append(hash: 0, bytes: [])
                    other[key] = Int32(e)
                }
            }
            if roots[e] >= 0, costs[e] < cost || (costs[e] == cost && flags[e] >= count) { return }
            roots[e] = root
            costs[e] = Int32(cost)
            flags[e] = Int32(count)
        }

        /// A new entry with no offer kept yet (root -1 until `offer` sets it).
        private mutating func append(hash: UInt64, bytes b: [UInt8]) -> Int {
            hashes.append(hash)
            bytes.append(contentsOf: b)
            starts.append(Int32(bytes.count))
            roots.append(-1)
            costs.append(0)
            flags.append(0)
            return roots.count - 1
        }

        private mutating func grow() {
            var bigger = [Int32](repeating: -1, count: slots.count * 2)
            let mask = bigger.count - 1
            for e in slots where e >= 0 {
                var s = Int(truncatingIfNeeded: hashes[Int(e)]) & mask
                while bigger[s] >= 0 { s = (s + 1) & mask }
                bigger[s] = e
            }
            slots = bigger
        }

        /// The table of derived forms: an entry whose cheapest offer is the root itself (cost 0) is
        /// no derived form.
        func finish() -> FormTable {
            var roots = self.roots
            var count = 0
            for e in roots.indices {
                if costs[e] == 0 { roots[e] = -1 } else if roots[e] >= 0 { count += 1 }
            }
            return FormTable(
                slots: slots, hashes: hashes, starts: starts, bytes: bytes, roots: roots, rootNames: rootNames, other: other, count: count)
        }
    }
}
