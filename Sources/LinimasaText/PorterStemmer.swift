/// The Porter (1980) stemmer for English, over ASCII lower-case bytes, as ROUGE-1.5.5 applies it
/// (`-m`) and as English articles are compared when grouping.
public enum PorterStemmer {
    public static func stem(_ word: String) -> String {
        let b = Array(word.utf8)
        guard b.count > 2, b.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return word }
        var s = Porter(b)
        s.run()
        return String(decoding: s.w, as: UTF8.self)
    }
}

private struct Porter {
    var w: [UInt8]
    init(_ w: [UInt8]) { self.w = w }

    func isConsonant(_ i: Int) -> Bool {
        switch w[i] {
        case 0x61, 0x65, 0x69, 0x6F, 0x75: return false  // a e i o u
        case 0x79: return i == 0 ? true : !isConsonant(i - 1)  // y
        default: return true
        }
    }

    /// m(): the number of VC sequences in w[0..<end].
    func measure(_ end: Int) -> Int {
        var n = 0
        var i = 0
        while i < end && isConsonant(i) { i += 1 }
        while i < end {
            while i < end && !isConsonant(i) { i += 1 }
            if i >= end { break }
            n += 1
            while i < end && isConsonant(i) { i += 1 }
        }
        return n
    }

    func hasVowel(_ end: Int) -> Bool { (0..<end).contains { !isConsonant($0) } }

    func doubleConsonant(_ end: Int) -> Bool {
        end >= 2 && w[end - 1] == w[end - 2] && isConsonant(end - 1)
    }

    /// cvc at the end of w[0..<end], where the last c is not w, x or y.
    func cvc(_ end: Int) -> Bool {
        guard end >= 3, isConsonant(end - 1), !isConsonant(end - 2), isConsonant(end - 3) else { return false }
        let c = w[end - 1]
        return c != 0x77 && c != 0x78 && c != 0x79
    }

    func ends(_ s: String) -> Bool {
        let u = Array(s.utf8)
        return w.count >= u.count && Array(w[(w.count - u.count)...]) == u
    }

    mutating func setEnd(_ suffix: String, _ replacement: String) {
        w.removeLast(suffix.utf8.count)
        w.append(contentsOf: replacement.utf8)
    }

    /// Replaces `suffix` by `replacement` when the stem before it has measure > `minMeasure`.
    mutating func replace(_ suffix: String, _ replacement: String, minMeasure: Int) -> Bool {
        guard ends(suffix) else { return false }
        if measure(w.count - suffix.utf8.count) > minMeasure { setEnd(suffix, replacement) }
        return true
    }

    mutating func run() {
        step1a(); step1b(); step1c(); step2(); step3(); step4(); step5()
    }

    mutating func step1a() {
        if ends("sses") { setEnd("sses", "ss") } else if ends("ies") { setEnd("ies", "i") } else if ends("ss") {
        } else if ends("s") { w.removeLast() }
    }

    mutating func step1b() {
        if ends("eed") {
            if measure(w.count - 3) > 0 { w.removeLast() }
            return
        }
        var cut = 0
        if ends("ed"), hasVowel(w.count - 2) { cut = 2 } else if ends("ing"), hasVowel(w.count - 3) { cut = 3 }
        guard cut > 0 else { return }
        w.removeLast(cut)
        if ends("at") || ends("bl") || ends("iz") {
            w.append(0x65)
        } else if doubleConsonant(w.count) {
            let c = w[w.count - 1]
            if c != 0x6C && c != 0x73 && c != 0x7A { w.removeLast() }
        } else if measure(w.count) == 1 && cvc(w.count) {
            w.append(0x65)
        }
    }

    mutating func step1c() {
        if ends("y"), hasVowel(w.count - 1) { w[w.count - 1] = 0x69 }
    }

    mutating func step2() {
        let rules: [(String, String)] = [
            ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"),
            ("bli", "ble"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"),
            ("ization", "ize"), ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("iveness", "ive"),
            ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"),
            ("logi", "log"),
        ]
        for (s, r) in rules where replace(s, r, minMeasure: 0) { return }
    }

    mutating func step3() {
        let rules: [(String, String)] = [
            ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", ""),
        ]
        for (s, r) in rules where replace(s, r, minMeasure: 0) { return }
    }

    mutating func step4() {
        let suffixes = [
            "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism",
            "ate", "iti", "ous", "ive", "ize",
        ]
        for s in suffixes where ends(s) {
            let stemEnd = w.count - s.utf8.count
            if s == "ion" {
                guard stemEnd > 0, w[stemEnd - 1] == 0x73 || w[stemEnd - 1] == 0x74 else { return }
            }
            if measure(stemEnd) > 1 { w.removeLast(s.utf8.count) }
            return
        }
    }

    mutating func step5() {
        if ends("e") {
            let m = measure(w.count - 1)
            if m > 1 || (m == 1 && !cvc(w.count - 1)) { w.removeLast() }
        }
        if ends("ll"), measure(w.count) > 1 { w.removeLast() }
    }
}
