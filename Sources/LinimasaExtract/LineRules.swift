import LinimasaCore
import LinimasaText

/// The rules that say a line is not the article's own text, each one kind of page leftover.
///
/// They look at one line (and for lists, the line that opened them); the header rules (title,
/// byline, navigation) live in `ArticleExtractor`, which knows where the article starts.
enum LineRules {
    static let advertisementLines: Set<String> = [
        "advertisement", "advertisements", "iklan", "advertorial", "sponsored", "sponsored content", "konten sponsor",
        "scroll to continue with content", "scroll untuk melanjutkan", "scroll to resume content", "ads", "ad",
        "artikel ini telah tayang", "content continues below", "lanjutkan membaca",
    ]

    /// Lines that open a list of links to other articles.
    static let relatedOpeners: [String] = [
        "baca juga", "baca:", "simak juga", "lihat juga", "read also", "read more", "related", "berita terkait",
        "artikel terkait", "artikel lainnya", "berita lainnya", "terpopuler", "rekomendasi", "pilihan redaksi",
        "populer", "more stories", "you may also like", "also read", "video terkait", "berita pilihan", "topik terkait",
        "tag:", "tags:", "tag terkait", "tonton juga", "saksikan juga", "nonton juga",
    ]

    /// Phrases that ask the reader to do something.
    static let callToActionCues: [String] = [
        "silakan klik", "klik tanda bintang", "google news", "whatsapp ke nomor", "silakan whatsapp", "ikuti kami",
        "follow us", "subscribe", "download aplikasi", "unduh aplikasi", "temukan berita", "untuk mengikuti",
        "dapatkan update", "dapatkan berita", "gabung channel", "join channel", "klik di sini", "click here",
        "sign up for", "newsletter", "saksikan video", "tonton video", "simak video", "cek berita dan artikel",
        "ikuti berita", "follow akun", "klik link", "kunjungi", "channel whatsapp", "telegram channel", "klik banner",
        "share this", "bagikan artikel", "saksikan live",
    ]

    static let callToAction = ByteCues(callToActionCues)

    /// Photo credit words inside a trailing `( … )`: a caption wherever it stands.
    static let creditCues: [String] = [
        "foto", "photo", "dok.", "dok ", "via ap", "getty", "istimewa", "ist.", "pool", "shutterstock", "ilustrasi", "image",
    ]
    /// Agencies that credit photos but also end attributed paragraphs ("… kata dia (Reuters)"):
    /// a caption only on a short line that does not end a sentence before the bracket.
    static let agencyCredits: [String] = ["reuters", "afp", "antara", "epa", "xinhua", "anadolu", "ap"]
    /// Short credit suffixes after a slash: "Menteri … Cavusoglu/Net".
    static let slashCredits: Set<String> = [
        "net", "ist", "istimewa", "foto", "dok", "doc", "antara", "afp", "reuters", "ap", "rmol", "dokumentasi", "ilustrasi",
        "getty", "epa", "int", "google", "humas", "twitter", "instagram", "detikcom", "kompas.com", "tribunnews",
    ]

    static func isAdvertisement(_ l: Line) -> Bool {
        // Advertisement labels are a few words; a line of any length with few words (a run of
        // punctuation) is not one, and is not trimmed character by character to find out.
        guard l.words <= 6, l.lower.utf8.count <= 160 else { return false }
        let s = Substring(l.lower).drop { !$0.isLetter }.droppingLast { !$0.isLetter }
        return advertisementLines.contains(String(s))
    }

    static func opensRelated(_ l: Line) -> Bool {
        guard l.words <= 30, l.lower.utf8.count <= 600 else { return false }
        var s = Substring(l.lower)
        while let f = s.first, !f.isLetter { s = s.dropFirst() }
        return relatedOpeners.contains { s.hasPrefix($0) && (s.count == $0.count || !s.dropFirst($0.count).first!.isLetter) }
    }

