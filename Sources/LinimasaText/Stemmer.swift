/// An Indonesian stemmer on the hunspell-id lexicon: table look-up first, then confix stripping
/// checked against the lexicon.
///
/// 1. A root stays as it is; a form generated from the lexicon's affix rules maps to its root.
/// 2. Reduplication: "langkah-langkah" → "langkah", "drone-drone" → "drone".
/// 3. Particles and possessives (-lah, -kah, -pun, -nya, -ku, -mu) come off and the rest is looked up.
/// 4. Non-standard spellings that keep the initial consonant ("mengkonfirmasi", "mempengaruhi") are
///    looked up in their standard form.
/// 5. Confix stripping (prefixes di-, ke-, se-, ber-, ter-, per-, meN-, peN- with their sound changes,
///    suffixes -i, -kan, -an) is accepted only when it lands on a root that takes affixes.
/// Anything else, names included ("Bekasi", "Sochi"), is returned unchanged in lower case.
public struct Stemmer: Sendable {
    public let lexicon: HunspellLexicon
    public init(lexicon: HunspellLexicon) { self.lexicon = lexicon }

    /// Words that look derived but are words of their own: "adalah" is not "ada" + "-lah".
    public static let lexicalized: Set<String> = ["adalah", "kalian", "mengapa", "mulai"]

    public func stem(_ word: String) -> String {
        let w = word.lowercased()
        if Stemmer.lexicalized.contains(w) { return w }
        let capitalized = word.first?.isUppercase == true
        if lexicon.roots.contains(w) { return unbound(w) }
        if let r = lexicon.forms[w] {
            // "membawakan" → "bawakan" (a root of its own) → "bawa".
            if r.hasSuffix("kan"), lexicon.roots.contains(String(r.dropLast(3))) { return String(r.dropLast(3)) }
            return unbound(r)
        }
        // Reduplication.
        if let dash = w.firstIndex(of: "-") {
            let a = String(w[..<dash])
            let b = String(w[w.index(after: dash)...])
            if a == b || b.hasSuffix(a) || a.hasSuffix(b) { return stem(a.count <= b.count ? a : b) }
            return w
        }
        for clitic in ["nya", "lah", "kah", "pun", "ku", "mu"] where w.hasSuffix(clitic) && w.count > clitic.count + 3 {
            let base = String(w.dropLast(clitic.count))
            if let r = lookup(base) { return r }
        }
        if let r = lookupStandardSpelling(w) { return r }
        // Names keep their letters: no rule-based stripping of capitalized words.
        if capitalized { return w }
        return confixStrip(w) ?? w
    }

    func lookup(_ w: String) -> String? {
        if lexicon.roots.contains(w) { return unbound(w) }
        return lexicon.forms[w].map(unbound)
    }

    /// A bound root ("ketahu") stands for the free root inside it ("tahu").
    func unbound(_ r: String) -> String {
        guard lexicon.boundRoots.contains(r) else { return r }
        for p in ["ke", "se", "ber", "per", "pe", "ter", "be"] where r.hasPrefix(p) {
            let rest = String(r.dropFirst(p.count))
            if lexicon.roots.contains(rest) { return rest }
        }
        return r
    }

    /// "mengkonfirmasi" → "mengonfirmasi", "mempengaruhi" → "memengaruhi", "mensukseskan" → "menyukseskan".
    func lookupStandardSpelling(_ w: String) -> String? {
        let pairs: [(String, String)] = [
            ("mengk", "meng"), ("memp", "mem"), ("ment", "men"), ("mens", "meny"), ("pengk", "peng"), ("pemp", "pem"),
            ("pent", "pen"), ("pens", "peny"),
        ]
        for (bad, good) in pairs where w.hasPrefix(bad) {
            let std = good + w.dropFirst(bad.count)
            if let r = lookup(std), r.first == bad.last { return r }
        }
        return nil
    }

    static let suffixes = ["kan", "an", "i", ""]
    static let prefixes: [(String, [String])] = [
        ("meng", ["", "k"]), ("meny", ["s"]), ("mem", ["p", "", "b"]), ("men", ["t", ""]), ("me", [""]),
        ("peng", ["", "k"]), ("peny", ["s"]), ("pem", ["p", ""]), ("pen", ["t", ""]), ("per", [""]), ("pe", [""]),
        ("ber", [""]), ("be", [""]), ("ter", [""]), ("te", [""]), ("di", [""]), ("ke", [""]), ("se", [""]),
    ]

    /// Rule-based confix stripping, validated against productive roots (at least four letters).
    func confixStrip(_ w: String) -> String? {
        for suffix in Stemmer.suffixes where w.hasSuffix(suffix) && w.count > suffix.count + 3 {
            let base = String(w.dropLast(suffix.count))
            if !suffix.isEmpty, valid(base) { return base }
            if let r = stripPrefixes(base, depth: 0) { return r }
        }
        return nil
    }

    func stripPrefixes(_ w: String, depth: Int) -> String? {
        guard depth < 2 else { return nil }
        for (prefix, restores) in Stemmer.prefixes where w.hasPrefix(prefix) && w.count > prefix.count + 3 {
            let rest = String(w.dropFirst(prefix.count))
            for r in restores {
                let cand = r + rest
                if valid(cand) { return cand }
                if let f = lookup(cand), lexicon.productiveRoots.contains(f) { return f }
            }
            if let deeper = stripPrefixes(rest, depth: depth + 1) { return deeper }
        }
        return nil
    }

    func valid(_ root: String) -> Bool { root.count >= 4 && lexicon.productiveRoots.contains(root) }
}
