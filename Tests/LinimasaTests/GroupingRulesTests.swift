import Foundation
import Testing

@testable import Linimasa
@testable import LinimasaTimeline

/// The rules of events and stories (the events set's GUIDELINES.md), each on articles written for
/// it and read through the whole pipeline, among other news of the same days so that the words
/// every article uses are weighed as such.
@Suite struct GroupingRulesTests {
    static func article(_ id: String, _ title: String, _ body: String, published: String) -> Article {
        TimelineTests.pipeline.analyze(
            RawDocument(id: id, source: id, text: title + "\n\n" + body, given: GivenFields(title: title, published: published, outlet: "detikNews")))
    }

    /// Other news of October 2025, each a happening of its own, each naming the president and
    /// quoting a spokesman "kepada wartawan dalam keterangan", as Indonesian news of the time does:
    /// a collection's common words are common in it.
    static let background: [Article] = {
        let topics: [(String, String, String)] = [
            ("Banjir Rendam Ratusan Rumah di Kabupaten Bekasi", "Banjir setinggi satu meter merendam ratusan rumah warga di Kabupaten Bekasi setelah hujan deras mengguyur semalaman. Petugas BPBD mengevakuasi warga lansia dengan perahu karet.", "Kabupaten Bekasi"),
            ("Persib Bandung Tekuk Persija di Stadion GBLA", "Persib Bandung mengalahkan Persija Jakarta dua gol tanpa balas dalam laga lanjutan Liga 1. Gol dicetak lewat sundulan kepala dan tendangan bebas.", "Bandung"),
            ("Harga Cabai Merah Melonjak di Pasar Induk Kramat Jati", "Harga cabai merah keriting di Pasar Induk Kramat Jati naik menjadi delapan puluh ribu rupiah per kilogram. Pedagang menyebut pasokan dari petani berkurang karena gagal panen.", "Kramat Jati"),
            ("Festival Layang-layang Internasional Digelar di Pantai Sanur", "Ratusan peserta dari dua belas negara menerbangkan layang-layang raksasa di Pantai Sanur. Panitia festival menyiapkan hadiah bagi layang-layang terpanjang.", "Sanur"),
            ("Kebakaran Gudang Tekstil di Tangerang, 20 Mobil Pemadam Dikerahkan", "Api melalap gudang tekstil di kawasan industri Tangerang sejak dini hari. Dua puluh mobil pemadam kebakaran dikerahkan dan tidak ada korban jiwa.", "Tangerang"),
            ("Gunung Lewotobi Kembali Erupsi, Status Awas", "Gunung Lewotobi Laki-laki di Flores Timur kembali erupsi dengan tinggi kolom abu empat kilometer. PVMBG menetapkan status Awas dan warga diminta menjauh.", "Flores Timur"),
            ("Kereta Cepat Whoosh Angkut Sejuta Penumpang Bulan Ini", "Operator kereta cepat Whoosh mencatat sejuta penumpang dalam sebulan. Tingkat keterisian tertinggi terjadi pada akhir pekan rute Halim ke Tegalluar.", "Halim"),
            ("Ribuan Pelari Ikuti Maraton Borobudur", "Ribuan pelari dari dalam dan luar negeri mengikuti maraton di kawasan Candi Borobudur. Pelari Kenya menjuarai kategori putra dengan catatan waktu dua jam sebelas menit.", "Magelang"),
        ]
        var out: [Article] = []
        for day in 0..<3 {
            for (k, t) in topics.enumerated() {
                let date = String(format: "2025-10-%02d", 10 + day)
                out.append(
                    article(
                        "bg-\(day)-\(k)", t.0 + (day > 0 ? " (\(day + 1))" : ""),
                        "\(t.2) - \(t.1) Presiden Prabowo Subianto disebut akan memantau perkembangan di \(t.2), kata juru bicara setempat kepada wartawan dalam keterangan di gedung kantornya. Hari ke-\(day + 1) liputan ini menambah catatan \(t.2) yang berbeda setiap hari: \(["pagi", "siang", "malam"][day]).",
                        published: date + "T\(10 + k):00:00+07:00"))
            }
        }
        return out
    }()

    static func timeline(_ articles: [Article]) -> Timeline {
        var config = TimelineBuilder.Configuration()
        config.jobs = 1
        let b = TimelineBuilder(stemmer: TimelineTests.stemmer, configuration: config)
        b.add(background + articles)
        return b.timeline()
    }

    static func eventOf(_ t: Timeline, _ id: String) -> String? {
        t.stories.flatMap(\.events).first { $0.articles.contains(id) }?.id
    }

