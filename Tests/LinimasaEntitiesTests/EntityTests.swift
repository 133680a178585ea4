import Foundation
import LinimasaCore
import LinimasaText
import Testing

@testable import LinimasaEntities

/// Runs the finder over a text the way the pipeline does: one sentence per line here.
/// Each token's sentence's first token.
func sentenceStarts(_ t: TokenizedText) -> [Int] {
    var out = [Int](repeating: 0, count: t.tokens.count)
    var first = 0
    var next = SentenceSplitter.split(t).makeIterator()
    var range = next.next()
    for i in t.tokens.indices {
        while let r = range, t.tokens[i].start >= r.upperBound {
            range = next.next()
            first = i
        }
        out[i] = first
    }
    return out
}

func entitiesAndQuotes(_ text: String) -> (entities: [Entity], quotes: [Quote]) {
    let t = TokenizedText(text)
    let ranges = SentenceSplitter.split(t)
    let offsets = ScalarOffsets(t.bytes)
    let (entities, mentions) = EntityFinder().find(t, sentences: ranges, offsets: offsets)
    return (entities, QuoteFinder.find(t, sentences: ranges, mentions: mentions, entities: entities, offsets: offsets))
}

@Suite struct AliasTests {
    func cluster(_ names: [(String, String)]) -> [[String]] {
        let items = names.map { AliasResolver.Item(names: [$0.0: 1], kind: $0.1) }
        return AliasResolver.cluster(items).map { $0.map { names[$0].0 } }
    }

    @Test func peopleByFullNameShortNameAndTypo() {
        let groups = cluster([
            ("Erdogan", "PER"), ("Recep Tayyip Erdogan", "PER"), ("Reccep Tayyip Erdogan", "PER"), ("Vladimir Putin", "PER"),
            ("Putin", "PER"),
        ])
        #expect(groups.count == 2)
        #expect(Set(groups[0]) == ["Erdogan", "Recep Tayyip Erdogan", "Reccep Tayyip Erdogan"])
        #expect(Set(groups[1]) == ["Vladimir Putin", "Putin"])
    }

    /// One outlet keeps a name's accents and Icelandic letters, another writes it in plain letters.
    @Test func namesWithAndWithoutAccentsAreOne() {
        let groups = cluster([
            ("Matthías Alfreðsson", "PER"), ("Matthias Alfredsson", "PER"), ("François Hollande", "PER"), ("Francois Hollande", "PER"),
            ("Hollande", "PER"), ("Søren Kierkegaard", "PER"), ("Soren Kierkegaard", "PER"),
        ])
        #expect(groups.count == 3)
        #expect(groups.contains { Set($0) == ["Matthías Alfreðsson", "Matthias Alfredsson"] })
        #expect(groups.contains { Set($0) == ["François Hollande", "Francois Hollande", "Hollande"] })
        #expect(AliasResolver.folded("Alfreðsson Ølstad Łódź") == "alfredsson olstad lodz")
    }

    @Test func acronymsAndWellKnownNames() {
        let groups = cluster([
            ("Amerika Serikat", "LOC"), ("AS", "LOC"), ("Uni Eropa", "ORG"), ("UE", "ORG"), ("United States", "LOC"),
            ("Komisi Pemberantasan Korupsi", "ORG"), ("KPK", "ORG"), ("Jakarta", "LOC"),
        ])
        #expect(groups.count == 4)
        #expect(groups.contains { Set($0) == ["Amerika Serikat", "AS", "United States"] })
        #expect(groups.contains { Set($0) == ["Uni Eropa", "UE"] })
        #expect(groups.contains { Set($0) == ["Komisi Pemberantasan Korupsi", "KPK"] })
        #expect(AliasResolver.canonicalName(["AS": 3, "Amerika": 1], kind: "LOC") == "Amerika Serikat")
        // "as" in lower case is a word, not the United States.
        #expect(AliasResolver.known("as") == nil)
    }

