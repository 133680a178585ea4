import LinimasaText

/// Known news outlets: web domains and the names they sign with, mapped to one display name.
///
/// A gazetteer, not an answer key: it only turns evidence found in the text (a domain, a
/// "- detikNews" byline, "Kantor Berita Politik RMOL") into a canonical name. Unknown outlets
/// that show up as domain names ("Contoh.com") are still returned as written.
public enum Outlets {
    static let byDomain: [String: String] = [
        "liputan6.com": "Liputan6.com", "detik.com": "detikNews", "kompas.com": "Kompas.com", "kompas.id": "Kompas.id",
        "tempo.co": "Tempo.co", "antaranews.com": "ANTARA", "okezone.com": "Okezone", "republika.co.id": "Republika",
        "tribunnews.com": "Tribunnews.com", "cnnindonesia.com": "CNN Indonesia", "kumparan.com": "kumparan",
        "suara.com": "Suara.com", "merdeka.com": "Merdeka.com", "sindonews.com": "SINDOnews", "viva.co.id": "VIVA",
        "rmol.id": "RMOL", "hidayatullah.com": "Hidayatullah.com", "jpnn.com": "JPNN.com", "idntimes.com": "IDN Times",
        "cnbcindonesia.com": "CNBC Indonesia", "bisnis.com": "Bisnis.com", "kapanlagi.com": "KapanLagi.com",
        "inews.id": "iNews.id", "mediaindonesia.com": "Media Indonesia", "beritasatu.com": "Beritasatu",
        "dimensy.id": "Dimensy.id", "voaindonesia.com": "VOA Indonesia", "jawapos.com": "Jawa Pos",
        "kontan.co.id": "Kontan", "katadata.co.id": "Katadata", "wartaekonomi.co.id": "Warta Ekonomi",
        "thejakartapost.com": "The Jakarta Post", "jakartaglobe.id": "Jakarta Globe", "medcom.id": "Medcom.id",
        "sindonews.net": "SINDOnews", "gatra.com": "Gatra", "bola.com": "Bola.com", "fajar.co.id": "Fajar",
        "pikiran-rakyat.com": "Pikiran Rakyat", "solopos.com": "Solopos", "harianjogja.com": "Harian Jogja",
        "tirto.id": "Tirto.id", "theconversation.com": "The Conversation", "bbc.com": "BBC", "voi.id": "VOI",
        "republika.id": "Republika", "antaranews.id": "ANTARA", "okezone.id": "Okezone",
    ]
    /// Names as outlets sign them (lower case) → display name.
    static let byName: [String: String] = [
        "detiknews": "detikNews", "detikcom": "detikcom", "detik.com": "detikNews", "detikfinance": "detikFinance",
        "detikinet": "detikInet", "detiksport": "detikSport", "detikhealth": "detikHealth", "detiktravel": "detikTravel",
        "liputan6.com": "Liputan6.com", "liputan6": "Liputan6.com", "kompas.com": "Kompas.com", "kompas": "Kompas",
        "tempo.co": "Tempo.co", "tempo": "Tempo", "antara": "ANTARA", "antaranews": "ANTARA", "okezone": "Okezone",
        "republika": "Republika", "republika.co.id": "Republika", "tribunnews.com": "Tribunnews.com", "tribunnews": "Tribunnews.com",
        "cnn indonesia": "CNN Indonesia", "cnnindonesia.com": "CNN Indonesia", "kumparan": "kumparan", "suara.com": "Suara.com",
        "merdeka.com": "Merdeka.com", "sindonews": "SINDOnews", "sindonews.com": "SINDOnews", "viva": "VIVA",
        "viva.co.id": "VIVA", "rmol": "RMOL", "rmol.id": "RMOL", "hidayatullah.com": "Hidayatullah.com", "jpnn.com": "JPNN.com",
        "jpnn": "JPNN.com", "idn times": "IDN Times", "antara news": "ANTARA", "pos kota": "Pos Kota", "juara.net": "JUARA.net",
        "bolasport.com": "BolaSport.com", "rimanews": "Rimanews", "dailysocial.id": "DailySocial.id", "cnbc indonesia": "CNBC Indonesia", "bisnis.com": "Bisnis.com",
        "kapanlagi.com": "KapanLagi.com", "inews.id": "iNews.id", "beritasatu": "Beritasatu", "voa": "VOA Indonesia",
        "jawapos.com": "Jawa Pos", "kontan": "Kontan", "katadata": "Katadata", "tirto.id": "Tirto.id", "medcom.id": "Medcom.id",
    ]

    /// The display name for a domain ("www.rmol.id", "news.detik.com", "rmol.id/about/x") or nil.
    public static func name(forDomain domain: some StringProtocol) -> String? {
        var d = domain.lowercased()
        if let r = d.byteRange(of: "://") { d = String(d[r.upperBound...]) }
        if let slash = d.firstIndex(of: "/") { d = String(d[..<slash]) }
        var labels = d.split(separator: ".").map(String.init)
        while labels.count >= 2 {
            if let n = byDomain[labels.joined(separator: ".")] { return n }
            labels.removeFirst()
        }
        return nil
    }

    /// The display name for a signature ("detikNews", "KOMPAS.com", "Liputan6.com"), known or domain-shaped; nil otherwise.
    public static func name(forSignature s: some StringProtocol) -> String? {
        let t = s.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty, t.count <= 40 else { return nil }
        let lower = t.lowercased()
        if let n = byName[lower] { return n }
        if let n = name(forDomain: lower), lower.contains(".") { return n }
        if lower.hasPrefix("detik"), !lower.contains(" ") { return t }
        if isDomainShaped(t) { return t }
        return nil
    }

    /// "Contoh.com", "Berita.co.id": one word with a dot and a known top-level label.
    public static func isDomainShaped(_ s: some StringProtocol) -> Bool {
        guard !s.contains(" "), let dot = s.lastIndex(of: "."), s.first?.isLetter == true else { return false }
        let tld = s[s.index(after: dot)...].lowercased()
        return ["com", "id", "co", "net", "org", "news", "tv"].contains(tld) && s.distance(from: s.startIndex, to: dot) >= 2
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: CharacterSetLite) -> String {
        String(Substring(self).drop(while: set.contains).droppingLast(while: set.contains))
    }
}

/// A tiny character set, so this module needs no Foundation for trimming.
struct CharacterSetLite {
    let test: @Sendable (Character) -> Bool
    func contains(_ c: Character) -> Bool { test(c) }
    static let whitespaces = CharacterSetLite { $0.isWhitespace }
}