    static func storyOf(_ t: Timeline, _ id: String) -> String? {
        t.stories.first { $0.articles.contains(id) }?.id
    }

    /// A KPK spokesman updates two unrelated cases on one afternoon: two events, two stories.
    @Test func aBriefingAboutTwoCasesGivesTwoEvents() throws {
        let intro = "Juru Bicara KPK Budi Prasetyo memberikan keterangan kepada wartawan di Gedung Merah Putih KPK, Jakarta, Senin (20/10/2025)."
        let haji = Self.article(
            "haji", "KPK Periksa Eks Pejabat Kemenag soal Kuota Haji Tambahan",
            intro + " Penyidik memeriksa mantan pejabat Kementerian Agama terkait pembagian kuota haji tambahan tahun 2024. Kuota haji tambahan sebanyak dua puluh ribu jemaah dibagi rata untuk haji reguler dan haji khusus. Travel haji yang mendapat kuota khusus diduga menyetor uang kepada pejabat Kemenag. Penyidik menyita dokumen pembagian kuota dari kantor asosiasi travel haji.",
            published: "2025-10-20T15:00:00+07:00")
        let karet = Self.article(
            "karet", "KPK Tetapkan PNS Kementan Tersangka Korupsi Pengolahan Karet",
            intro + " KPK menetapkan seorang pegawai Kementerian Pertanian sebagai tersangka korupsi proyek pengolahan karet di Sumatera Selatan. Proyek pabrik pengolahan karet rakyat itu digelembungkan anggarannya. Mesin penggiling karet yang dibeli tidak pernah berfungsi. Kerugian negara dari proyek karet ditaksir dua belas miliar rupiah.",
            published: "2025-10-20T16:00:00+07:00")
        let t = Self.timeline([haji, karet])
        let a = try #require(Self.eventOf(t, "haji"))
        let b = try #require(Self.eventOf(t, "karet"))
        #expect(a != b)
        #expect(Self.storyOf(t, "haji") != Self.storyOf(t, "karet"))
    }

    /// The ministry answers the next day an arrest of its deputy minister: its own event, in the
    /// arrest's story.
    @Test func aReactionIsAnEventOfItsOwnInTheSameStory() throws {
        let arrest = Self.article(
            "ott", "OTT KPK Tangkap Wamenaker Immanuel Ebenezer",
            "Jakarta - KPK menangkap Wakil Menteri Ketenagakerjaan Immanuel Ebenezer alias Noel dalam operasi tangkap tangan pada Rabu (20/8/2025) malam. Penangkapan Immanuel Ebenezer terkait dugaan pemerasan dalam pengurusan sertifikat K3. Penyidik KPK mengamankan dua motor Ducati dari rumah Noel. Sertifikat K3 diduga dijual kepada perusahaan dengan harga berlipat.",
            published: "2025-08-21T08:00:00+07:00")
        let reaction = Self.article(
            "kemnaker", "Kemnaker Tunggu Perkembangan KPK soal Wamenaker Immanuel Ebenezer",
            "Jakarta - Kementerian Ketenagakerjaan menyatakan menghormati proses hukum terhadap Wamenaker Immanuel Ebenezer alias Noel. Kepala Biro Humas Kemnaker menyampaikan sikap kementerian pada Jumat (22/8/2025). Kemnaker menunggu perkembangan pemeriksaan KPK atas Noel dan sertifikat K3. Layanan sertifikat K3 tetap berjalan seperti biasa, kata dia.",
            published: "2025-08-22T11:00:00+07:00")
        let t = Self.timeline([arrest, reaction])
        #expect(Self.eventOf(t, "ott") != Self.eventOf(t, "kemnaker"))
        #expect(Self.storyOf(t, "ott") != nil)
        #expect(Self.storyOf(t, "ott") == Self.storyOf(t, "kemnaker"))
    }

