import Testing

@testable import LinimasaText

@Suite struct SentenceSplitterTests {
    func split(_ s: String) -> [String] {
        let t = TokenizedText(s)
        return SentenceSplitter.split(t).map { t.text(from: $0.lowerBound, to: $0.upperBound) }
    }

    @Test func splitsPlainSentences() {
        #expect(split("Putin bertemu Erdogan. Mereka membahas Suriah! Apa hasilnya? Belum jelas.") == [
            "Putin bertemu Erdogan.", "Mereka membahas Suriah!", "Apa hasilnya?", "Belum jelas.",
        ])
    }

    @Test(arguments: [
        "Dr. Andi dan Prof. Budi hadir di Jl. Merdeka No. 5 kemarin.",
        "Surat itu a.n. Menteri ditandatangani Budi, S.H. di Jakarta.",
        "Ia bertemu H. Ahmad dan Ny. Siti di Bandung.",
        "Pada Sept. 29 keduanya bertemu.",
    ])
    func keepsAbbreviationsInside(_ s: String) {
        #expect(split(s) == [s])
    }

    @Test func endsAtAbbreviationsThatCloseSentences() {
        #expect(split("Ada beras, gula, dll. Harga naik.") == ["Ada beras, gula, dll.", "Harga naik."])
    }

    @Test func keepsAQuoteOfSeveralSentencesWithItsAttribution() {
        let s = "\"Langkah kita penting. Perdamaian bergantung pada kita,\" kata Erdogan. Putin setuju."
        #expect(split(s) == ["\"Langkah kita penting. Perdamaian bergantung pada kita,\" kata Erdogan.", "Putin setuju."])
    }

    @Test func attachesTheClosingQuoteToItsSentence() {
        #expect(split("“Kami tidak pernah menentang dialog.” Dia menambahkan hal lain.") == [
            "“Kami tidak pernah menentang dialog.”", "Dia menambahkan hal lain.",
        ])
    }

    @Test func splitsAnUnbalancedQuoteAsPlainText() {
        #expect(split("“Satu kalimat. Dua kalimat. Tiga") == ["“Satu kalimat.", "Dua kalimat.", "Tiga"])
    }

    @Test func lineBreaksEndSentences() {
        #expect(split("Judul tanpa titik\n\nIsi berita.") == ["Judul tanpa titik", "Isi berita."])
    }

    @Test func guessesLanguage() {
        #expect(LanguageGuess.guess(TokenizedText("Presiden Rusia dan Turki bertemu pada hari Rabu untuk membahas Suriah.")) == .id)
        #expect(LanguageGuess.guess(TokenizedText("The presidents of Russia and Turkey met on Wednesday to discuss Syria.")) == .en)
    }
}

@Suite struct MixedQuoteTests {
    @Test func aStraightQuoteClosesACurlyOne() {
        let t = TokenizedText("“Bagaimanapun, kami memberi respons. Tidak mungkin mundur.\" Putin diam.")
        let parts = SentenceSplitter.split(t).map { t.text(from: $0.lowerBound, to: $0.upperBound) }
        #expect(parts == ["“Bagaimanapun, kami memberi respons. Tidak mungkin mundur.\"", "Putin diam."])
    }
}