    /// A person named and then given another name in parentheses or after "alias" is one person,
    /// however unlike the names are; a place with its province in parentheses is two places.
    @Test func namesTheTextDeclaresOneArePersonsAliases() {
        let (entities, _) = entitiesAndQuotes(
            """
            Presiden ketujuh Joko Widodo (Jokowi) melaporkan lima orang ke Polda Metro Jaya pada Rabu.
            Jokowi datang bersama pengacaranya, Yakup Hasibuan.
            KPK menangkap Wakil Menteri Immanuel Ebenezer alias Noel di Jakarta.
            Noel diperiksa selama sembilan jam.
            Wali Kota Bandung (Jawa Barat) Muhammad Farhan meninjau banjir.
            """)
        func entity(_ name: String) -> Entity? { entities.first { $0.aliases.contains(name) } }
        #expect(entity("Jokowi")?.canonical == "Joko Widodo")
        #expect(entity("Noel")?.aliases.contains("Immanuel Ebenezer") == true)
        #expect(entity("Jokowi")?.mentions.count == 3)
        if let bandung = entity("Bandung"), let jabar = entity("Jawa Barat") { #expect(bandung.canonical != jabar.canonical) }
    }

    /// A name one is in or goes to, or a region named, is a place, however many words it has.
    @Test func aNameAfterDiKeOrWilayahIsAPlace() {
        let (entities, _) = entitiesAndQuotes(
            """
            Rusia menengahi gencatan senjata atas wilayah Nagorno Karabakh yang disengketakan.
            Ketegangan kedua negara meningkat di Nagorno Karabakh pekan lalu.
            """)
        #expect(entities.first { $0.canonical == "Nagorno Karabakh" }?.kind == "LOC")
    }

    /// A name headed by a place's or an organisation's noun (first in Indonesian, last in English) is
    /// that place or organisation, never a person (sentences from detik.com, where the tagger took
    /// each for a person).
    @Test func aNameHeadedByAPlaceOrOfficeNounIsNoPerson() {
        let (entities, _) = entitiesAndQuotes(
            """
            Jika pembangunan Waduk Karian tersendat, ia menyatakan Pemprov DKI siap mengambil alih proyek tersebut.
            Satpolairud Polres Situbondo dan TNI AL patroli cegah kriminalitas di perairan.
            PIPES 2025 diselenggarakan oleh PT Pertamina Gas sebagai bagian dari Subholding Gas Pertamina.
            Bantuan diserahkan untuk Masjid Jihad Jorong Taratak Baru, Nagari Salimpek, Kecamatan Lembah Gumanti, Kabupaten Solok.
            Menteri Keuangan Sri Mulyani hadir bersama Budi Gunawan dan Dewi Sartika.
            Laporan itu disusun Indonesia Corruption Watch bersama Climate Council dan dibahas di Anti-Scam Center.
            "Saya yakin, Insya Allah, proses demokrasi di DKI akan berjalan lancar," kata Dewi Sartika.
            "Kami berlima Insha Allah akan sangat kompak ya karena bapak mengharapkan kita," kata Hariyadi.
            """)
        func kind(_ name: String) -> String? { entities.first { $0.aliases.contains(name) || $0.canonical == name }?.kind }
        let persons = Set(entities.filter { $0.kind == "PER" }.flatMap { $0.aliases + [$0.canonical] })
        for name in [
            "Waduk Karian", "Satpolairud Polres Situbondo", "Subholding Gas Pertamina", "Lembah Gumanti", "Nagari Salimpek",
            "Indonesia Corruption Watch", "Corruption Watch", "Climate Council", "Anti-Scam Center",
        ] {
            #expect(!persons.contains(name), "\(name) taken for a person")
        }
        for name in ["Insya Allah", "Insha Allah"] {
            #expect(!persons.contains(name), "\(name) taken for a person")
        }
        if let k = kind("Waduk Karian") { #expect(k == "LOC") }
        // People whose given names are common words stay people.
        #expect(kind("Sri Mulyani") == "PER")
        #expect(kind("Budi Gunawan") == "PER")
        #expect(kind("Dewi Sartika") == "PER")
    }

    /// Text written without capitals (transcripts, social posts, NERP) is tagged by the uncased
    /// tagger, and its names are given capitals as names are written; text with capitals, even a
    /// sentence without a name, goes the cased way.
    @Test func textWithoutCapitalsHasItsNamesFound() {
        let lower = """
            menteri luar negeri rusia sergei lavrov bertemu mitranya di moskow pada senin.

            komisi pemberantasan korupsi (kpk) memeriksa dedi mulyadi di gedung merah putih, jakarta.
            """
        func uncased(_ text: String) -> Bool {
            let t = TokenizedText(text)
            return EntityFinder.isUncased(t, sentences: SentenceSplitter.split(t).count)
        }
        #expect(uncased(lower))
        #expect(!uncased("Dalam rapat paripurna itu semua fraksi setuju."))
        #expect(!uncased(lower.replacingOccurrences(of: "sergei lavrov", with: "Sergei Lavrov")))
        // Sentence case: a capital at each sentence's start and on no name.
        let sentenceCase = """
            Menteri luar negeri rusia sergei lavrov bertemu mitranya di moskow pada senin. Keduanya membahas \
            perdagangan dan keamanan kawasan. Pertemuan itu berlangsung tiga jam di kantor kementerian.
            """
        #expect(uncased(sentenceCase))
        #expect(!uncased(sentenceCase.replacingOccurrences(of: "moskow", with: "Moskow")))
        #expect(entitiesAndQuotes(sentenceCase).entities.contains { $0.name == "Sergei Lavrov" && $0.kind == "PER" })
        let (entities, _) = entitiesAndQuotes(lower)
        func kind(_ name: String) -> String? { entities.first { $0.name == name || $0.aliases.contains(name) }?.kind }
        #expect(kind("Sergei Lavrov") == "PER")
        #expect(kind("Dedi Mulyadi") == "PER")
        #expect(kind("Moskow") == "LOC")
        #expect(kind("Jakarta") == "LOC")
        #expect(kind("Komisi Pemberantasan Korupsi") == "ORG")
        #expect(entities.first { $0.name == "Sergei Lavrov" }?.mentions.first?.text == "sergei lavrov")
        // The organisation's acronym in capitals, its other words with one.
        #expect(EntityFinder.capitalized("kpk", kind: .organization) == "KPK")
        #expect(EntityFinder.capitalized("bank dunia", kind: .organization) == "Bank Dunia")
        #expect(EntityFinder.capitalized("dedi mulyadi", kind: .person) == "Dedi Mulyadi")
    }

    /// The noun before a name says what it names (sentences from detik.com and IndoSum, where the
    /// tagger took each for a person): a designator heading the name makes it a place or an
    /// organisation, a region's designator its one-word region; a brand's or a thing's noun makes a
    /// one-word name no person. A designator that ends a title, and an organisation's in lower case
    /// (whose), leave the person alone.
    @Test func theNounBeforeANameSaysWhatItNames() {
        let (entities, _) = entitiesAndQuotes(
            """
            Otoritas Provinsi Kandal menyatakan akan segera memeriksa kasus kekerasan itu. Kepala Kampung Lantipo, Henky \
            Yasel, menyambut program ini. Harga minyak Brent di akhir pekan ini masih naik. Rekannya menggunakan aplikasi \
            Zangi untuk berkomunikasi. Barang bukti itu berupa dua motor merek Ducati. Arus lalu lintas dialihkan dari Jalan \
            RM Harsono dan pembangunan Masjid Agung Karanganyar dilanjutkan.

            Sebelumnya, Presiden Amerika Serikat Donald Trump menyatakan hal itu. "Kami siap," kata Sekretaris Fraksi \
            Yandri Susanto di Gedung DPR. Ia masuk ke rumah dinas Jokowi di Solo. Kapolres Nisel Aipda Apriandi Ginting \
            mengatakan hal itu.
            """)
        func kind(_ name: String) -> String? { entities.first { $0.name == name || $0.aliases.contains(name) }?.kind }
        #expect(kind("Kandal") == "LOC")
        #expect(kind("Lantipo") == "LOC")
        #expect(kind("RM Harsono") == "LOC")
        #expect(kind("Agung Karanganyar") == "LOC")
        for thing in ["Brent", "Zangi", "Ducati"] { #expect(kind(thing) != "PER", "\(thing) taken for a person") }
        for person in ["Donald Trump", "Yandri Susanto", "Jokowi", "Apriandi Ginting", "Henky Yasel"] {
            #expect(kind(person) == "PER", "\(person) is no longer a person")
        }
    }

    /// A name the tagger found once is the same name where it is written again and left untagged,
    /// unless a capitalised word is joined to it there (a longer name) or, for a one-word name, the
    /// text also writes it in lower case.
    @Test func aNameTaggedOnceIsTheSameNameWhereItIsWrittenAgain() {
        let text = """
            Bank Mega Syariah menandatangani kerja sama dengan Kandal. Menurut Bank Mega Syariah, mitra di Kandal \
            siap. Direktur Bank Mega Syariah Yuwono hadir. Harapan tim tinggi, kata Mega. Ini harapan kami, kata Harapan.
            """
        let t = TokenizedText(text)
        func index(_ word: String, from: Int = 0) -> Int { (from..<t.tokens.count).first { t.text($0) == word }! }
        let bank = index("Bank"), kandal = index("Kandal"), harapan = index("Harapan")
        let raw: [(start: Int, end: Int, type: EntityType, sentenceStart: Int)] = [
            (bank, bank + 3, .organization, 0), (kandal, kandal + 1, .location, 0), (harapan, harapan + 1, .person, harapan),
        ]
        var covered = [Bool](repeating: false, count: t.tokens.count)
        for s in raw { for i in s.start..<s.end { covered[i] = true } }
        let found = EntityFinder.untaggedRepeats(
            t, raw, covered: &covered, lowerWords: EntityFinder.lowerCaseWords(t), sentenceStartOf: sentenceStarts(t))
        let names = found.map { (EntityFinder().name(t, $0.start, $0.end), $0.type) }
        #expect(names.count == 2)
        #expect(names.contains { $0 == ("Bank Mega Syariah", .organization) })
        #expect(names.contains { $0 == ("Kandal", .location) })
        // "Bank Mega Syariah Yuwono" is a longer run of capitals; "Harapan" is also written in lower case.
        #expect(!found.contains { $0.start == index("Bank", from: index("Direktur")) })
        #expect(!found.contains { t.text($0.start) == "Harapan" })
        #expect(!covered[index("Harapan", from: harapan + 1)])
    }

    @Test func differentPeopleStayApart() {
        let groups = cluster([("Joko Widodo", "PER"), ("Joko Susilo", "PER"), ("Widodo", "PER"), ("Jakarta", "LOC")])
        #expect(groups.count == 3)
    }

    @Test func titlesBecomeRolesAndNamesJoin() throws {
        let text = """
            Menteri Luar Negeri Turki Mevlut Cavusoglu bertemu Menteri Luar Negeri Rusia Sergei Lavrov di Moskow.

            Menlu Cavusoglu mengatakan kedua negara sepakat. Cavusoglu kemudian kembali ke Ankara.
            """
        let (entities, _) = entitiesAndQuotes(text)
        let cavusoglu = try #require(entities.first { $0.name == "Mevlut Cavusoglu" })
        #expect(cavusoglu.kind == "PER")
        #expect(cavusoglu.mentions.count == 3)
        #expect(cavusoglu.roles.contains("Menteri Luar Negeri Turki"))
        #expect(cavusoglu.roles.contains("Menlu"))
        #expect(Set(cavusoglu.aliases) == ["Mevlut Cavusoglu", "Cavusoglu"])
        let lavrov = try #require(entities.first { $0.name == "Sergei Lavrov" })
        #expect(lavrov.roles == ["Menteri Luar Negeri Rusia"])
        // Mentions point at the name itself, not the title.
        let m = cavusoglu.mentions[0]
        let scalars = Array(text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[m.start..<m.end])) == "Mevlut Cavusoglu")
    }

    /// The seeds' places written one after another ("resor Laut Hitam Rusia Sochi", "wilayah Idlib
    /// Suriah") are several places; an amount's currency ("2,5 miliar AS Dolar") or unit ("38 derajat
    /// Celcius") is no name; "pasukan Kyiv" is the city (Kyiv and Kiev one place), not a person.
    @Test func placesInARowAmountsAndCapitals() {
        let text = """
            Pembicaraan keduanya berlangsung di resor Laut Hitam Rusia Sochi, Moskow, Rusia.

            Rusia dan Suriah menyerang pejuang yang didukung Turki di wilayah Idlib Suriah.

            Turki tahun lalu menerima pengiriman sistem senilai 2,5 miliar AS Dolar, menentang peringatan Washington.

            Turki mendukung integritas wilayah Ukraina saat pasukan Kyiv memerangi separatis. Pemerintah di Kiev menyambutnya.

            Anggota DPR RI meninjau Laut Cina Selatan bersama Kementerian Luar Negeri RI.

            Tapi air laut akan naik 0,54 meter jika suhu naik 3 derajat Celcius dengan negara bagian Queensland memiliki 1.200 kilometer pantai.
            """
        let (entities, _) = entitiesAndQuotes(text)
        func kind(_ name: String) -> String? { entities.first { $0.name == name }?.kind }
        #expect(kind("Sochi") == "LOC")
        #expect(kind("Idlib") == "LOC")
        #expect(kind("Laut Hitam") == "LOC")
        #expect(!entities.contains { $0.name.contains("Sochi") && $0.name != "Sochi" })
        #expect(!entities.contains { $0.name.contains("Dolar") })
        let kyiv = entities.first { $0.aliases.contains("Kyiv") }
        #expect(kyiv?.kind == "LOC")
        #expect(kyiv?.aliases.contains("Kiev") == true)
        #expect(!entities.contains { $0.name == "DPR" && $0.kind == "LOC" })
        #expect(!entities.contains { $0.name == "Cina" || $0.name == "Laut" })
        #expect(!entities.contains { $0.name.contains("Celcius") })
    }

    /// "pemilu presiden Amerika Serikat": a well-known place after a title is the place, not a
    /// person with a nationality in front (NERGrit's development split).
    @Test func aWellKnownPlaceAfterATitleStaysAPlace() {
        let (entities, _) = entitiesAndQuotes("Selama masa pemilu presiden Amerika Serikat pada tahun 2008, Warren mengadakan forum.")
        #expect(entities.contains { $0.name == "Amerika Serikat" && $0.kind == "LOC" })
        #expect(!entities.contains { $0.kind == "PER" && $0.name.contains("Serikat") })
    }

    /// What follows a title is often the office, not its holder (detik.com, 2025): "Menteri
    /// Ketenagakerjaan (Menaker) Yassierli", "kata Dirjen Pelayanan dan Kepatuhan Kementerian HAM,
    /// Munafrizal Manan". A capitalised word after a title is a person only when the tagger found that
    /// person elsewhere in the text ("Lapor Pak Purbaya" after "Purbaya Yudhi Sadewa").
    /// The word after a regional office is the region: "Kapolres Boyolali" is the police chief of a
    /// place, not a man called Boyolali, and the quote is his who is named after the comma.
    @Test func theRegionOfARegionalOfficeIsAPlace() throws {
        let text = """
            Polres Boyolali mengusut kasus dugaan penipuan dan penggelapan yang dilakukan koperasi.

            "Sudah sidik (naik ke penyidikan)," ujar Kapolres Boyolali, AKBP Rahmat Santoso, dikonfirmasi Selasa (14/10/2025).

            Kejaksaan Negeri (Kejari) Jember menetapkan lima tersangka kasus dugaan korupsi dana desa.

            Kapolres Ponorogo AKBP Andin Wisnu mengatakan, kegiatan ini rutin. Warga Boyolali melapor ke Mapolres Boyolali.
            """
        let (entities, quotes) = entitiesAndQuotes(text)
        let people = Set(entities.filter { $0.kind == "PER" }.map(\.name))
        #expect(people == ["Rahmat Santoso", "Andin Wisnu"], "\(people)")
        #expect(quotes.first?.speaker == "Rahmat Santoso")
        #expect(entities.contains { $0.name == "Boyolali" && $0.kind == "LOC" })
        #expect(EntityFinder.regionsAfterOffices(TokenizedText(text)).map { TokenizedText(text).text($0) } == ["Boyolali", "Jember", "Boyolali"])
    }

    /// "Begini ..." ("like this: ...") opens sentences of explanation with a capital; an Indonesian
    /// function word is no name, while "Antara" (the news agency) and English words ("AS") still are.
    @Test func aFunctionWordIsNoName() throws {
        let text = """
            Dua anggota polisi lalu lintas terjaring Operasi Tangkap Tangan (OTT) Paminal Bidpropam Polda Sumut. Begini awal mula kejadian tersebut.

            OTT itu dilakukan pada Jumat pagi. Begini kronologi kejadian itu menurut Kabid Humas Polda Sumut Kombes Ferry Walintukan.
            """
        let (entities, _) = entitiesAndQuotes(text)
        #expect(!entities.contains { $0.name == "Begini" }, "\(entities.map(\.name))")
        #expect(entities.contains { $0.name == "Ferry Walintukan" && $0.kind == "PER" })
        #expect(EntityFinder.isFunctionWord("kemudian") && !EntityFinder.isFunctionWord("antara") && !EntityFinder.isFunctionWord("as"))
    }

    /// "Mayjen TNI Kristomei" was tagged "TNI Kristomei", an organisation that then spoke the
    /// spokesman's quote: after a rank the force belongs to the rank, and the rest is the person.
    @Test func theForceAfterARankIsPartOfTheRank() throws {
        let text = """
            Kapuspen TNI Mayjen TNI Kristomei Sianturi mengatakan surat telegram tersebut merupakan bagian dari kerja sama pengamanan yang bersifat rutin.

            "Perbantuan TNI kepada Kejaksaan tersebut merupakan bagian dari kerja sama resmi," kata Mayjen TNI Kristomei kepada wartawan, Minggu (11/5/2025).
            """
        let (entities, quotes) = entitiesAndQuotes(text)
        #expect(!entities.contains { $0.name == "TNI Kristomei" }, "\(entities.map(\.name))")
        let person = try #require(entities.first { $0.name == "Kristomei Sianturi" })
        #expect(person.mentions.count == 2 && person.roles.contains("Mayjen TNI"))
        #expect(quotes.first?.speaker == "Kristomei Sianturi")
    }

    /// A rank inside what the tagger took for an organisation begins a person's title there, and
    /// one at its end is cut off it (detik, 2025: "Kasat Polairud AKP Gede" was an organisation of
    /// its own beside Gede Sukarmadiyasa, and the naval post "TNI AL Panarukan Letda").
    @Test func aRankInsideAnOrganisationBeginsAPersonsTitle() throws {
        let text = """
            Apel bersama dipimpin langsung Kasat Polairud AKP Gede Sukarmadiyasa dan Komandan Pos TNI AL Panarukan Letda laut ( PM) Didin Hapidin.

            Dalam arahannya, Kasat Polairud AKP Gede menekankan pentingnya soliditas, serta kerja sama di lapangan untuk menciptakan rasa aman.
            """
        let (entities, _) = entitiesAndQuotes(text)
        let names = entities.map(\.name)
        #expect(!names.contains { $0.contains("AKP") || $0.contains("Letda") }, "\(names)")
        let gede = try #require(entities.first { $0.name == "Gede Sukarmadiyasa" }, "\(names)")
        #expect(gede.mentions.count == 2 && gede.roles.contains("AKP"), "\(gede)")
        #expect(entities.contains { $0.name == "TNI AL Panarukan" && $0.kind == "ORG" }, "\(names)")
    }

    /// A minister or deputy minister named by the ministry's abbreviation ("Wamenaker", "Mensos")
    /// holds a role: the title is no name, and it is not part of the person's name.
    @Test func aMinistersAbbreviatedTitleIsARole() throws {
        let text = """
            Sejauh ini, ada 10 orang yang ditangkap KPK dalam OTT Wamenaker. Noel dan para pihak yang ditangkap saat ini tengah menjalani pemeriksaan di gedung KPK.

            OTT Wamenaker Noel ini berkaitan dengan kasus dugaan pemerasan. Noel diduga memeras sejumlah perusahaan terkait pengurusan sertifikasi K3.

            "Kemarin kan ada perusahaan yang ternyata saya dengar ada biaya administrasi dan seterusnya kita langsung coret," tegas Menaker.
            """
        let (entities, _) = entitiesAndQuotes(text)
        #expect(!entities.contains { $0.name.hasPrefix("Wamenaker") || $0.name == "Menaker" }, "\(entities.map(\.name))")
        #expect(entities.contains { $0.kind == "PER" && $0.aliases.contains("Noel") }, "\(entities.map { ($0.name, $0.aliases) })")
    }

    @Test func anOfficeAfterATitleIsNoPerson() throws {
        let text = """
            Menurut Menteri Ketenagakerjaan (Menaker) Yassierli, pada tahap kedua pemerintah membuka kuota untuk 80.000 orang.

            "Kita nggak bisa terburu-buru menyimpulkan itu," kata Dirjen Pelayanan dan Kepatuhan Kementerian HAM, Munafrizal Manan, di Mapolda Metro Jaya.

            Laporan itu disampaikan oleh Menteri Keuangan Purbaya Yudhi Sadewa pada pekan lalu.

            Laporan itu diterima dari wajib pajak yang mengadu melalui 'Lapor Pak Purbaya'.
            """
        let (entities, quotes) = entitiesAndQuotes(text)
        let people = Set(entities.filter { $0.kind == "PER" }.map(\.name))
        #expect(!people.contains("Ketenagakerjaan"))
        #expect(!people.contains("Pelayanan"))
        #expect(quotes.first?.speaker == "Munafrizal Manan")
        let purbaya = try #require(entities.first { $0.name == "Purbaya Yudhi Sadewa" })
        #expect(purbaya.mentions.count == 2)
        // "Pak" comes off the name and is no role: the office is.
        #expect(purbaya.roles == ["Menteri Keuangan"], "\(purbaya.roles)")
    }

    /// Forms of address and degrees ("Pak", "Gus", "dr", "Prof.") were shown as roles on detik
    /// ("Dedi Mulyadi (Pak)", "Siti Nadia Tarmidzi (dr)", "Wardana (Prof)"): they come off the name and
    /// off the role, and a role of nothing else is none.
    @Test func formsOfAddressAreNoRoles() throws {
        let text = """
            Gubernur Jawa Barat Dedi Mulyadi menantang Menteri Keuangan untuk membuka data dana daerah.

            "Silakan buka datanya," kata Pak Dedi Mulyadi kepada wartawan, Senin (20/10/2025).

            Juru bicara Kementerian Kesehatan dr Siti Nadia Tarmidzi menyebut kasus itu sudah ditangani.

            Menurut Prof. Wardana Kusuma, kebijakan itu perlu dievaluasi.
            """
        let (entities, _) = entitiesAndQuotes(text)
        let people = entities.filter { $0.kind == "PER" }
        let allRoles = people.flatMap(\.roles)
        for bad in ["Pak", "dr", "Prof", "Prof."] { #expect(!allRoles.contains(bad), "\(people.map { ($0.name, $0.roles) })") }
        let dedi = try #require(people.first { $0.name == "Dedi Mulyadi" })
        #expect(dedi.mentions.count == 2 && !dedi.roles.contains("Pak"), "\(dedi.roles)")
        #expect(people.contains { $0.name == "Siti Nadia Tarmidzi" })
    }

    /// The last word of a capitalised phrase the tagger did not take whole, and a degree standing
    /// apart, are no people (sentences from detik's 2025 articles, where they were).
    @Test func fragmentsOfPhrasesAndDegreesAreNoPeople() throws {
        let text = """
            Kebijakan itu dilakukan dengan menurunkan suku bunga dan Required Reserved Ratio, tambah Sri Mulyani.

            Sementara Wardana mengatakan kebijakan itu perlu dievaluasi.

            Hadir pula Wakil Presiden ke-13 Ma'ruf Amin dan istri Presiden ke-4 RI Abdurrahman Wahid.

            Menurut Ahmad Amiruddin, Ph.D. ASN Kementerian ESDM, pertambangan tetap sah.

            Presiden Prabowo Subianto bertemu Budi Gunadi Sadikin di Istana.
            """
        let (entities, _) = entitiesAndQuotes(text)
        let people = entities.filter { $0.kind == "PER" }.map(\.name)
        for bad in ["Ratio", "Ph"] { #expect(!people.contains(bad), "\(people)") }
        for good in ["Sri Mulyani", "Wardana", "Amin", "Ahmad Amiruddin", "Prabowo Subianto", "Budi Gunadi Sadikin"] { #expect(people.contains(good), "\(people)") }
    }
}

@Suite struct QuoteTests {
    @Test func speakerAfterTheQuoteAndNyaAndPronouns() throws {
        let text = """
            Presiden Joko Widodo meninjau lokasi banjir di Bekasi pada Senin.

            "Pemerintah akan membantu semua warga yang terdampak banjir," kata Joko Widodo kepada wartawan.

            "Kami sudah menyiapkan anggaran," ujarnya.

            Ia menambahkan bahwa bantuan akan tiba dalam dua hari ke depan.
            """
        let (_, quotes) = entitiesAndQuotes(text)
        #expect(quotes.count == 3)
        #expect(quotes[0].text == "Pemerintah akan membantu semua warga yang terdampak banjir")
        #expect(quotes[0].speaker == "Joko Widodo")
        #expect(quotes[0].verb == "kata")
        #expect(quotes[0].direct)
        #expect(quotes[1].speaker == "Joko Widodo")
        #expect(quotes[1].verb == "ujar")
        #expect(!quotes[2].direct)
        #expect(quotes[2].speaker == "Joko Widodo")
        #expect(quotes[2].verb == "tambah")
        #expect(quotes[2].text == "bantuan akan tiba dalam dua hari ke depan")
        // Offsets point at the quoted words.
        let scalars = Array(text.unicodeScalars)
        let q = quotes[0]
        #expect(String(String.UnicodeScalarView(scalars[q.start..<q.end])) == q.text)
    }

    /// "kata pengacara Jokowi, Yakup Hasibuan" (detik.com, 30 April 2025): the lawyer speaks, not
    /// his client; a name right after the verb still speaks ("kata Jokowi, Presiden ...").
    @Test func aRoleOfSomeoneNamedThenTheSpeakerAfterTheComma() throws {
        let text = """
            Jokowi melaporkan lima orang ke Polda Metro Jaya pada Rabu (30/4/2025).

            "Pasal yang kita duga dilakukan itu ada 310 dan 311 KUHP," kata pengacara Jokowi, Yakup Hasibuan, di Mapolda Metro Jaya.

            "Saya serahkan kepada penyidik," kata Joko Widodo, Presiden ketujuh, kepada wartawan.
            """
        let (_, quotes) = entitiesAndQuotes(text)
        #expect(quotes.count == 2)
        #expect(quotes.first?.speaker == "Yakup Hasibuan")
        #expect(quotes.last?.speaker == "Joko Widodo")
    }

    @Test func curlyQuotesOverParagraphsAndSpeakerBefore() throws {
        let text = """
            Menteri Keuangan Sri Mulyani mengatakan, “Defisit anggaran tahun ini masih terkendali.

            “Kami akan terus menjaga disiplin fiskal,” katanya di Jakarta.

            Menurut Sri Mulyani, penerimaan pajak naik tahun ini dibanding tahun lalu.
            """
        let (_, quotes) = entitiesAndQuotes(text)
        let direct = quotes.filter(\.direct)
        #expect(direct.count == 1)
        #expect(direct.first?.speaker == "Sri Mulyani")
        #expect(direct.first?.text.hasPrefix("Defisit anggaran") == true)
        #expect(direct.first?.text.hasSuffix("disiplin fiskal") == true)
        let reported = quotes.filter { !$0.direct }
        #expect(reported.count == 1)
        #expect(reported.first?.verb == "menurut")
        #expect(reported.first?.speaker == "Sri Mulyani")
    }

    @Test func englishQuotesAndUnnamedSpeakers() {
        let text = """
            "We will not back down," Boris Johnson said on Tuesday.

            Officials said that the talks would go on.
            """
        let (_, quotes) = entitiesAndQuotes(text)
        #expect(quotes.first?.speaker == "Boris Johnson")
        #expect(quotes.first?.verb == "said")
        // No named speaker for "Officials said that …": no quote is invented for it.
        #expect(quotes.count == 1)
    }

    @Test func singleQuotesButNotApostrophes() {
        let text = """
            Menteri Agama Lukman Hakim mengingatkan, ‘Jangan jadikan rumah ibadah tempat berpolitik,’ ujarnya di Jakarta.

            Warga Jum'at itu menyebut rencana itu 'tidak masuk akal sama sekali', kata Budi Santoso.
            """
        let (_, quotes) = entitiesAndQuotes(text)
        let direct = quotes.filter(\.direct)
        #expect(direct.count == 2)
        #expect(direct.first?.text == "Jangan jadikan rumah ibadah tempat berpolitik")
        #expect(direct.first?.speaker == "Lukman Hakim")
        #expect(direct.last?.text == "tidak masuk akal sama sekali")
        #expect(direct.last?.speaker == "Budi Santoso")
    }
}

/// Fragments the tagger cut from longer names, and titles left without their holder, seen as
/// entities in `linimasa timeline` on real 2025 detik.com news (../shared/data/events/detik).
@Suite struct FragmentTests {
    static let sentences = [
        "Bank tetap yang mengatur penyaluran dananya, tapi jika sewaktu-waktu pemerintah butuh, uang itu bisa ditarik kembali.",
        "Wakil Ketua Komisi I dari fraksi PDIP, Suharsono mengatakan sudah mendengar pemangkasan anggaran TKD ke Solo oleh Kementerian Keuangan sebesar Rp 218 miliar.",
        "Lebih lanjut, Majelis juga memberi kesempatan kepada investigator maupun pihak terlapor untuk mengajukan pertanyaan.",
        "Kabupaten Mimika Rp 2,4 triliun.",
        "\"Perbuatan terdakwa telah bertentangan dengan Peraturan Presiden Nomor 16 Tahun 2018 tentang Pengadaan Barang dan Jasa Pemerintah,\" tegas JPU.",
        "Kasat Reskrim Polres Sekadau Iptu Zainal Abidin memiliki tips untuk menghindari penipuan yang dikirim melalui pesan singkat.",
    ]

    @Test func designatorsTitlesAndNumeralsAloneAreNotNames() {
        let names = Set(entitiesAndQuotes(Self.sentences.joined(separator: "\n")).entities.map(\.canonical))
        for fragment in ["Bank", "I", "Majelis", "Kabupaten", "Nomor", "Kasat", "Rp"] { #expect(!names.contains(fragment), "\(fragment) in \(names)") }
        #expect(names.contains("Suharsono"))
        #expect(names.contains("Zainal Abidin"))
    }

    @Test func aDesignatorStaysInsideALongerName() {
        let names = Set(entitiesAndQuotes("Bank Indonesia menahan suku bunga. Gubernur Bank Indonesia Perry Warjiyo menjelaskan alasannya.").entities.map(\.canonical))
        #expect(names.contains { $0.hasPrefix("Bank Indonesia") || $0 == "BI" })
        #expect(names.contains("Perry Warjiyo"))
    }

    /// Titles that are also given names stay in the name ("Imam", "Raja", "Putra" inside it), as in
    /// detik.com articles of 2025; at the name's start they are still titles.
    @Test func aTitleThatIsAGivenNameInsideANameIsTheName() {
        let people = entitiesAndQuotes(
            "Anggota Komisi VII DPR RI Bane Raja Manalu menyoroti kebijakan itu.\nBane Raja Manalu menambahkan, kajian masih berjalan.\n"
                + "Imam Masjid Istiqlal Nasaruddin Umar memimpin doa bersama."
        ).entities.filter { $0.kind == "PER" }
        let names = Set(people.map(\.canonical))
        #expect(names.contains("Bane Raja Manalu"), "\(names)")
        #expect(!names.contains("Manalu"))
        #expect(!names.contains { $0.hasPrefix("Imam") }, "\(names)")
    }

    /// Names that begin with a designator are organisations and places, never people (detik.com,
    /// 2025: "Lembaga Penjamin Simpanan", "Kabupaten Kutai Barat" were tagged as people).
    @Test func aDesignatorAtANamesStartMakesItAnOrganisationOrAPlace() {
        let found = entitiesAndQuotes(
            "Eks Kepala Dewan Komisioner Lembaga Penjamin Simpanan (LPS) itu pun menegaskan bahwa dirinya tidak pernah merinci jumlah dana mengendap per daerah, termasuk Jawa Barat.\n"
                + "Menanggapi proses tersebut, Kepala Biro Hubungan Masyarakat dan Kerja Sama KPPU, Deswin Nur, menyampaikan bahwa tahapan pemeriksaan akan berlangsung sesuai prosedur yang berlaku.\n"
                + "Kabupaten Kutai Barat Rp 3,2 triliun."
        ).entities
        let people = found.filter { $0.kind == "PER" }.map(\.canonical)
        for org in ["Lembaga Penjamin Simpanan", "Biro Hubungan Masyarakat", "Kutai Barat", "Kabupaten Kutai Barat"] {
            #expect(!people.contains(org), "\(found.map { ($0.canonical, $0.kind) })")
        }
    }

    /// From detik.com articles of 2025 where the tagger took title, office and name for one organisation.
    @Test func aTitledPersonIsCutFromTheOfficeBeforeIt() {
        let found = entitiesAndQuotes(
            "Kepala Kejari Jember Ichwan Efendi mengatakan, penetapan tersangka dilakukan setelah ekspose internal.\n"
                + "Ichwan menambahkan, tersangka akan segera ditahan.\n"
                + "Kepala Kejaksaan Negeri Bandar Lampung menyampaikan hal serupa.\nKota Bandar Lampung kini aman."
        ).entities
        let people = Set(found.filter { $0.kind == "PER" }.map(\.canonical))
        #expect(people.contains("Ichwan Efendi"), "\(found.map { ($0.canonical, $0.kind) })")
        #expect(!people.contains("Bandar Lampung"))
        #expect(!found.contains { $0.canonical == "Kejari Jember Ichwan Efendi" })
    }
}