    /// On the day of a directive, a party's secretary-general answers it: the two reports share the
    /// directive's words, but each quotes its own people, so the answer is an event of its own, in
    /// the directive's story.
    @Test func aReactionOnTheSameDayIsAnEventOfItsOwn() throws {
        let directive = Self.article(
            "maung", "Prabowo Minta Para Menteri Pakai Mobil Maung Buatan Pindad",
            "Jakarta - Presiden Prabowo Subianto meminta para menteri memakai mobil Maung buatan Pindad dalam sidang kabinet di Istana, Jakarta, Senin (20/10/2025). \"Saya minta semua menteri pakai Maung, produksi dalam negeri,\" kata Prabowo. Mobil Maung diproduksi PT Pindad di Bandung. Menteri yang punya mobil mewah diminta memakai mobil itu hanya saat libur, ujar Prabowo.",
            published: "2025-10-20T14:00:00+07:00")
        let answer = Self.article(
            "golkar", "Sekjen Golkar Dukung Menteri Pakai Mobil Maung Buatan Pindad",
            "Jakarta - Sekretaris Jenderal Partai Golkar Muhammad Sarmuji mendukung arahan agar para menteri memakai mobil Maung buatan Pindad, Senin (20/10/2025). \"Kami mendukung menteri pakai Maung, produksi dalam negeri harus dibela,\" kata Sarmuji kepada wartawan di Jakarta. Menurut Sarmuji, anggota DPR juga boleh membeli mobil Maung bila ada uang lebih. Mobil Maung diproduksi PT Pindad di Bandung.",
            published: "2025-10-20T17:00:00+07:00")
        let t = Self.timeline([directive, answer])
        #expect(Self.eventOf(t, "maung") != nil)
        #expect(Self.eventOf(t, "maung") != Self.eventOf(t, "golkar"))
        #expect(Self.storyOf(t, "maung") == Self.storyOf(t, "golkar"))
    }

    /// Two happenings of one day that share only the president's name (which every article of the
    /// collection names) are two events in two stories.
    @Test func aUbiquitousNameDoesNotMergeUnrelatedEvents() throws {
        let dam = Self.article(
            "dam", "Prabowo Resmikan Bendungan Jatigede",
            "Sumedang - Presiden Prabowo Subianto meresmikan Bendungan Jatigede di Sumedang, Jawa Barat, Senin (13/10/2025). Prabowo menyebut bendungan itu mengairi sembilan puluh ribu hektare sawah. Bendungan Jatigede juga membangkitkan listrik tenaga air seratus megawatt. Prabowo Subianto meminta petani Sumedang menanam padi tiga kali setahun.",
            published: "2025-10-13T12:00:00+07:00")
        let football = Self.article(
            "bola", "Prabowo Terima Timnas U-23 di Istana",
            "Jakarta - Presiden Prabowo Subianto menerima skuad Timnas U-23 di Istana Merdeka, Senin (13/10/2025). Prabowo memberi bonus kepada pemain yang menjuarai Piala AFF U-23. Pelatih Gerald Vanenburg memperkenalkan para pemain kepada Prabowo Subianto. Kapten tim menyerahkan trofi Piala AFF kepada Presiden Prabowo.",
            published: "2025-10-13T15:00:00+07:00")
        let t = Self.timeline([dam, football])
        #expect(Self.eventOf(t, "dam") != Self.eventOf(t, "bola"))
        #expect(Self.storyOf(t, "dam") != Self.storyOf(t, "bola"))
    }

    /// A chain of events each like the next (rice prices → rice imports → import quotas for sugar →
    /// sugar factories) is not one story: the last is nothing like the first.
    @Test func aChainOfPairwiseSimilarEventsIsNotOneStory() throws {
        let links = [
            ("c1", "Harga Beras Medium Naik di Pasar Cipinang", "Harga beras medium di Pasar Induk Beras Cipinang naik menjadi empat belas ribu rupiah per kilogram. Pedagang beras Cipinang menyebut stok beras medium menipis. Bulog diminta menggelar operasi pasar beras medium.", "2025-10-01"),
            ("c2", "Bulog Impor Beras dari Vietnam untuk Stok Cipinang", "Bulog mengimpor beras dari Vietnam untuk menambah stok beras di Cipinang. Kuota impor beras Bulog tahun ini satu juta ton. Kapal pengangkut beras impor Vietnam tiba di Tanjung Priok.", "2025-10-08"),
            ("c3", "Kuota Impor Gula dari Vietnam dan Thailand Ditambah", "Pemerintah menambah kuota impor gula kristal dari Vietnam dan Thailand. Kuota impor gula ditetapkan dalam rapat koordinasi terbatas. Importir gula wajib menyerap tebu petani lokal.", "2025-10-15"),
            ("c4", "Pabrik Gula Tebu di Kediri Mulai Giling", "Pabrik gula di Kediri mulai menggiling tebu petani musim ini. Rendemen tebu Kediri tahun ini delapan persen. Petani tebu berharap harga gula pasir di tingkat pabrik naik.", "2025-10-22"),
        ]
        let articles = links.map { Self.article($0.0, $0.1, "Jakarta - " + $0.2, published: $0.3 + "T10:00:00+07:00") }
        let t = Self.timeline(articles)
        let stories = try links.map { try #require(Self.storyOf(t, $0.0)) }
        #expect(stories[0] != stories[3])
        #expect(Set(stories).count > 1)
    }
}
