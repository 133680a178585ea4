import LinimasaCore
import LinimasaText
import Synchronization

/// A name found in a text: token range of the name itself (titles left out), its type, the role
/// written before it, and the entity it belongs to.
public struct NameMention: Sendable, Hashable {
    public var start: Int
    public var end: Int
    public var type: EntityType
    public var role: String?
    /// Index into the article's entities.
    public var entity: Int
}

/// Finds the people, organisations and places of an article: tags each sentence, takes titles
/// and roles off people's names ("Menteri Luar Negeri Turki Mevlut Cavusoglu" is Mevlut
/// Cavusoglu, Menteri Luar Negeri Turki), and joins the names that stand for one entity.
public struct EntityFinder: Sendable {
    let tagger: NERTagger
    /// The tagger for text written without capitals (transcripts, social posts, NERP): the `uncased`
    /// scheme, learned from the cased sets lower-cased, where the cased schemes see no capital and
    /// find almost no name (NER-UI's development sentences lower-cased: F1 36.0 with NER-UI's
    /// weights, 86.62 with the uncased scheme's; `eval ner --lower-case`).
    /// Nil when the finder's own scheme is for such text. Made when first needed: most text has capitals.
    let uncasedTagger: OnDemandTagger?

    public init(model: NERModel = .bundled, scheme: NERScheme = .nerui) {
        tagger = model.tagger(for: scheme)
        uncasedTagger = scheme.lowercased ? nil : OnDemandTagger(model: model, scheme: .uncased)
    }

    /// A scheme's tagger made the first time it is asked for, then shared.
    final class OnDemandTagger: Sendable {
        let model: NERModel
        let scheme: NERScheme
        let made = Mutex<NERTagger?>(nil)

        init(model: NERModel, scheme: NERScheme) {
            self.model = model
            self.scheme = scheme
        }

        var tagger: NERTagger {
            made.withLock { made in
                if let t = made { return t }
                let t = model.tagger(for: scheme)
                made = t
                return t
            }
        }
    }

    /// True when a text is written without capitals for its names: of its words of two letters or
    /// more, fewer than one in a hundred has a capital, or, in a text of three sentences or more,
    /// fewer than one in 250 has one after another word (text in sentence case: a capital at each
    /// sentence's start, after a quotation mark or a parenthesis, and on no name). A cased text may
    /// name no one for a sentence or two, and a short one at all (detik's job-scam advice names
    /// two sites in 201 words), so that test asks more: there every capital counts, and a name
    /// after a word in a short text keeps it cased.
    public static func isUncased(_ t: TokenizedText, sentences: Int) -> Bool {
        var words = 0
        var capitals = 0
        var afterWords = 0
        for i in t.tokens.indices where t.tokens[i].kind == .word && t.tokens[i].length >= 2 {
            words += 1
            guard t.isCapitalized(i) else { continue }
            capitals += 1
            if i > 0, t.tokens[i - 1].kind == .word { afterWords += 1 }
        }
        return words > 0 && (capitals * 100 < words || (sentences >= 3 && afterWords * 250 < words))
    }

    /// Words that begin a title or role (with `formsOfAddress` and `ministerTitles`).
    static let roleHeads: Set<String> = Set([
        "presiden", "wapres", "menteri", "menlu", "menhan", "mendagri", "menkes", "menkeu", "menko", "mensesneg",
        "perdana", "pm", "gubernur", "wagub", "bupati", "wabup", "wali", "walkot", "walikota", "ketua", "ketum", "wakil",
        "direktur", "dirut", "kepala", "kapolri", "kapolda", "kapolres", "panglima", "jenderal", "jend", "letjen",
        "mayjen", "brigjen", "kolonel", "sekretaris", "sekjen", "juru", "jubir", "raja", "ratu", "pangeran", "putra",
        "kanselir", "dubes", "duta", "senator", "pemimpin", "komandan", "jaksa", "hakim", "paus", "imam", "uskup",
        "pastor", "president", "minister", "secretary", "spokesman", "spokeswoman", "spokesperson", "chancellor", "king", "queen", "prince", "princess", "governor", "mayor", "chairman", "chief",
        "ceo", "director", "general", "gen", "sen", "rep", "ambassador", "pope", "premier", "anggota", "pendiri",
        "diplomat", "pelatih", "kapten", "akbp", "kompol", "akp", "iptu", "ipda", "aiptu", "aipda", "bripka",
        "briptu", "bripda", "irjen", "komjen", "kombes", "laksamana", "marsekal", "letkol", "serda", "sertu", "kopral",
        "jubir", "kabid", "kasat", "kapuspen", "kadiv", "dirjen", "kajati", "kajari", "kapolsek",
        // Offices of the police, the regions and the ministries as the news abbreviates them.
        "kapolrestabes", "kapolresta", "kabareskrim", "kasatreskrim", "kasatlantas", "kanit", "kakanwil", "kasintel",
        "kasi", "kasubdit", "kabag", "kabiro", "kadis", "komisioner", "sesmenko", "wamen", "wakapolri", "wakapolda",
        "pangdam", "danrem", "dandim", "kasad", "kasal", "kasau",
    ]).union(ministerTitles).union(formsOfAddress)

    /// Ministers and deputy ministers by their ministries' abbreviations ("Mensos", "Wamenaker"), a
    /// closed class; "Mendes" and "Menham" are left out, being surnames too.
    static let ministerTitles: Set<String> = {
        let ministries = [
            "aker", "naker", "sos", "pora", "ag", "dag", "tan", "hub", "perin", "kumham", "kum", "dikbud", "dikdasmen",
            "diktisaintek", "par", "parekraf", "pan", "panrb", "kominfo", "komdigi", "pupr", "pu", "lhk", "lh", "kop",
            "kopukm", "ristek", "pppa", "despdtt", "bud", "hut", "imipas", "keu", "lu", "han", "dagri", "kes", "bumn",
            "esdm", "sesneg", "ham", "des",
        ]
        return Set(ministries.map { "wamen" + $0 } + ministries.map { "men" + $0 }).subtracting(["mendes", "menham"])
    }()
    static let roleHeadHashes = Set(roleHeads.map { hashBytes($0.utf8) })
    /// Titles that address a person or name a degree rather than an office; among `roleHeads`.
    static let formsOfAddress: Set<String> = [
        "pak", "bu", "bapak", "ibu", "gus", "tuan", "nyonya", "mr", "mrs", "ms", "sir", "dr", "prof", "profesor", "ir",
        "kh", "ustaz", "ustadz", "syekh",
    ]
    /// One-word well-known places as written ("Rusia", "AS"), by the hash of their bytes.
    static let knownPlaceHashes: Set<UInt64> = {
        var out = Set<UInt64>()
        for (g, names) in AliasResolver.knownAliases.enumerated() where AliasResolver.knownKinds[g] == .location {
            for n in names where !n.contains(" ") { out.insert(hashBytes(n.utf8)) }
        }
        return out
    }()

    /// Words that may continue a role after its head: "Menteri Luar Negeri", "Juru Bicara", "Wali Kota".
    static let roleWords: Set<String> = [
        "luar", "negeri", "dalam", "pertahanan", "kesehatan", "keuangan", "bicara", "kota", "besar", "umum", "utama",
        "agung", "koordinator", "bidang", "menteri", "presiden", "jenderal", "eksekutif", "foreign", "defense",
        "defence", "interior", "health", "finance", "prime", "vice", "of", "state", "the", "executive", "deputy",
        "wakil", "tertinggi", "senior", "partai", "dewan", "komisi", "kabinet", "kepresidenan", "militer", "hukum", "ham",
        "pelaksana", "harian", "kehormatan", "penyelenggara", "pemilu", "pembina", "pengawas", "perhubungan", "pertanian",
        "perdagangan", "perindustrian", "pendidikan", "kebudayaan", "sosial", "agama", "pariwisata", "komunikasi",
        "informatika", "kelautan", "perikanan", "kehutanan", "lingkungan", "hidup", "tenaga", "kerja", "investasi",
        "perumahan", "rakyat", "negara", "daerah", "desa", "keamanan", "politik", "ekonomi", "maritim", "alumni",
        "presidium", "pusat", "wilayah", "cabang", "umum", "operasional", "pemasaran", "humas", "staf", "khusus",
    ]

