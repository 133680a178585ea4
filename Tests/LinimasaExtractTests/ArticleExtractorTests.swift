import Testing

@testable import LinimasaCore
@testable import LinimasaExtract

@Suite struct ArticleExtractorTests {
    let extractor = ArticleExtractor()

    func extract(_ text: String, given: GivenFields = GivenFields()) -> ArticleExtractor.Result {
        extractor.extract(RawDocument(id: "t", source: "t.txt", text: text, given: given))
    }

    /// One page with every leftover the cleaner must recognize.
    static let kitchenSink = """
        Contoh.id Mobile
        Menu Utama
        Banjir Besar Rendam Ribuan Rumah di Bekasi

        Penulis: BUDI SANTOSO | Editor: Ani
        Kamis, 07 Jan 2021 09:15 WIB
        Warga mengungsi di atas perahu karet (Foto: ANTARA/Fakhri)
        Petugas mengevakuasi warga/Istimewa
        BEKASI, Contoh.id - Banjir merendam ribuan rumah di Bekasi sejak Rabu (6/1) malam setelah hujan deras mengguyur.
        Advertisement
        "Air naik cepat sekali. Kami tidak sempat menyelamatkan barang," kata Siti, warga setempat.
        Baca juga:
        - Hujan Deras Diprediksi Sampai Akhir Pekan
        - Tanggul Jebol di Karawang
        Pemerintah kota menyiapkan posko pengungsian di 12 titik, kata wali kota kepada wartawan.
        Simak berita terkini lainnya, silakan klik di sini untuk mengikuti kanal kami di Google News.
        (bs/an)
        """

    @Test func cleansTheKitchenSinkPage() {
        let r = extract(Self.kitchenSink)
        #expect(r.title == "Banjir Besar Rendam Ribuan Rumah di Bekasi")
        #expect(r.author == "Budi Santoso")
        #expect(r.outlet == "Contoh.id")
        #expect(r.dateline == "BEKASI")
        #expect(r.published.value == "2021-01-07T09:15:00+07:00")
        #expect(r.published.method == .explicit)
        #expect(r.body.count == 3)
        #expect(r.body[0].hasPrefix("Banjir merendam"))
        #expect(r.body[1].hasPrefix("\"Air naik"))
        #expect(r.body[2].hasPrefix("Pemerintah kota"))
        let reasons = Dictionary(grouping: r.removed, by: \.reason).mapValues { $0.map(\.text) }
        #expect(reasons[.navigation] == ["Contoh.id Mobile", "Menu Utama"])
        #expect(reasons[.photoCaption]?.count == 2)
        #expect(reasons[.relatedLinks]?.count == 3)
        #expect(reasons[.advertisement] == ["Advertisement"])
        #expect(reasons[.editorCode] == ["(bs/an)"])
        #expect(reasons[.callToAction]?.count == 1)
        #expect(reasons[.byline]?.count == 2)
        #expect(reasons[.dateline] == ["BEKASI, Contoh.id -"])
        // Nothing is lost: every non-blank input line is in the body or in `removed`.
        let lines = Self.kitchenSink.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        #expect(r.removed.count + r.body.count == lines.count + 1)  // the dateline prefix is cut from a body line
    }

    /// detik.com's video promotions inside the text (62 of the 404 articles of the detik set): their
    /// headlines name people and matters of other stories.
    @Test func videoPromotionsAreNotTheArticle() {
        let r = extract("""
            Purbaya Janji Kendalikan Inflasi

            Menteri Keuangan Purbaya Yudhi Sadewa berjanji mengendalikan laju inflasi tahun depan.

            Tonton juga video "Tumpukan Duit Triliunan Rupiah Diserahkan Jaksa Agung ke Purbaya di Depan Prabowo" di sini:

            Saksikan Live DetikPagi :

            Ia menyebut harga pangan menjadi perhatian utama pemerintah.
            """)
        #expect(r.body.contains { $0.hasPrefix("Menteri Keuangan Purbaya") })
        #expect(r.body.contains { $0.hasPrefix("Ia menyebut") })
        #expect(r.body.allSatisfy { !$0.contains("Tonton") && !$0.contains("Saksikan") })
        #expect(r.removed.contains { $0.reason == .relatedLinks && $0.text.hasPrefix("Tonton juga video") })
        #expect(r.removed.contains { $0.reason == .callToAction && $0.text.hasPrefix("Saksikan Live") })
    }

