import Foundation
import Testing

@testable import LinimasaText

/// Needs Debian's hunspell-id (`scripts/test.sh` installs it).
@Suite struct StemmerTests {
    static let stemmer: Stemmer = {
        let dir = ProcessInfo.processInfo.environment["LINIMASA_HUNSPELL_DIR"] ?? HunspellLexicon.defaultDirectory
        let dic = FileManager.default.contents(atPath: dir + "/id_ID.dic") ?? Data()
        let aff = FileManager.default.contents(atPath: dir + "/id_ID.aff") ?? Data()
        return Stemmer(lexicon: HunspellLexicon(dic: Array(dic), aff: Array(aff)))
    }()

    @Test func lexiconIsInstalled() {
        #expect(Self.stemmer.lexicon.roots.count > 30_000, "install hunspell-id: apt-get install hunspell-id")
        #expect(Self.stemmer.lexicon.forms.count > 100_000)
    }

    @Test(arguments: [
        // Known Sastrawi errors, avoided.
        ("dikurangi", "kurang"), ("berikan", "beri"), ("pergerakan", "gerak"), ("relawan", "relawan"),
        // Prefixes with sound changes, confixes, clitics, reduplication.
        ("menyelesaikan", "selesai"), ("pembicaraan", "bicara"), ("kepresidenan", "presiden"), ("memperkuat", "kuat"),
        ("diketahui", "tahu"), ("mengalahkan", "kalah"), ("mengundang", "undang"), ("membawakan", "bawa"),
        ("langkah-langkah", "langkah"), ("isu-isu", "isu"), ("kebenaran", "benar"), ("tersebut", "sebut"),
        ("mengkonfirmasi", "konfirmasi"), ("bertemu", "temu"), ("menjadi", "jadi"), ("adalah", "adalah"),
        // Names are left alone.
        ("Bekasi", "bekasi"), ("Bali", "bali"), ("Sochi", "sochi"), ("Erdogan", "erdogan"),
    ])
    func stems(_ word: String, _ expected: String) {
        #expect(Self.stemmer.stem(word) == expected)
    }

    @Test func parsesHunspellAffixRules() {
        let aff = Array("FLAG long\nPFX M0 Y 2\nPFX M0 0 mem [bfv]\nPFX M0 p mem p[^l^r]\nSFX k0 Y 1\nSFX k0 0 kan .\n".utf8)
        let dic = Array("2\npukul/M0k0\nbaca/M0\n".utf8)
        let lex = HunspellLexicon(dic: dic, aff: aff)
        #expect(lex.forms["memukul"] == "pukul")
        #expect(lex.forms["pukulkan"] == "pukul")
        #expect(lex.forms["memukulkan"] == "pukul")  // cross product
        #expect(lex.forms["membaca"] == "baca")
        #expect(lex.forms["mempukul"] == nil)  // the p rule strips the p
        #expect(lex.forms["bacakan"] == nil)  // baca has no k0 flag
    }
}