    /// A list item after a related opener: "- Headline", "• Headline", or a short line that is not a sentence.
    static func continuesRelated(_ l: Line) -> Bool {
        if let f = l.plain.first, "-•*–·»>".contains(f) { return l.words <= 40 }
        return l.words <= 20 && !l.endsLikeSentence
    }

    static func isEditorCode(_ l: Line) -> Bool {
        let s = l.plain
        guard s.utf8.count <= 48, s.count <= 24, let f = s.first, let e = s.last else { return false }
        guard (f == "(" && e == ")") || (f == "[" && e == "]") else { return false }
        let inner = s.dropFirst().dropLast()
        if inner == "*" { return true }
        let parts = inner.split(separator: "/", omittingEmptySubsequences: false)
        guard !parts.isEmpty, parts.count <= 4 else { return false }
        return parts.allSatisfy { p in (1...6).contains(p.count) && p.allSatisfy { $0.isLetter && $0.isLowercase || $0 == "-" || $0 == "_" } }
            && (parts.count > 1 || inner.count <= 4)
    }

    static func isCallToAction(_ l: Line) -> Bool {
        guard l.words <= 45 else { return false }
        return callToAction.occurs(in: l.lower)
    }

    static func isPhotoCaption(_ l: Line) -> Bool {
        let s = l.plain
        let lower = l.lower
        if lower.hasPrefix("foto:") || lower.hasPrefix("foto :") || lower.hasPrefix("photo:") || lower.hasPrefix("ilustrasi")
            || lower.hasPrefix("caption:") || lower.hasPrefix("keterangan foto") {
            return l.words <= 60
        }
        // "… (dok. Vladimir Smirnov, Sputnik, Kremlin Pool Photo via AP)"
        if s.last == ")", let open = s.lastIndex(of: "(") {
            let credit = s[open...].lowercased()
            if creditCues.contains(where: { credit.containsBytes($0) }) { return l.words <= 80 }
            let before = s[..<open].trimmingCharacters(in: .whitespaces)
            let inner = credit.dropFirst().dropLast().trimmingCharacters(in: CharacterSetLite { !$0.isLetter })
            if agencyCredits.contains(inner), l.words <= 40, let last = before.last, !".!?\"”".contains(last) { return true }
        }
        // "Menteri Luar Negeri Turki Mevlut Cavusoglu/Net"
        if !l.endsLikeSentence, l.words <= 20, let slash = s.lastIndex(of: "/") {
            let tail = s[s.index(after: slash)...].lowercased()
            if slashCredits.contains(tail) && s[s.startIndex].isUppercase { return true }
        }
        return false
    }

    /// Lines that only carry markup (tags with no text, or an alt text such as "rmol news logo").
    static func isMarkupOnly(_ l: Line) -> Bool {
        if l.hadTags && l.plain.isEmpty { return true }
        guard l.words <= 4, !l.plain.isEmpty else { return false }
        return l.lower.hasSuffix(" logo") && l.plain == l.lower
    }

    /// "LAPORAN: RENI ERINA", "Penulis: X", "Reporter: X | Editor: Y", "Oleh: X", "By X".
    static let bylineLabels: [String] = ["laporan", "penulis", "reporter", "editor", "oleh", "pewarta", "kontributor", "redaktur", "wartawan", "by", "author", "written by", "sumber"]

    /// The label and the name after it, when the line is a labelled byline.
    static func labelledByline(_ l: Line) -> (label: String, name: String)? {
        guard l.words <= 16 else { return nil }
        for label in bylineLabels where l.lower.hasPrefix(label) {
            var rest = l.plain.dropFirst(label.count)
            guard let f = rest.first, f == ":" || f == " " else { continue }
            while let c = rest.first, c == ":" || c == " " { rest = rest.dropFirst() }
            guard !rest.isEmpty, rest.first!.isLetter, rest.first!.isUppercase else { continue }
            // Stop at the next label: "Penulis: A | Editor: B".
            let name = rest.split(whereSeparator: { $0 == "|" || $0 == "," || $0 == ";" }).first.map(String.init) ?? String(rest)
            return (label, name.trimmingCharacters(in: .whitespaces))
        }
        return nil
    }
}