    /// Words that name nothing by themselves, so that a name of one such word is a fragment the
    /// tagger cut from a longer one or a title left without its holder: the designators that head
    /// or close names ("Bank", "Kabupaten", "Majelis", the "Serikat" of Amerika Serikat), titles
    /// ("Kasat", "Presiden"), compass points, "Nomor" and "Rp". Titles that are also given names
    /// ("Imam", "Putra", "Raja", "Ratu") are not among them.
    static let notNamesAlone: Set<String> = roleHeads.subtracting(givenNameTitles).union([
        "bank", "kementerian", "kemenko", "universitas", "institut", "sekolah", "akademi", "kabupaten", "kecamatan",
        "kelurahan", "provinsi", "kota", "desa", "kampung", "majelis", "lembaga", "yayasan", "dewan", "forum", "gerakan",
        "hotel", "republik", "serikat", "pelabuhan", "badan", "komisi", "partai", "pengadilan", "mahkamah", "organisasi",
        "perusahaan", "kantor", "rumah", "balai", "dinas", "direktorat", "ditjen", "deputi", "biro", "pusat", "kerajaan",
        "negara", "nomor", "no", "rp", "indeks", "satuan", "tim", "klub", "jalan", "jl", "gedung", "stasiun", "bandara",
        "terminal", "pasar", "masjid", "gereja", "kampus", "plt", "pj", "pjs", "barat", "timur", "utara", "selatan",
        "tengah", "university", "institute", "ministry", "department", "council", "foundation", "party", "national",
        "nasional", "international", "internasional", "social", "group", "grup", "company", "corporation", "pt", "tbk",
        "cv", "persero", "the",
    ])

    /// Words that begin the names of organisations and places, never of people, with the kind of
    /// what they name: Indonesian puts a name's head first ("Waduk Karian" is a reservoir, "Polres
    /// Situbondo" a police precinct, whatever the tagger made of the name after the head).
    static let designatorKinds: [String: EntityType] = {
        var d: [String: EntityType] = [:]
        for w in [
            "provinsi", "kabupaten", "kota", "desa", "kelurahan", "kecamatan", "kampung", "jalan", "jl", "gunung", "danau",
            "waduk", "bendungan", "sungai", "pantai", "pulau", "teluk", "selat", "bukit", "dusun", "pelabuhan", "bandara",
            "stasiun", "terminal", "pasar", "stadion", "taman", "hutan", "kawah", "laut", "samudra", "samudera", "tol",
            "masjid", "gereja", "pura", "candi", "klenteng", "vihara", "perumahan", "gedung", "lapangan", "tugu",
            "monumen", "museum", "istana", "lembah", "tanjung", "muara", "kepulauan", "jembatan", "simpang", "nagari",
        ] { d[w] = .location }
        for w in [
            "bank", "kementerian", "universitas", "institut", "majelis", "lembaga", "yayasan", "dewan", "forum", "badan",
            "komisi", "partai", "pengadilan", "mahkamah", "organisasi", "perusahaan", "biro", "direktorat", "dinas",
            "pusat", "pt", "polres", "polresta", "polrestabes", "polda", "polsek", "kodim", "korem", "kodam", "koramil",
            "lanud", "lantamal", "kejaksaan", "kejati", "kejari", "sekolah", "madrasah", "pesantren", "cv", "fraksi",
            "koperasi", "rsud", "puskesmas", "klub", "persatuan", "ikatan", "asosiasi", "serikat", "himpunan", "komite",
            "satreskrim", "satpol", "satpolairud", "ditreskrimum", "ditreskrimsus", "ditres", "subdit", "pemkab", "pemkot",
            "pemprov", "dprd", "subholding", "perum", "perumda", "tipikor",
        ] { d[w] = .organization }
        return d
    }()

    /// Nouns that end an English organisation's name ("Corruption Watch", "Climate Council", "State
    /// University"): English puts a name's head last, and no person's surname is one of these.
    static let designatorTails: Set<String> = [
        "watch", "council", "university", "center", "centre", "festival", "institute", "association", "foundation",
        "agency", "committee", "commission", "forum", "network", "alliance", "society", "group", "company", "corporation",
        "corp", "inc", "ltd", "club", "league", "union", "week", "summit", "awards", "conference", "school", "college",
        "hospital", "ministry", "department", "board", "organization", "organisation", "federation", "coalition",
        "initiative", "fund", "bank", "labs", "studios", "records", "ventures", "holdings", "airlines", "airways",
    ]

    /// Offices of the police, the prosecutors, the military and the regional governments that the
    /// news names by their region: the capitalised word after one is a region.
    /// (Not the military's commands, named after heroes as often: "Kodam Iskandar Muda".)
    static let regionalOffices: Set<String> = [
        "polres", "polresta", "polrestabes", "polda", "polsek", "mapolres", "mapolresta", "mapolrestabes", "mapolda", "mapolsek",
        "kejari", "kejati", "pemkab", "pemkot", "pemprov", "dprd", "kpud",
    ]
    static let regionalOfficeHashes = Set(regionalOffices.map { hashBytes($0.utf8) })
    static let officePairHeads = Set(["kejaksaan", "pengadilan", "kepolisian", "pemerintah"].map { hashBytes($0.utf8) })
    /// The same offices written out: the word after both words is the region ("Kejaksaan Negeri Jember").
    static let regionalOfficePairs: Set<String> = [
        "kejaksaan negeri", "kejaksaan tinggi", "pengadilan negeri", "pengadilan tinggi", "pengadilan agama", "kepolisian resor",
        "kepolisian daerah", "kepolisian sektor", "pemerintah kabupaten", "pemerintah kota", "pemerintah provinsi",
    ]

    /// Tokens that name the region of a regional office just before them (a closing parenthesis
    /// may stand between: "Kejaksaan Negeri (Kejari) Jember").
    static func regionsAfterOffices(_ t: TokenizedText) -> [Int] {
        var out: [Int] = []
        let n = t.tokens.count
        func hash(_ i: Int) -> UInt64 { hashBytes(t.lowerBytes[t.tokens[i].start..<t.tokens[i].end]) }
        for i in 0..<n where t.tokens[i].kind == .word && t.isCapitalized(i) {
            var office = regionalOfficeHashes.contains(hash(i))
            if !office, i > 0, t.tokens[i - 1].kind == .word, t.isCapitalized(i - 1), officePairHeads.contains(hash(i - 1)) {
                office = regionalOfficePairs.contains(t.lower(i - 1) + " " + t.lower(i))
            }
            guard office else { continue }
            var j = i + 1
            if j < n, t.tokens[j].kind == .punct, t.text(j) == ")" { j += 1 }
            guard j < n, t.tokens[j].kind == .word, t.sameLine(i, j), t.isCapitalized(j), !isAcronymToken(t, j) || t.tokens[j].length > 3,
                !roleHeads.contains(t.lower(j)), !regionalOffices.contains(t.lower(j)), designatorKinds[t.lower(j)] == nil
            else { continue }
            out.append(j)
        }
        return out
    }

    /// Every word, lower-cased, of the spans tagged as people.
    static func personWords(_ t: TokenizedText, _ raw: [(start: Int, end: Int, type: EntityType, sentenceStart: Int)]) -> Set<String> {
        var out = Set<String>()
        for s in raw where s.type == .person { for i in s.start..<s.end where t.tokens[i].kind == .word { out.insert(t.lower(i)) } }
        return out
    }

    /// Military and police ranks, and the forces whose name follows a rank ("Mayjen TNI", "Kombes Pol").
    static let ranks: Set<String> = [
        "jenderal", "letjen", "mayjen", "brigjen", "kolonel", "letkol", "mayor", "kapten", "laksamana", "laksdya", "laksda", "laksma",
        "marsekal", "marsdya", "marsda", "marsma", "irjen", "komjen", "kombes", "akbp", "kompol", "akp", "iptu", "ipda",
    ]
    static let forces: Set<String> = ["tni", "polri", "pol"]

    /// Titles that are also given names.
    static let givenNameTitles: Set<String> = ["imam", "putra", "raja", "ratu", "pangeran", "gus", "paus"]