    @Test func cityThenOutletDatelineWithADoubleDash() {
        let r = extract("Jakarta, CNN Indonesia -- Pasangan calon gubernur itu akhirnya blusukan bersama pada Senin (3/10) di pasar.\n\nMereka berbincang dengan para pedagang di sana.")
        #expect(r.outlet == "CNN Indonesia")
        #expect(r.dateline == "Jakarta")
        #expect(r.body.first?.hasPrefix("Pasangan calon gubernur") == true)
    }

    @Test func givenFieldsWin() {
        let r = extract(
            "JAKARTA - Presiden membuka rapat kabinet di Istana Negara pada Senin pagi bersama para menteri.",
            given: GivenFields(url: "https://news.detik.com/x", title: "Judul Asli", published: "2022-01-03T10:00:00+07:00", outlet: "Contoh"))
        #expect(r.title == "Judul Asli")
        #expect(r.outlet == "Contoh")
        #expect(r.published.value == "2022-01-03T10:00:00+07:00")
        #expect(r.published.method == .explicit)
    }

    @Test func outletFromTheURLWhenTheTextIsSilent() {
        let r = extract(
            "Presiden membuka rapat kabinet di Istana Negara pada Senin pagi bersama para menteri.",
            given: GivenFields(url: "https://www.liputan6.com/news/read/1"))
        #expect(r.outlet == "Liputan6.com")
        #expect(r.published.method == .unknown)
    }

    @Test func aLatestDateIsOnlyALowerBound() {
        let r = extract("Menteri itu mengatakan pada hari Selasa (29/12/2020) bahwa kerja sama akan berlanjut tahun depan.")
        #expect(r.published.value == "2020-12-29")
        #expect(r.published.method == .inferred)
        #expect(r.published.bound == "on-or-after")
    }

    @Test func keepsABodyWithNoRecognizableStructure() {
        let r = extract("satu dua tiga")
        #expect(r.body == ["satu dua tiga"])
        #expect(r.title == nil)
    }
}

@Suite struct HeaderTests {
    let extractor = ArticleExtractor()

    @Test func aLedeIsNotTakenForAHeadlineOrNavigation() {
        let text = """
            Apa varian cokelat favoritmu ?
            Bintang Atletico Madrid Antoine Griezmann mengungkapkan tekadnya untuk segera kembali pulih demi laga penting
            Ia berlatih setiap hari di pusat latihan klub bersama pelatih fisik dan tim medis yang mendampinginya.
            """
        let r = extractor.extract(RawDocument(id: "t", source: "t", text: text))
        #expect(r.title == nil)
        #expect(r.body.count == 3)
        #expect(r.removed.isEmpty)
    }

    @Test func anAgencyInBracketsEndsAParagraphWithoutMakingItACaption() {
        let text = "Presiden terpilih mengatakan dia akan bersikap lebih agresif terhadap negara itu, kata pejabat. (Reuters)\nTim Cook, CEO Apple (Foto: Reuters)"
        let r = extractor.extract(RawDocument(id: "t", source: "t", text: text))
        #expect(r.body.count == 1)
        #expect(r.removed.map(\.reason) == [.photoCaption])
    }

    @Test func aLowerCaseTailIsCutOnlyWhenItIsWidgetText() {
        let kept = extractor.extract(RawDocument(id: "t", source: "t", text: "Ia memilih kota itu, \"tempat yang indah.\" sebagai tujuan berikutnya"))
        #expect(kept.removed.isEmpty)
        let cut = extractor.extract(RawDocument(id: "t", source: "t", text: "Kerja sama itu berada di jalur yang benar. rmol news logo article"))
        #expect(cut.removed.map(\.text) == ["rmol news logo article"])
    }
}

/// The extractor's lines, found in bytes, are the lines Character splitting gives.
@Suite struct ExtractorLinesTests {
    @Test func linesAsCharacterSplitting() {
        let texts = [
            "", "\n", "\n\n", "a", "a\n", "\na", "satu\n\ndua\ntiga", "a\r\nb\nc", "\r\n\r\n", "\r", "a\rb\n",
            "é\n😀\n\u{301}\nx", "\u{0301}\n\u{0301}", "Judul\n\nParagraf pertama.\n\n\n(ant/abc)\n",
        ]
        for t in texts {
            #expect(ArticleExtractor.lines(t) == t.split(separator: "\n", omittingEmptySubsequences: false), "\(t.debugDescription)")
        }
        var random = SystemRandomNumberGenerator()
        let alphabet: [Character] = ["a", "\n", "\r", "\r\n", " ", "é", "\u{301}", "😀"]
        for _ in 0..<500 {
            let t = String((0..<Int.random(in: 0..<30, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
            #expect(ArticleExtractor.lines(t) == t.split(separator: "\n", omittingEmptySubsequences: false), "\(t.debugDescription)")
        }
    }
}
