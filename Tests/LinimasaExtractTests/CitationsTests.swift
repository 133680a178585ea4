import Testing

@testable import LinimasaCore
@testable import LinimasaExtract

@Suite struct CitationsTests {
    func outlets(_ s: String) -> [String] { Citations.find(in: [s]).map(\.outlet) }

    @Test(arguments: [
        ("\"Turki meminta informasi,\" ujar Cavusoglu, seperti dikutip dari Tass. Ia menegaskan itu.", ["TASS"]),
        ("Seperti dilansir AFP, Senin (3/1/2022), Turki membuat marah Rusia.", ["AFP"]),
        ("Melansir Daily Sabah, Turki dan Rusia menjalin kerja sama.", ["Daily Sabah"]),
        ("Kerja sama itu akan berlanjut, lapor The New Arab.", ["The New Arab"]),
        ("Hal itu disampaikan Menlu kepada Reuters di Ankara.", ["Reuters"]),
        ("The minister said so, according to the Associated Press.", ["AP"]),
        ("Foto itu diambil pada Minggu malam via AP.", ["AP"]),
        ("Dikutip dari kantor berita Xinhua, gempa terjadi pada Kamis.", ["Xinhua"]),
    ] as [(String, [String])])
    func findsTheCitedOutlet(_ sentence: String, _ expected: [String]) {
        #expect(outlets(sentence) == expected)
    }

    @Test(arguments: [
        "Dalam waktu dekat, Turki akan memproduksi vaksin, menurut Cavusoglu.",
        "Erdogan mengatakan kepada Putin bahwa dia ingin membahas kerja sama pertahanan.",
        "Presiden menelepon koleganya, menurut layanan pers Kremlin.",
        "Mereka berbicara via telepon membahas hubungan kedua negara.",
    ])
    func peopleAndPlainWordsAreNotSources(_ sentence: String) {
        #expect(outlets(sentence).isEmpty)
    }

    @Test func eachOutletOnceInOrder() {
        let c = Citations.find(in: ["Seperti dikutip dari Reuters, Selasa (29/12), sanksi disiapkan.", "Ujar dia, seperti dikutip dari Tass.", "Lagi, dilansir Reuters."])
        #expect(c.map(\.outlet) == ["Reuters", "TASS"])
        #expect(c.first?.phrase == "dikutip dari Reuters")
    }
}