    /// A name of one token that names nothing: a word of `notNamesAlone`, an Indonesian function
    /// word, one letter, or a Roman numeral of I, V and X ("Komisi I", "Kodam XIII" cut short).
    static func isNotANameAlone(_ t: TokenizedText, _ i: Int) -> Bool {
        let bytes = t.bytes[t.tokens[i].start..<t.tokens[i].end]
        if bytes.count == 1 { return true }
        if bytes.allSatisfy({ $0 == UInt8(ascii: "I") || $0 == UInt8(ascii: "V") || $0 == UInt8(ascii: "X") }) { return true }
        let w = t.lower(i)
        return notNamesAlone.contains(w) || isFunctionWord(w)
    }

    /// An Indonesian function word is no name: "Begini kronologi kejadian itu." and "Kemudian ..."
    /// begin sentences with a capital. Not English ones, which are names and acronyms as often
    /// ("AS", "WHO", the Balinese "Made"), and not "Antara", the news agency, nor "Amat", a given name.
    static func isFunctionWord(_ w: String) -> Bool { w != "antara" && w != "amat" && Stopwords.indonesian.contains(w) }

    /// The entities of a text and every name mention, with sentence byte ranges to tag within.
    public func find(_ t: TokenizedText, sentences: [Range<Int>], offsets: ScalarOffsets) -> (
        entities: [Entity], mentions: [NameMention]
    ) {
        var raw: [(start: Int, end: Int, type: EntityType, sentenceStart: Int)] = []
        // Text without capitals is tagged, all of it in lower case, by the scheme learned from such
        // text, for the types of the finder's own scheme; the rules below that read capitals find
        // nothing to do there, and those that read lower-case words as common words are not applied.
        let uncased = uncasedTagger != nil && Self.isUncased(t, sentences: sentences.count)
        // Capitals mean something only in cased text read by a cased scheme.
        let cased = !uncased && !tagger.scheme.lowercased
        let chosen = uncased ? uncasedTagger!.tagger : tagger
        let types = Set(tagger.scheme.types)
        var tokenIndex = 0
        for r in sentences {
            while tokenIndex < t.tokens.count && t.tokens[tokenIndex].start < r.lowerBound { tokenIndex += 1 }
            var end = tokenIndex
            while end < t.tokens.count && t.tokens[end].start < r.upperBound { end += 1 }
            guard end > tokenIndex else { continue }
            let lo = tokenIndex
            var input = NERInput(t, tokens: lo..<end)
            if !cased { input.bytes = input.lower }
            var found = chosen.spans(input).filter { types.contains($0.type) }
            // The cased scheme's organisations, read in the lower-cased sentence, where the uncased
            // tagger found nothing (acronyms it knows as words: "kemendagri", "tpid"). Kept from the
            // first version, where NERP's weights read such text (+0.3 F1 on NER-UI lower-cased then);
            // not measured again beside the uncased scheme.
            if uncased {
                var covered = [Bool](repeating: false, count: end - lo)
                for s in found { for i in s.start..<s.end { covered[i] = true } }
                for s in tagger.spans(input) where s.type == .organization && !(s.start..<s.end).contains(where: { covered[$0] }) { found.append(s) }
                found.sort { $0.start < $1.start }
            }
            for s in found {
                if let x = trimmed(t, start: lo + s.start, end: lo + s.end, cased: cased) {
                    raw.append((x.start, x.end, s.type, lo))
                }
            }
            tokenIndex = end
        }
        // Places named on their own, so that "Presiden Turki Recep Tayyip Erdogan" tagged as one
        // person gives the name Recep Tayyip Erdogan and the role Presiden Turki.
        var places = Set<String>()
        var placeHashes = Set<UInt64>()
        for s in raw where s.type == .location && s.end - s.start == 1 {
            places.insert(t.lower(s.start))
            placeHashes.insert(hashBytes(t.lowerBytes[t.tokens[s.start].start..<t.tokens[s.start].end]))
        }
        // The word after a regional office names its region ("Polres Boyolali", "Kejaksaan Negeri
        // (Kejari) Jember", "Pemkab Koltim"): a "person" of that one word, wherever the text writes
        // it, is the place (here and once titles are taken off names, below).
        let regionWords = Set(Self.regionsAfterOffices(t).map { t.lower($0) })
        func isRegion(_ start: Int, _ end: Int) -> Bool { end - start == 1 && !regionWords.isEmpty && regionWords.contains(t.lower(start)) }
        for k in raw.indices where raw[k].type == .person && isRegion(raw[k].start, raw[k].end) { raw[k].type = .location }
        func isPlace(_ i: Int) -> Bool {
            let tok = t.tokens[i]
            return placeHashes.contains(hashBytes(t.lowerBytes[tok.start..<tok.end]))
                || Self.knownPlaceHashes.contains(hashBytes(t.bytes[tok.start..<tok.end]))
        }
        // Well-known places and organisations are never people ("Presiden Rusia dan Turki").
        for k in raw.indices where raw[k].type == .person {
            if let kind = AliasResolver.knownKind(name(t, raw[k].start, raw[k].end)) { raw[k].type = kind }
        }
        // "Rusia Sergei Lavrov" tagged as a place is a person with a nationality in front, when the
        // rest is a person's name elsewhere in the text or a title comes before it.
        var personWords = Set<String>()
        for s in raw where s.type == .person { personWords.insert(t.lower(s.end - 1)) }
        let lowerWords = cased ? Self.lowerCaseWords(t) : []
        for k in raw.indices where raw[k].type != .person && raw[k].end - raw[k].start >= 2 {
            let s = raw[k]
            // A well-known name as a whole ("presiden Amerika Serikat") is what it is known as.
            guard isPlace(s.start), t.isCapitalized(s.start + 1), AliasResolver.known(t.text(s.start + 1)) == nil,
                AliasResolver.knownKind(name(t, s.start, s.end)) == nil
            else { continue }
            // A rest of two words or more that holds no place, acronym or common word reads as a name.
            let rest = (s.start + 1)..<s.end
            let nameLike = rest.count >= 2 && rest.allSatisfy { i in
                t.tokens[i].kind == .word && t.isCapitalized(i) && !isPlace(i) && !Self.isAcronymToken(t, i)
                    && !lowerWords.contains(hashBytes(t.lowerBytes[t.tokens[i].start..<t.tokens[i].end]))
            }
            if titleBefore(t, s.start, sentenceStart: s.sentenceStart, isPlace: isPlace) != nil || personWords.contains(t.lower(s.end - 1)) || nameLike {
                raw[k].type = .person
            }
        }
        // "Mayjen TNI Kristomei" tagged "TNI Kristomei", an organisation: after a rank, the force
        // ("TNI", "Polri", "Pol") belongs to the rank, and what follows is a person when every word
        // of it is a word of a person the tagger found elsewhere in the text ("Kristomei Sianturi").
        var everyPersonWord: Set<String>? = nil  // made only when a rank and a force are found
        for k in raw.indices where raw[k].type != .person && raw[k].end - raw[k].start >= 2 && raw[k].start > 0 {
            let s = raw[k]
            guard Self.forces.contains(t.lower(s.start)), Self.ranks.contains(t.lower(s.start - 1)) else { continue }
            if everyPersonWord == nil { everyPersonWord = Self.personWords(t, raw) }
            guard ((s.start + 1)..<s.end).allSatisfy({ t.tokens[$0].kind == .word && everyPersonWord!.contains(t.lower($0)) }) else { continue }
            raw[k].start += 1
            raw[k].type = .person
        }
        raw = splitAtRanks(t, raw, personWords: everyPersonWord ?? Self.personWords(t, raw))
        raw = splitPlaces(t, raw, cased: cased)
        raw = amountsLeftOut(t, raw)
        raw = splitTitledPeople(t, raw, lowerWords: lowerWords, isPlace: isPlace)
        raw = checkedPeople(t, raw, lowerWords: lowerWords, isPlace: isPlace)
        // A title followed by capitalised words is a person even where the tagger missed this mention,
        // when the tagger found the person elsewhere in the text: "Menlu Cavusoglu" after "Mevlut
        // Cavusoglu".
        var covered = [Bool](repeating: false, count: t.tokens.count)
        for s in raw { for i in s.start..<s.end { covered[i] = true } }
        let taggedPersonWords = Self.personWords(t, raw)
        var next = 0
        for r in sentences {
            var i = next
            while i < t.tokens.count && t.tokens[i].start < r.lowerBound { i += 1 }
            let sentenceStart = i
            while i < t.tokens.count && t.tokens[i].start < r.upperBound {
                guard t.tokens[i].kind == .word, t.isCapitalized(i),
                    Self.roleHeadHashes.contains(hashBytes(t.lowerBytes[t.tokens[i].start..<t.tokens[i].end]))
                else {
                    i += 1
                    continue
                }
                var j = i + 1
                while j < t.tokens.count, t.tokens[j].kind == .word, t.sameLine(j - 1, j),
                    Self.roleWords.contains(t.lower(j)) || isPlace(j) || Self.isAcronymToken(t, j)
                {
                    j += 1
                }
                var e = j
                while e < t.tokens.count, e - j < 4, !covered[e], t.tokens[e].kind == .word, t.sameLine(e - 1, e), t.isCapitalized(e),
                    !Self.roleHeads.contains(t.lower(e)), !Self.roleWords.contains(t.lower(e)), !isPlace(e), !Self.isAcronymToken(t, e)
                {
                    e += 1
                }
                // The name must end there: a tagged name or another capital right after means the
                // words belong to the title ("Menko Polhukam | Djoko Suyanto", "Direktur Pemasaran | Pertamina").
                let ends = e >= t.tokens.count || (!covered[e] && !(t.tokens[e].kind == .word && t.isCapitalized(e)))
                // and read as a name: no word of it that the text also writes in lower case.
                let nameLike = (j..<e).allSatisfy { !lowerWords.contains(hashBytes(t.lowerBytes[t.tokens[$0].start..<t.tokens[$0].end])) }
                // and be a person the tagger found elsewhere in the text: every word of it is a word of
                // a name tagged as a person ("Menkeu Purbaya" after "Purbaya Yudhi Sadewa"). A title
                // before a capitalised word is no evidence of a name by itself: portfolios and units
                // follow titles as often ("Menteri Ketenagakerjaan", "Kepala Satuan Tugas Koordinasi").
                let taggedElsewhere = (j..<e).allSatisfy { taggedPersonWords.contains(t.lower($0)) }
                if e > j && ends && nameLike && taggedElsewhere {
                    raw.append((j, e, .person, sentenceStart))
                    for x in j..<e { covered[x] = true }
                    personWords.insert(t.lower(e - 1))
                }
                i = max(i + 1, e)
            }
            next = i
        }
        // A "person" whose name, after any title, begins with a designator ("Lembaga Penjamin
        // Simpanan", "Kepala | Biro Hubungan Masyarakat", "Provinsi Kandal") is the organisation or
        // place it names; the title is left out. (Before the people's words below are collected,
        // so that "Masyarakat" elsewhere is not taken for a surname.)
        for k in raw.indices where raw[k].type == .person {
            var i = raw[k].start
            while i < raw[k].end - 1 && (Self.roleHeads.contains(t.lower(i)) || Self.roleWords.contains(t.lower(i))) { i += 1 }
            guard raw[k].end - i >= 2, let kind = Self.designatorKinds[t.lower(i)] else { continue }
            raw[k].start = i
            raw[k].type = kind
        }
        // One name, one reading in a text: a person's surname elsewhere untagged is that person.
        var fullNames = Set<String>()
        for s in raw where s.type == .person && s.end - s.start >= 2 { fullNames.insert(t.lower(s.end - 1)) }
        var sentenceStartOf = [Int](repeating: 0, count: t.tokens.count)
        var lo = 0
        for r in sentences {
            var k = lo
            while k < t.tokens.count && t.tokens[k].start < r.upperBound {
                sentenceStartOf[k] = lo
                k += 1
            }
            lo = k
        }
        // At a sentence's start any word has a capital: there a word the text also writes in lower
        // case ("Pembicaraan" and "pembicaraan") is not taken for a name.
        for i in t.tokens.indices where !covered[i] && t.tokens[i].kind == .word && t.tokens[i].length >= 4 && t.isCapitalized(i) {
            let tok = t.tokens[i]
            guard fullNames.contains(t.lower(i)),
                sentenceStartOf[i] != i || !lowerWords.contains(hashBytes(t.lowerBytes[tok.start..<tok.end])),
                i + 1 >= t.tokens.count || !t.isCapitalized(i + 1) || t.tokens[i + 1].kind != .word
            else { continue }
            raw.append((i, i + 1, .person, sentenceStartOf[i]))
            covered[i] = true
        }
        if cased {
            raw += Self.untaggedRepeats(t, raw, covered: &covered, lowerWords: lowerWords, sentenceStartOf: sentenceStartOf)
        }
        raw.sort { $0.start < $1.start }
        var spans: [(start: Int, end: Int, type: EntityType, role: String?)] = []
        var organization = [Bool](repeating: false, count: t.tokens.count)
        for s in raw where s.type == .organization { for i in s.start..<s.end { organization[i] = true } }
        // Inside a title a place or an organisation may stand: "Ketua Umum Partai Gerindra | Prabowo Subianto".
        func inTitle(_ i: Int) -> Bool { isPlace(i) || organization[i] }
        for s in raw {
            if let x = nameAndRole(t, start: s.start, end: s.end, type: s.type, sentenceStart: s.sentenceStart, places: places, isPlace: inTitle),
                x.end - x.start > 1 || !Self.isNotANameAlone(t, x.start)
            {
                // "Kapolres Boyolali" is the office of a place, not a person.
                if s.type == .person, isRegion(x.start, x.end) {
                    spans.append((x.start, x.end, .location, nil))
                } else {
                    spans.append((x.start, x.end, s.type, x.role))
                }
            }
        }
        // A name tagged with different kinds in different places takes its most frequent kind.
        var kindVotes: [String: [Int]] = [:]
        for s in spans {
            kindVotes[name(t, s.start, s.end).lowercased(), default: [Int](repeating: 0, count: EntityType.allCases.count)][s.type.rawValue] += 1
        }
        var items: [AliasResolver.Item] = []
        var itemOf: [String: Int] = [:]
        var spanItem: [Int] = []
        var kinds: [EntityType] = []
        for s in spans {
            let written = name(t, s.start, s.end)
            let votes = kindVotes[written.lowercased()]!
            let kind = EntityType(rawValue: votes.indices.max { votes[$0] < votes[$1] || (votes[$0] == votes[$1] && $0 > $1) }!)!
            kinds.append(kind)
            let n = uncased ? Self.capitalized(written, kind: kind) : written
            let key = kind.code + "\t" + n
            if let i = itemOf[key] {
                items[i].names[n, default: 0] += 1
                spanItem.append(i)
            } else {
                itemOf[key] = items.count
                spanItem.append(items.count)
                items.append(AliasResolver.Item(names: [n: 1], kind: kind.code))
            }
        }
        let groups = Self.joiningDeclaredAliases(AliasResolver.cluster(items), spans: spans, spanItem: spanItem, t)
        var groupOfItem = [Int](repeating: 0, count: items.count)
        for (g, members) in groups.enumerated() { for m in members { groupOfItem[m] = g } }
        // Entities in order of first mention.
        var firstSpan = [Int](repeating: Int.max, count: groups.count)
        for (k, i) in spanItem.enumerated() { firstSpan[groupOfItem[i]] = min(firstSpan[groupOfItem[i]], k) }
        let order = groups.indices.sorted { firstSpan[$0] < firstSpan[$1] }
        var rank = [Int](repeating: 0, count: groups.count)
        for (r, g) in order.enumerated() { rank[g] = r }
        var entities: [Entity] = order.map { g in
            var names: [String: Int] = [:]
            for m in groups[g] { for (n, c) in items[m].names { names[n, default: 0] += c } }
            let kind = items[groups[g][0]].kind
            let canonical = AliasResolver.canonicalName(names, kind: kind)
            // The fullest spelling the article uses; the canonical name may be a well-known one.
            return Entity(
                name: AliasResolver.canonicalName(names, kind: "PER"), kind: kind, canonical: canonical,
                aliases: names.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key), roles: [],
                mentions: [])
        }
        var mentions: [NameMention] = []
        for (k, s) in spans.enumerated() {
            let e = rank[groupOfItem[spanItem[k]]]
            let a = t.tokens[s.start].start
            let b = t.tokens[s.end - 1].end
            entities[e].mentions.append(
                Mention(text: t.text(from: a, to: b), start: offsets.scalarOffset(ofByte: a), end: offsets.scalarOffset(ofByte: b)))
            if let role = s.role, entities[e].kind == "PER", !entities[e].roles.contains(role) { entities[e].roles.append(role) }
            mentions.append(NameMention(start: s.start, end: s.end, type: kinds[k], role: s.role, entity: e))
        }
        return (entities, mentions)
    }

    /// One name, one reading in a text (label consistency, as Krishnan & Manning 2006 use it): a name
    /// the tagger found, written the same way elsewhere in the text where it tagged nothing, is the
    /// same name there, of the kind the tagger gave it most often ("Kandal" tagged in one sentence
    /// and missed in the next). The repeat must stand alone, no capitalised word joined to it on
    /// either side (else it is a piece of a longer name; a sentence's common first word aside), and a one-word name counts only when it
    /// is no common word: three letters or more, a name alone (`isNotANameAlone`), never written in
    /// lower case in the text.
    static func untaggedRepeats(
        _ t: TokenizedText, _ raw: [(start: Int, end: Int, type: EntityType, sentenceStart: Int)], covered: inout [Bool],
        lowerWords: Set<UInt64>, sentenceStartOf: [Int]
    ) -> [(start: Int, end: Int, type: EntityType, sentenceStart: Int)] {
        func tokenHash(_ i: Int) -> UInt64 { hashBytes(t.bytes[t.tokens[i].start..<t.tokens[i].end]) }
        // Each name as written (its tokens' hashes), with its votes per kind.
        var votes: [[UInt64]: [Int]] = [:]
        for s in raw where s.end - s.start <= 8 {
            if s.end - s.start == 1 {
                let tok = t.tokens[s.start]
                guard tok.kind == .word, tok.length >= 3, !isNotANameAlone(t, s.start),
                    !lowerWords.contains(hashBytes(t.lowerBytes[tok.start..<tok.end]))
                else { continue }
            }
            votes[(s.start..<s.end).map(tokenHash), default: [Int](repeating: 0, count: EntityType.allCases.count)][s.type.rawValue] += 1
        }
        guard !votes.isEmpty else { return [] }
        var byFirst: [UInt64: [(tokens: [UInt64], type: EntityType)]] = [:]
        for (tokens, v) in votes {
            let kind = EntityType(rawValue: v.indices.max { v[$0] < v[$1] || (v[$0] == v[$1] && $0 > $1) }!)!
            byFirst[tokens[0], default: []].append((tokens, kind))
        }
        for k in byFirst.keys { byFirst[k]!.sort { $0.tokens.count > $1.tokens.count || ($0.tokens.count == $1.tokens.count && $0.tokens.lexicographicallyPrecedes($1.tokens)) } }
        func capitalisedWord(_ i: Int) -> Bool { i >= 0 && i < t.tokens.count && t.tokens[i].kind == .word && t.isCapitalized(i) }
        // A sentence's first word has its capital from its place, and a common one ("Menurut Bank
        // Mega Syariah") is joined to no name.
        func commonOpener(_ i: Int) -> Bool {
            sentenceStartOf[i] == i
                && (isFunctionWord(t.lower(i)) || lowerWords.contains(hashBytes(t.lowerBytes[t.tokens[i].start..<t.tokens[i].end])))
        }
        var out: [(start: Int, end: Int, type: EntityType, sentenceStart: Int)] = []
        var i = 0
        while i < t.tokens.count {
            guard !covered[i], t.tokens[i].kind == .word, let names = byFirst[tokenHash(i)] else {
                i += 1
                continue
            }
            var matched = 0
            for name in names {
                let n = name.tokens.count
                guard i + n <= t.tokens.count, (0..<n).allSatisfy({ !covered[i + $0] && tokenHash(i + $0) == name.tokens[$0] }),
                    !(capitalisedWord(i - 1) && t.sameLine(i - 1, i) && !commonOpener(i - 1)),
                    !(capitalisedWord(i + n) && t.sameLine(i + n - 1, i + n))
                else { continue }
                out.append((i, i + n, name.type, sentenceStartOf[i]))
                for x in i..<(i + n) { covered[x] = true }
                matched = n
                break
            }
            i += max(1, matched)
        }
        return out
    }

    /// "Gubernur Bank Indonesia Perry Warjiyo" tagged as one organisation is an organisation and,
    /// after it, the person whose title holds it. An organisation span of three words or more that
    /// follows a title is cut before a tail of two capitalised words or more (no place, acronym,
    /// title or designator, not a place the text names) when the text says the tail is a person: it begins with the first word
    /// of a person named elsewhere in the text ("Perry" for "Perry Warjiyo": one name, one reading in
    /// a text), or what comes before it is an organisation the text names on its own or a
    /// well-known one and no word of the tail is one the text also writes in lower case.
    func splitTitledPeople(
        _ t: TokenizedText, _ raw: [(start: Int, end: Int, type: EntityType, sentenceStart: Int)], lowerWords: Set<UInt64>,
        isPlace: (Int) -> Bool
    ) -> [(start: Int, end: Int, type: EntityType, sentenceStart: Int)] {
        var organizations = Set<String>()
        var firstWords = Set<String>()
        var places = Set<String>()
        for s in raw where s.type == .organization { organizations.insert(name(t, s.start, s.end).lowercased()) }
        for s in raw where s.type == .location { places.insert(name(t, s.start, s.end).lowercased()) }
        for s in raw where s.type == .person { firstWords.insert(t.lower(s.start)) }
        func nameWord(_ i: Int) -> Bool {
            t.tokens[i].kind == .word && t.isCapitalized(i) && !isPlace(i) && !Self.isAcronymToken(t, i)
                && !Self.notNamesAlone.contains(t.lower(i)) && !Self.roleWords.contains(t.lower(i))
        }
        func commonWord(_ i: Int) -> Bool { lowerWords.contains(hashBytes(t.lowerBytes[t.tokens[i].start..<t.tokens[i].end])) }
        var out: [(start: Int, end: Int, type: EntityType, sentenceStart: Int)] = []
        for s in raw {
            guard s.type == .organization, s.end - s.start >= 3, titleBefore(t, s.start, sentenceStart: s.sentenceStart, isPlace: isPlace) != nil else {
                out.append(s)
                continue
            }
            let cuts = (s.start + 1)...(s.end - 2)
            let named = cuts.first { k in firstWords.contains(t.lower(k)) && (k..<s.end).allSatisfy(nameWord) }
            let known = cuts.reversed().first { k in
                let front = name(t, s.start, k)
                return (organizations.contains(front.lowercased()) || AliasResolver.knownKind(front) == .organization)
                    && (k..<s.end).allSatisfy { nameWord($0) && !commonWord($0) }
            }
            guard let k = named ?? known, !places.contains(name(t, k, s.end).lowercased()) else {
                out.append(s)
                continue
            }
            out.append((s.start, k, .organization, s.sentenceStart))
            out.append((k, s.end, .person, s.sentenceStart))
        }
        return out
    }

    /// Ranks as the news abbreviates them ("AKP", "Letda", "Aipda"): no organisation or place has
    /// one in its name (institutions named after officers write the rank out: "Universitas
    /// Jenderal Soedirman"), so one inside an organisation or place the tagger found is where a
    /// person's title begins.
    static let rankAbbreviations: Set<String> = [
        "letjen", "mayjen", "brigjen", "letkol", "laksdya", "laksda", "laksma", "marsdya", "marsda", "marsma", "irjen", "komjen",
        "kombes", "akbp", "kompol", "akp", "iptu", "ipda", "aiptu", "aipda", "bripka", "brigpol", "briptu", "bripda", "letda",
        "lettu", "serda", "sertu", "serka", "serma", "pelda", "peltu", "kopda", "koptu", "praka", "pratu", "prada",
    ]

    /// An organisation or place the tagger found with a rank inside it: "Kasat Polairud AKP Gede"
    /// is the title of Gede (Sukarmadiyasa) and his rank, "TNI AL Panarukan Letda" a naval post and
    /// the rank of whoever the sentence names next. A rank that ends the name is cut off it; one
    /// followed by words the text gives a person elsewhere (`personWords`) makes those words that
    /// person, and what stands before the rank stays what it was unless it is a title ("Kasat
    /// Polairud"), which is no organisation.
    func splitAtRanks(
        _ t: TokenizedText, _ raw: [(start: Int, end: Int, type: EntityType, sentenceStart: Int)], personWords: Set<String>
    ) -> [(start: Int, end: Int, type: EntityType, sentenceStart: Int)] {
        var out: [(start: Int, end: Int, type: EntityType, sentenceStart: Int)] = []
        for s in raw {
            guard s.type != .person, s.end - s.start >= 2,
                let k = ((s.start + 1)..<s.end).first(where: { t.tokens[$0].kind == .word && Self.rankAbbreviations.contains(t.lower($0)) })
            else {
                out.append(s)
                continue
            }
            let tail = (k + 1)..<s.end
            if tail.isEmpty {
                out.append((s.start, k, s.type, s.sentenceStart))
                continue
            }
            guard tail.allSatisfy({ t.tokens[$0].kind == .word && t.isCapitalized($0) && personWords.contains(t.lower($0)) }) else {
                out.append(s)
                continue
            }
            if !Self.roleHeads.contains(t.lower(s.start)) { out.append((s.start, k, s.type, s.sentenceStart)) }
            out.append((k + 1, s.end, .person, s.sentenceStart))
        }
        return out
    }

    /// Words the text writes in lower case somewhere, as hashes of their bytes.
    static func lowerCaseWords(_ t: TokenizedText) -> Set<UInt64> {
        var out = Set<UInt64>()
        for tok in t.tokens where tok.kind == .word && tok.length >= 3 && !UTF8Class.isUpper(t.bytes[tok.start]) {
            out.insert(hashBytes(t.bytes[tok.start..<tok.end]))
        }
        return out
    }

    /// Second thoughts on what the tagger calls a person without a title before it: a name with
    /// digits ("Virus Corona COVID-19") or made of words the text also writes in lower case (a
    /// heading such as "Topik Pembicaraan") is no name; one ending in a place ("Idlib Suriah") is a
    /// place; a lone word after "di"/"ke" or joined by "dan"/"atau" to a place ("Armenia dan
    /// Azerbaijan") is a place; "Rusia-Turki" is two places, not a person.
    /// Lower-case words that put the name after them in a place: "di", "ke", "wilayah", "kawasan".
    static let placeCues: Set<String> = ["di", "ke", "wilayah", "kawasan"]

    /// Words that go on a place's name rather than begin another: "Laut Cina Selatan", "Korea Utara".
    static let compassWords: Set<String> = ["barat", "timur", "utara", "selatan", "tengah", "tenggara", "daya", "raya", "latin"]

    /// A place span holding a well-known place after its first word is several places written one
    /// after another, as Indonesian writes a place and the country it lies in without a comma:
    /// "wilayah Idlib Suriah" is Idlib and Suriah, "resor Laut Hitam Rusia Sochi" is Laut Hitam,
    /// Rusia and Sochi. A well-known place followed by a compass word stays in its name ("Laut Cina
    /// Selatan"), an abbreviation at the end qualifies it ("DPR RI"), and one at the front is left to
    /// the rules for nationalities ("Rusia Sergei Lavrov").
    func splitPlaces(
        _ t: TokenizedText, _ raw: [(start: Int, end: Int, type: EntityType, sentenceStart: Int)], cased: Bool
    ) -> [(start: Int, end: Int, type: EntityType, sentenceStart: Int)] {
        var out: [(start: Int, end: Int, type: EntityType, sentenceStart: Int)] = []
        for s in raw {
            guard s.type == .location, s.end - s.start >= 2, AliasResolver.knownKind(name(t, s.start, s.end)) == nil else {
                out.append(s)
                continue
            }
            var pieces: [(Int, Int)] = []
            var from = s.start
            var k = s.start + 1
            while k < s.end {
                // The longest well-known place starting at k (two words or one).
                let len = (k + 2 <= s.end && AliasResolver.knownKind(name(t, k, k + 2)) == .location) ? 2
                    : (AliasResolver.knownKind(t.text(k)) == .location ? 1 : 0)
                // An abbreviation ("DPR RI", "Kedubes AS") qualifies the name it ends instead.
                if len > 0, !cased || t.isCapitalized(k), !(len == 1 && Self.isAcronymToken(t, k)),
                    k + len == s.end || !Self.compassWords.contains(t.lower(k + len))
                {
                    pieces.append((from, k))
                    pieces.append((k, k + len))
                    from = k + len
                    k = from + 1
                } else {
                    k += 1
                }
            }
            if from < s.end { pieces.append((from, s.end)) }
            for (a, b) in pieces {
                let words = (a..<b).filter { t.tokens[$0].kind == .word }
                guard let first = words.first, !cased || t.isCapitalized(first) else { continue }
                out.append((a, b, .location, s.sentenceStart))
            }
        }
        return out
    }

    /// Units of money and measure that follow an amount: "2,5 miliar AS Dolar" is an amount, not
    /// an organisation, and "38 derajat Celcius" no person.
    static let currencyWords: Set<String> = [
        "dolar", "dollar", "rupiah", "euro", "yen", "yuan", "ringgit", "won", "riyal", "rupee", "peso", "franc", "pound",
        "poundsterling", "baht", "celcius", "celsius", "fahrenheit", "kelvin",
    ]
    static let amountWords: Set<String> = ["ribu", "juta", "miliar", "milyar", "triliun", "ratus", "puluh", "belas", "derajat"]

    /// Names that hold a unit of money or temperature and follow a number or an amount word are left out.
    func amountsLeftOut(
        _ t: TokenizedText, _ raw: [(start: Int, end: Int, type: EntityType, sentenceStart: Int)]
    ) -> [(start: Int, end: Int, type: EntityType, sentenceStart: Int)] {
        raw.filter { s in
            guard (s.start..<s.end).contains(where: { t.tokens[$0].kind == .word && Self.currencyWords.contains(t.lower($0)) }) else { return true }
            let b = s.start - 1
            guard b >= 0 else { return true }
            return !(t.tokens[b].kind == .number || (t.tokens[b].kind == .word && Self.amountWords.contains(t.lower(b))))
        }
    }

    func checkedPeople(
        _ t: TokenizedText, _ raw: [(start: Int, end: Int, type: EntityType, sentenceStart: Int)], lowerWords: Set<UInt64>,
        isPlace: (Int) -> Bool
    ) -> [(start: Int, end: Int, type: EntityType, sentenceStart: Int)] {
        var kindAt = [EntityType?](repeating: nil, count: t.tokens.count)
        for s in raw { for i in s.start..<s.end { kindAt[i] = s.type } }
        var out: [(start: Int, end: Int, type: EntityType, sentenceStart: Int)] = []
        for var s in raw {
            guard s.type == .person, titleBefore(t, s.start, sentenceStart: s.sentenceStart, isPlace: isPlace) == nil else {
                out.append(s)
                continue
            }
            let tokens = s.start..<s.end
            if tokens.contains(where: { i in t.bytes[t.tokens[i].start..<t.tokens[i].end].contains { $0 >= 0x30 && $0 <= 0x39 } }) { continue }
            let words = tokens.filter { t.tokens[$0].kind == .word }
            if !words.isEmpty && words.allSatisfy({ lowerWords.contains(hashBytes(t.lowerBytes[t.tokens[$0].start..<t.tokens[$0].end])) }) { continue }
            // A pious phrase a speaker says ("Insya Allah", "Alhamdulillah") is no one's name.
            if Self.piousPhrases.contains(words.map { t.lower($0) }.joined()) { continue }
            // Forms of address and degrees alone ("Dr", the "Ph" of "Ph.D.") name no one.
            if !words.isEmpty && words.allSatisfy({ Self.formsOfAddress.contains(t.lower($0)) || Self.degrees.contains(t.lower($0)) }) { continue }
            // A name headed by a designator, or ending in an English one (`designatorTails`), whose
            // head a title or a later rule kept from the designators' pass above ("Wali | Kota
            // Maskana", "di Jakarta Convention Center"), is the place or organisation it names.
            if words.count >= 2 {
                if let kind = Self.designatorKinds[t.lower(words[0])] ?? (Self.designatorTails.contains(t.lower(words[words.count - 1])) ? .organization : nil) {
                    s.type = kind
                    out.append(s)
                    continue
                }
            }
            // The noun right before a name says what it names, as the head inside one does. After a
            // designator written with a capital, as part of the name ("Masjid | Agung Karanganyar",
            // "Jalan | Ahmad Yani"), or a place's designator in lower case ("stadion Millennium"), the
            // name is that place or organisation; not after an organisation's in lower case, which
            // is as often whose ("rumah dinas Jokowi", "partai Prabowo"), nor after a designator that
            // ends a longer capitalised title rather than heads the name ("Presiden Amerika Serikat |
            // Donald Trump", "Sekretaris Fraksi | Yandri Susanto"). A region's designator or office
            // names its region with the one word after it, title or not ("Otoritas Provinsi Kandal",
            // "Kepala Kampung Lantipo"), and a longer "name" after it is the region and a person
            // ("Kota Mataram | Amiruddin", "Polres Nisel | Aipda Apriandi Ginting"). After "merek"
            // (brand) or a noun of things that bear their own names, not their owners' ("minyak
            // Brent", "aplikasi Zangi", "penyakit Alzheimer", "badai Maria"), a one-word name is no person.
            let head = s.start - 1
            if head >= s.sentenceStart, t.tokens[head].kind == .word, t.sameLine(head, s.start) {
                if let kind = Self.designatorKinds[t.lower(head)], t.isCapitalized(head) || kind == .location {
                    let headsTheName = head == s.sentenceStart || !(t.tokens[head - 1].kind == .word && t.isCapitalized(head - 1))
                    if Self.regionHeads.contains(t.lower(head)) ? words.count == 1 : headsTheName {
                        s.type = kind
                        out.append(s)
                        continue
                    }
                }
                if words.count == 1, Self.thingNouns.contains(t.lower(head)) { continue }
                if s.end - s.start == 1, isFragmentTail(t, start: s.start, sentenceStart: s.sentenceStart, kindAt: kindAt, lowerWords: lowerWords) { continue }
            }
            if s.end - s.start == 1 {
                let parts = t.text(s.start).split(separator: "-")
                if parts.count > 1 && parts.allSatisfy({ AliasResolver.knownKind(String($0)) == .location }) { continue }
            }
            let before = s.start - 1
            if AliasResolver.knownKind(t.text(s.end - 1)) == .location && s.end - s.start >= 2 {
                s.type = .location
            } else if before >= s.sentenceStart, t.tokens[before].kind == .word, Self.placeCues.contains(t.lower(before)) {
                // "di Nagorno Karabakh", "wilayah Nagorno Karabakh": one is in or goes to a place, not a person.
                s.type = .location
            } else if s.end - s.start == 1 {
                if before - 1 >= s.sentenceStart, t.tokens[before].kind == .word, ["dan", "atau", "and", "or"].contains(t.lower(before)),
                    kindAt[before - 1] == .location
                {
                    s.type = .location
                } else if s.end + 1 < t.tokens.count, t.tokens[s.end].kind == .word, ["dan", "atau", "and", "or"].contains(t.lower(s.end)),
                    kindAt[s.end + 1] == .location
                {
                    s.type = .location
                }
            }
            out.append(s)
        }
        return out
    }

    /// Whether token `i` holds an apostrophe, straight or curly (U+2019, E2 80 99 in UTF-8).
    static func hasApostrophe(_ t: TokenizedText, _ i: Int) -> Bool {
        let w = t.bytes[t.tokens[i].start..<t.tokens[i].end]
        return w.contains(0x27) || w.indices.contains { k in w[k] == 0xE2 && k + 2 < w.endIndex && w[k + 1] == 0x80 && w[k + 2] == 0x99 }
    }

    /// Degrees written after a name, which the tagger takes for one when they stand apart ("Ph.D.").
    static let degrees: Set<String> = ["ph", "phd", "mpsi", "msc", "mba"]

    /// Whether a one-word "person" at `start` is the last word of a capitalised phrase the tagger did
    /// not take as a name ("dan Required Reserved | Ratio,", "implementasi Leaders | Factory"): the
    /// words before it, back to a word in lower case, are written with a capital, are in no name,
    /// no title (`titleBefore` found none) and no acronym, and are not common words of the text
    /// (in lower case nowhere in it). A person's name does not follow such words after a word in
    /// lower case: titles, forms of address and other names do. Not after a title's head ("Ketua
    /// Kelompok Mamaku | Rato": the phrase is the title's), nor across a hyphen ("Jean-Pierre |
    /// Lacroix") or after a word with an apostrophe, which common words do not have ("Ma'ruf |
    /// Amin"), nor in a headline's capitals, nor from a sentence's first word, capitalised for
    /// starting it ("Sementara Budi").
    func isFragmentTail(_ t: TokenizedText, start: Int, sentenceStart: Int, kindAt: [EntityType?], lowerWords: Set<UInt64>) -> Bool {
        func phraseWord(_ i: Int) -> Bool {
            kindAt[i] == nil && t.tokens[i].kind == .word && t.isCapitalized(i) && !Self.isAcronymToken(t, i)
                && !Self.roleHeads.contains(t.lower(i)) && !lowerWords.contains(hashBytes(t.lowerBytes[t.tokens[i].start..<t.tokens[i].end]))
                && !Self.hasApostrophe(t, i)
        }
        func lowerCaseWord(_ i: Int) -> Bool { t.tokens[i].kind == .word && !t.isCapitalized(i) }
        var p = start - 1
        guard p > sentenceStart, t.sameLine(p, start), phraseWord(p) else { return false }
        while p - 1 > sentenceStart, t.sameLine(p - 1, p), phraseWord(p - 1) { p -= 1 }
        return t.sameLine(p - 1, p) && lowerCaseWord(p - 1)
    }

    /// Designators and offices followed by their region's one-word name.
    static let regionHeads: Set<String> = regionalOffices.union([
        "provinsi", "kabupaten", "kota", "kecamatan", "kelurahan", "desa", "kampung", "dusun", "nagari", "kejaksaan",
        "pengadilan", "kepolisian", "pemerintah",
    ])

    /// Nouns after which a name is a brand's or a thing's own, not an owner's: a brand, an oil grade
    /// or field, a pipeline, an app, a storm, a disease, a virus or vaccine. (Not vehicles, songs,
    /// albums or programmes: "mobil Prabowo", "album Yesung" are whose.)
    static let thingNouns: Set<String> = [
        "merek", "merk", "brand", "minyak", "blok", "pipa", "aplikasi", "badai", "topan", "siklon", "penyakit", "sindrom",
        "virus", "varian", "vaksin",
    ]

    /// Arabic phrases of Indonesian speech, written as one word or several (joined here), that the
    /// tagger takes for names for their capital A.
    static let piousPhrases: Set<String> = [
        "insyaallah", "insyallah", "inshaallah", "insha'allah", "alhamdulillah", "masyaallah", "mashaallah", "subhanallah",
        "astaghfirullah", "astagfirullah", "bismillah", "assalamualaikum", "allahuakbar", "innalillahi", "wallahualam",
    ]


    /// An all-capitals token of two to six letters: "DPR", "BUMN" (an organisation in a title).
    static func isAcronymToken(_ t: TokenizedText, _ i: Int) -> Bool {
        let tok = t.tokens[i]
        guard tok.length >= 2 && tok.length <= 6 else { return false }
        return t.bytes[tok.start..<tok.end].allSatisfy { UTF8Class.isUpper($0) }
    }

    /// The token index of a title ending right before `start` ("Menteri Luar Negeri Turki | …",
    /// "Anggota Komisi VII DPR | …"), if any: a title head, then only title words, places, acronyms
    /// and numerals up to the name.
    func titleBefore(_ t: TokenizedText, _ start: Int, sentenceStart: Int, isPlace: (Int) -> Bool) -> Int? {
        var j = start - 1
        var head: Int? = nil
        while j >= sentenceStart && start - j <= 7 {
            guard t.tokens[j].kind == .word, t.sameLine(j, j + 1) else { break }
            let lower = t.lower(j)
            if Self.roleHeads.contains(lower) {
                head = j
            } else if !(Self.roleWords.contains(lower) || isPlace(j) || Self.isAcronymToken(t, j)) {
                break
            }
            j -= 1
        }
        return head
    }

    /// The span without punctuation at its edges ("(Putin", "Erdogan,") and, in cased text, without
    /// lower-case words at its edges ("Putin menelepon", "Suriah barat"; nil when no capital is left),
    /// in uncased text without function words there ("di jakarta").
    func trimmed(_ t: TokenizedText, start: Int, end: Int, cased: Bool) -> (start: Int, end: Int)? {
        var s = start
        var e = end
        guard !cased || (s..<e).contains(where: { t.tokens[$0].kind == .word && t.isCapitalized($0) }) else { return nil }
        func edge(_ i: Int) -> Bool {
            guard t.tokens[i].kind == .word else { return t.tokens[i].kind == .punct }
            return cased ? !t.isCapitalized(i) : Self.isFunctionWord(t.lower(i))
        }
        while s < e && edge(s) { s += 1 }
        while e > s && edge(e - 1) { e -= 1 }
        return s < e ? (s, e) : nil
    }

    /// A name found in uncased text as names are written ("vladimir voronin" is Vladimir Voronin,
    /// "dpr ri" DPR RI): each word with a capital, an organisation's words of three letters or
    /// fewer in capitals, as Indonesian writes its institutions' acronyms ("kpk", "tni", "pbb").
    static func capitalized(_ name: String, kind: EntityType) -> String {
        name.split(separator: " ", omittingEmptySubsequences: false).map { w in
            kind == .organization && w.count <= 3 && w.allSatisfy(\.isLetter) ? w.uppercased() : w.prefix(1).uppercased() + w.dropFirst()
        }.joined(separator: " ")
    }

    /// A name's text with single spaces.
    func name(_ t: TokenizedText, _ start: Int, _ end: Int) -> String {
        var parts: [String] = []
        for i in start..<end {
            if i > start && t.tokens[i].start == t.tokens[i - 1].end, !parts.isEmpty {
                parts[parts.count - 1] += t.text(i)
            } else {
                parts.append(t.text(i))
            }
        }
        return parts.joined(separator: " ")
    }

    /// The name without leading titles, and the role before it; nil when nothing of a name is left
    /// or the span is not a plausible name (no capital letter in cased text, a lone title).
    func nameAndRole(
        _ t: TokenizedText, start: Int, end: Int, type: EntityType, sentenceStart: Int, places: Set<String>,
        isPlace: (Int) -> Bool
    ) -> (start: Int, end: Int, role: String?)? {
        var s = start
        let e = end
        guard type == .person else { return (s, e, nil) }
        var roleStart: Int? = nil
        // Titles inside the span: "Presiden Erdogan", "Menlu Cavusoglu".
        if Self.roleHeads.contains(t.lower(s)) {
            roleStart = s
            while s < e - 1 && (Self.roleHeads.contains(t.lower(s)) || Self.roleWords.contains(t.lower(s))) { s += 1 }
        }
        // A title further inside: "Ahli Wapres | Sofjan Wanandi", "Juru Bicara KPK | Febri Diansyah".
        // Titles that are also given names ("Imam", "Putra") count only at the span's start: inside a
        // name ("Gamal Imam Santoso", "Anugerah Putra Pratama") they are the name.
        if let k = (s..<(e - 1)).last(where: { Self.roleHeads.contains(t.lower($0)) && ($0 == start || !Self.givenNameTitles.contains(t.lower($0))) }) {
            if roleStart == nil { roleStart = start }
            s = k + 1
            while s < e - 1 && (Self.roleWords.contains(t.lower(s)) || Self.isAcronymToken(t, s)) { s += 1 }
        }
        // A place at the front of a longer name belongs to the role: "(Presiden) Turki | Recep Tayyip Erdogan".
        while e - s >= 2 && (places.contains(t.lower(s)) || AliasResolver.known(t.text(s)) != nil) { s += 1 }
        // Titles before the span: "Menteri Luar Negeri Turki | Mevlut Cavusoglu".
        if roleStart == nil { roleStart = titleBefore(t, start, sentenceStart: sentenceStart, isPlace: isPlace) }
        // A nationality alone ("Rusia Sergei Lavrov") is no role: only a title starts one.
        // Forms of address and academic titles ("Pak", "Gus", "dr", "Prof") come off the name but are
        // no role: "Dedi Mulyadi (Pak)" tells a reader nothing, and "Pak" against "Gubernur Jawa Barat"
        // is no disagreement about his office. At the role's edges they are dropped ("Pak Gubernur").
        var role: String? = nil
        if var r = roleStart, r < s {
            var re = s
            func address(_ i: Int) -> Bool { t.tokens[i].kind != .word || Self.formsOfAddress.contains(t.lower(i)) }
            while r < re && address(r) { r += 1 }
            while re > r && address(re - 1) { re -= 1 }
            if r < re { role = name(t, r, re) }
        }
        // A name that is only a title ("Presiden") is no name.
        if e - s == 1 && Self.roleHeads.contains(t.lower(s)) { return nil }
        return (s, e, role)
    }
}

