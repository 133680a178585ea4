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
