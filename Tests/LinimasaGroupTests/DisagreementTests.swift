import LinimasaCore
import Testing

@testable import LinimasaGroup

@Suite struct DisagreementTests {
    func article(_ id: String, _ sentences: [String], places: [(String, String)] = [], people: [(String, [String])] = []) -> Article {
        var body = ""
        var ss: [Sentence] = []
        for s in sentences {
            if !body.isEmpty { body += " " }
            let start = body.unicodeScalars.count
            body += s
            ss.append(Sentence(text: s, start: start, end: body.unicodeScalars.count))
        }
        var entities: [Entity] = []
        for (name, kind) in places {
            var mentions: [Mention] = []
            var from = body.startIndex
            while let r = body.range(of: name, range: from..<body.endIndex) {
                let a = body.unicodeScalars.distance(from: body.unicodeScalars.startIndex, to: r.lowerBound)
                mentions.append(Mention(text: name, start: a, end: a + name.unicodeScalars.count))
                from = r.upperBound
            }
            entities.append(Entity(name: name, kind: kind, canonical: name, aliases: [name], roles: [], mentions: mentions))
        }
        for (name, roles) in people {
            entities.append(Entity(name: name, kind: "PER", canonical: name, aliases: [name], roles: roles, mentions: []))
        }
        return Article(
            id: id, source: id, language: .id, outlet: id.uppercased(), title: nil, author: nil, dateline: nil, published: .unknown,
            body: [body], removed: [], sentences: ss, times: [], entities: entities)
    }

    func disagreements(_ articles: [Article]) -> [Disagreement] {
        DisagreementFinder.find(articles.map { .init(article: $0.id, outlet: $0.outlet, claims: ClaimFinder.claims($0)) })
    }

    @Test func differentVenuesDisagree() throws {
        let a = article("a", ["Menlu Turki mengunjungi Moskow untuk pembicaraan dengan Lavrov."], places: [("Moskow", "LOC")])
        let b = article("b", ["Lavrov berbicara pada konferensi pers di Sochi bersama Cavusoglu."], places: [("Sochi", "LOC")])
        let d = disagreements([a, b])
        #expect(d.count == 1)
        let place = try #require(d.first)
        #expect(place.about == "place")
        #expect(Set(place.claims.map(\.value)) == ["Moskow", "Sochi"])
        #expect(place.claims.first { $0.value == "Sochi" }?.outlets == ["B"])
        #expect(place.claims.first { $0.value == "Sochi" }?.sentences.first?.contains("konferensi pers di Sochi") == true)
    }

    @Test func agreeingArticlesShowNone() {
        let a = article("a", ["Pertemuan digelar di Sochi pada Rabu.", "Sebanyak 12 orang tewas dalam ledakan itu."], places: [("Sochi", "LOC")])
        let b = article("b", ["Kedua presiden bertemu di Sochi.", "Ledakan itu menewaskan 12 orang, polisi mengatakan 12 orang tewas."], places: [("Sochi", "LOC")])
        // Drones sent "ke Ukraina" are no venue, so they contradict nothing.
        let c = article("c", ["Turki mengirim drone ke Ukraina.", "Pertemuan di Sochi berlangsung tiga jam."], places: [("Ukraina", "LOC"), ("Sochi", "LOC")])
        #expect(disagreements([a, b, c]).isEmpty)
    }

    @Test func casualtyCountsAndRolesDisagree() {
        let a = article("a", ["Sebanyak 12 orang tewas dalam ledakan itu."], people: [("Budi Santoso", ["Menteri Perhubungan"])])
        let b = article("b", ["Ledakan itu menewaskan 15 orang, dan 15 orang tewas di tempat."], people: [("Budi Santoso", ["Gubernur Jawa Barat"])])
        let c = article("c", ["Tidak ada korban."], people: [("Budi Santoso", ["Menhub", "Menteri Perhubungan"])])
        let d = disagreements([a, b, c])
        #expect(d.map(\.about).sorted() == ["dead", "role of Budi Santoso"])
        #expect(d.first { $0.about == "dead" }.map { Set($0.claims.map(\.value)) } == ["12", "15"])
    }

    @Test func oneOutletDoesNotDisagreeWithItself() {
        var a = article("a", ["Sebanyak 12 orang tewas."])
        var b = article("b", ["Sebanyak 15 orang tewas."])
        a.outlet = "Same"
        b.outlet = "Same"
        #expect(disagreements([a, b]).isEmpty)
    }

    @Test func theDayEachTextGivesIsAClaim() throws {
        let a = DisagreementFinder.Source(article: "a", outlet: "A", claims: [Claim(about: "date", value: "2022-01-02", sentence: "Minggu (2/1)")])
        let b = DisagreementFinder.Source(article: "b", outlet: "B", claims: [Claim(about: "date", value: "2022-01-01", sentence: "Sabtu (1/1)")])
        let c = DisagreementFinder.Source(article: "c", outlet: "C", claims: [Claim(about: "date", value: "2022-01-02", sentence: "Minggu")])
        let d = try #require(DisagreementFinder.find([a, b, c]).first)
        #expect(d.about == "date")
        #expect(d.claims.map(\.value) == ["2022-01-02", "2022-01-01"])
        #expect(d.claims[0].outlets == ["A", "C"])
        #expect(DisagreementFinder.find([a, c]).isEmpty)
    }
}