extension EntityFinder {
    /// A person named by one word that the Indonesian lexicon reads as a root with affixes
    /// ("Batalkan" is batal + -kan, "Pelayanan" layan + pe-an, "Perekonomian" ekonomi + per-an) is a
    /// capitalised common word, not a person: of the 922 different one-word person names in the
    /// training and development parts of NER-UI, NER-UGM, NERGrit and IDNer, the lexicon reads none
    /// so. It needs the lexicon (a third of a second to load), so it is applied where one is loaded:
    /// in grouping, for the events' and stories' entities.
    public static func isDerivedWordAsPerson(_ e: Entity, stemmer: Stemmer) -> Bool {
        guard e.kind == EntityType.person.code, !e.canonical.contains(" "), e.canonical.allSatisfy(\.isLetter),
            e.mentions.allSatisfy({ !$0.text.contains(" ") })
        else { return false }
        return stemmer.stem(e.canonical) != e.canonical.lowercased()
    }
}

extension EntityFinder {
    /// Groups of names joined where the text itself says two names are one person: a person's name
    /// followed at once by another in parentheses ("Joko Widodo (Jokowi)") or after "alias"
    /// ("Immanuel Ebenezer alias Noel"). A writer's declaration outweighs the rules of spelling; a
    /// joined group keeps the first group's place and kind (the full name's).
    static func joiningDeclaredAliases(
        _ groups: [[Int]], spans: [(start: Int, end: Int, type: EntityType, role: String?)], spanItem: [Int], _ t: TokenizedText
    ) -> [[Int]] {
        guard spans.count > 1 else { return groups }
        var groupOfItem = [Int](repeating: 0, count: groups.reduce(0) { $0 + $1.count })
        for (g, members) in groups.enumerated() { for m in members { groupOfItem[m] = g } }
        var into = Array(groups.indices)
        func root(_ g: Int) -> Int {
            var g = g
            while into[g] != g { g = into[g] }
            return g
        }
        for k in 1..<spans.count {
            let a = spans[k - 1], b = spans[k]
            // People only: "Bandung (Jabar)" is a city and its province, "Hasan Nasbi (PCO)" a man and
            // his office, and an organisation's acronym is joined by its initials already (joining
            // "Kementerian Keuangan (Kemenkeu)" too took the acronym's word out of the article's names
            // for grouping: eval events stories 0.596 -> 0.564).
            guard b.start == a.end + 1, a.type == .person, b.type == .person else { continue }
            let between = t.text(a.end)
            let inParentheses = between == "(" && b.end < t.tokens.count && t.text(b.end) == ")"
            guard inParentheses || between.lowercased() == "alias" else { continue }
            let x = root(groupOfItem[spanItem[k - 1]]), y = root(groupOfItem[spanItem[k]])
            if x != y { into[y] = x }
        }
        // A joined group starts with its root's (the full name's) members and stands where the first
        // of its groups stood.
        var joined: [Int: [Int]] = [:]
        for g in groups.indices where root(g) == g { joined[g] = groups[g] }
        for g in groups.indices where root(g) != g { joined[root(g)]! += groups[g] }
        var placed = Set<Int>()
        return groups.indices.compactMap { g in placed.insert(root(g)).inserted ? joined[root(g)] : nil }
    }
}