/// The lexicon's table of forms against the dictionary of strings it replaced (kept here as the
/// reference): the same forms with the same roots, ties between two roots' analyses broken the
/// same way (fewer affix letters, then more flags, then the root read first).
@Suite struct FormTableTests {
    /// The expansion as it was written before the table: strings for forms and flags.
    static func referenceForms(dic: [UInt8], aff: [UInt8]) -> [String: String] {
        struct Rule { var strip: [UInt8]; var add: [UInt8]; var condition: [HunspellLexicon.CharClass]; var continuation: [String] }
        struct Group { var isPrefix: Bool; var cross: Bool; var rules: [Rule] }
        func text(_ b: [UInt8]) -> String { String(String.UnicodeScalarView(b.map { Unicode.Scalar($0) })) }
        var groups: [String: Group] = [:]
        for lineSlice in aff.split(separator: 0x0A) {
            let fields = lineSlice.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }).map { Array($0) }
            guard fields.count >= 4, fields[0] == Array("PFX".utf8) || fields[0] == Array("SFX".utf8) else { continue }
            let flag = text(fields[1])
            if groups[flag] == nil {
                groups[flag] = Group(isPrefix: fields[0] == Array("PFX".utf8), cross: fields[2] == [UInt8(ascii: "Y")], rules: [])
                continue
            }
            var addField = fields[3]
            var cont: [String] = []
            if let slash = addField.firstIndex(of: UInt8(ascii: "/")) {
                let c = Array(addField[(slash + 1)...])
                var k = 0
                while k < c.count - 1 { cont.append(text(Array(c[k...(k + 1)]))); k += 2 }
                addField = Array(addField[..<slash])
            }
            let cond = fields.count >= 5 && fields[4].first != UInt8(ascii: "#") ? HunspellLexicon.parseCondition(fields[4]) : []
            groups[flag]!.rules.append(
                Rule(strip: fields[2] == [UInt8(ascii: "0")] ? [] : fields[2], add: addField == [UInt8(ascii: "0")] ? [] : addField,
                    condition: cond, continuation: cont))
        }
        func rule(_ r: Rule) -> HunspellLexicon.Rule { .init(strip: r.strip, add: r.add, condition: r.condition, continuation: [], circumfix: false) }
        func applies(_ r: Rule, _ w: [UInt8], _ prefix: Bool) -> Bool { HunspellLexicon.applies(rule(r), to: w, prefix: prefix) }
        func apply(_ r: Rule, _ w: [UInt8], _ prefix: Bool) -> [UInt8] { HunspellLexicon.apply(rule(r), to: w, prefix: prefix) }
        var best: [String: (root: String, cost: Int, flags: Int)] = [:]
        var flagCount = 0
        func offer(_ form: [UInt8], _ root: String, _ cost: Int) {
            let key = text(form)
            if let old = best[key], old.cost < cost || (old.cost == cost && old.flags >= flagCount) { return }
            best[key] = (root, cost, flagCount)
        }
        var first = true
        for lineSlice in dic.split(separator: 0x0A) {
            if first { first = false; if lineSlice.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 || $0 == 0x0D }) { continue } }
            let line = Array(lineSlice.prefix { $0 != 0x0D && $0 != 0x20 && $0 != 0x09 })
            guard !line.isEmpty else { continue }
            var word = line
            var flags: [String] = []
            if let slash = line.firstIndex(of: UInt8(ascii: "/")) {
                word = Array(line[..<slash])
                let f = Array(line[(slash + 1)...])
                var k = 0
                while k + 1 < f.count { flags.append(text(Array(f[k...(k + 1)]))); k += 2 }
            }
            word = word.map { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0xC0 && $0 <= 0xDE && $0 != 0xD7) ? $0 | 0x20 : $0 }
            let root = text(word)
            flagCount = flags.count
            offer(word, root, 0)
            var rootSuffixed: [([UInt8], Int)] = []
            for f in flags {
                guard let g = groups[f] else { continue }
                for r in g.rules where applies(r, word, g.isPrefix) {
                    let w = apply(r, word, g.isPrefix)
                    let cost = r.add.count + (g.isPrefix ? 1 : 0)
                    let circumfix = r.continuation.contains("A1")
                    if g.isPrefix {
                        if !circumfix { offer(w, root, cost) }
                        continue
                    }
                    var stage: [([UInt8], Int)] = circumfix ? [] : [(w, cost)]
                    for c in r.continuation where c != "A1" {
                        guard let cg = groups[c], cg.isPrefix else { continue }
                        for pr in cg.rules where applies(pr, w, true) { stage.append((apply(pr, w, true), cost + pr.add.count + 1)) }
                    }
                    var withClitics = stage
                    for c in r.continuation where c != "A1" {
                        guard let cg = groups[c], !cg.isPrefix else { continue }
                        for (s, sc) in stage {
                            for cr in cg.rules where applies(cr, s, false) { withClitics.append((apply(cr, s, false), sc + cr.add.count)) }
                        }
                    }
                    for (s, sc) in withClitics { offer(s, root, sc) }
                    if g.cross && !circumfix { rootSuffixed.append((w, cost)) }
                }
            }
            guard !rootSuffixed.isEmpty else { continue }
            for f in flags {
                guard let g = groups[f], g.isPrefix, g.cross else { continue }
                for r in g.rules where !r.continuation.contains("A1") && applies(r, word, true) {
                    for (s, sc) in rootSuffixed where applies(r, s, true) { offer(apply(r, s, true), root, sc + r.add.count + 1) }
                }
            }
        }
        return best.filter { $0.value.cost > 0 }.mapValues(\.root)
    }

    static func check(dic: [UInt8], aff: [UInt8]) {
        let lexicon = HunspellLexicon(dic: dic, aff: aff)
        let reference = referenceForms(dic: dic, aff: aff)
        let table = lexicon.forms.allForms()
        #expect(lexicon.forms.count == reference.count)
        #expect(table.count == reference.count)
        for (form, root) in reference where table[form] != root || lexicon.forms[form] != root {
            Issue.record("\(form): \(lexicon.forms[form] ?? "nil") against \(root)")
            break
        }
    }

    /// Ties (two roots give "bacaan" at one cost: the one with more flags wins, then the first),
    /// a circumfix, clitics after a suffix, cross products, a form of Latin-1 bytes, a root that is
    /// also another root's form.
    @Test func aSmallLexiconGivesTheReferenceForms() {
        // In ISO 8859-1, as hunspell's files are: "é" one byte.
        let aff = Array(
            """
            FLAG long
            PFX M0 Y 2
            PFX M0 0 mem [bfv]
            PFX M0 p mem p[^l^r]
            PFX K0 Y 1
            PFX K0 0 ke/A1 .
            SFX k0 Y 1
            SFX k0 0 kan .
            SFX a0 Y 1
            SFX a0 0 an/K0n0 .
            SFX n0 Y 2
            SFX n0 0 nya .
            SFX n0 0 lah .
            SFX x0 Y 1
            SFX x0 0 é .

            """.unicodeScalars.map { UInt8($0.value) })
        let dic = Array("6\npukul/M0k0\nbaca/M0a0\nbacaa/a0k0\nbaca/a0\npukulkan\nkafe/x0\n".utf8)
        Self.check(dic: dic, aff: aff)
        let lexicon = HunspellLexicon(dic: dic, aff: aff)
        #expect(lexicon.forms["memukulkan"] == "pukul")
        #expect(lexicon.forms["pukulkan"] == nil)  // a root of its own
        #expect(lexicon.forms["kebacaan"] == "baca")
        #expect(lexicon.forms["bacaannya"] == "baca")
        #expect(lexicon.forms["kafeé"] == "kafe")
    }

    /// hunspell-id itself, every form (`scripts/test.sh` installs it).
    @Test func hunspellIDGivesTheReferenceForms() {
        let dir = ProcessInfo.processInfo.environment["LINIMASA_HUNSPELL_DIR"] ?? HunspellLexicon.defaultDirectory
        guard let dic = FileManager.default.contents(atPath: dir + "/id_ID.dic"), let aff = FileManager.default.contents(atPath: dir + "/id_ID.aff")
        else {
            Issue.record("install hunspell-id: apt-get install hunspell-id")
            return
        }
        Self.check(dic: Array(dic), aff: Array(aff))
    }
}
