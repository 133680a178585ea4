import Testing

@testable import LinimasaText

@Suite struct TokenizerTests {
    func words(_ s: String) -> [String] {
        let t = TokenizedText(s)
        return t.tokens.indices.map { t.text($0) }
    }

    @Test(arguments: [
        ("langkah-langkah yang kita ambil", ["langkah-langkah", "yang", "kita", "ambil"]),
        ("rudal S-400 dan COVID-19", ["rudal", "S-400", "dan", "COVID-19"]),
        ("senilai 2,5 miliar AS Dolar", ["senilai", "2,5", "miliar", "AS", "Dolar"]),
        ("100 miliar dolar AS.", ["100", "miliar", "dolar", "AS", "."]),
        ("lebih dari 6.000 jiwa", ["lebih", "dari", "6.000", "jiwa"]),
        ("“Kami tidak,” kata dia", ["“", "Kami", "tidak", ",", "”", "kata", "dia"]),
        ("\"Halo\" 'ya'", ["\"", "Halo", "\"", "'", "ya", "'"]),
        ("kirim ke redaksi@contoh.co.id sekarang", ["kirim", "ke", "redaksi@contoh.co.id", "sekarang"]),
        ("lihat https://rmol.id/about/reni-erina-1, lalu", ["lihat", "https://rmol.id/about/reni-erina-1", ",", "lalu"]),
        ("Liputan6.com, Moskow", ["Liputan6.com", ",", "Moskow"]),
        ("Jum'at pagi", ["Jum'at", "pagi"]),
        ("Hidayatullah.com–Menteri", ["Hidayatullah.com", "–", "Menteri"]),
        ("akhir kalimat.Awal", ["akhir", "kalimat", ".", "Awal"]),
    ])
    func keepsUnitsWhole(_ input: String, _ expected: [String]) {
        #expect(words(input) == expected)
    }

    @Test func classifiesTokens() {
        let t = TokenizedText("Pada 2019, lihat www.contoh.com atau a@b.id !")
        let kinds = t.tokens.map(\.kind)
        #expect(kinds == [.word, .number, .punct, .word, .url, .word, .email, .punct])
    }

    @Test func neverLosesOrOverlapsBytes() {
        let s = "Presiden  Putin\u{00A0}bertemu — “Erdogan” di Sochi… 30/9/2021 ü"
        let t = TokenizedText(s)
        var last = 0
        for tok in t.tokens {
            #expect(tok.start >= last && tok.end > tok.start)
            last = tok.end
        }
        #expect(last <= t.bytes.count)
    }
}
