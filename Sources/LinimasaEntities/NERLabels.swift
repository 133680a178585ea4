/// The entity types the tagger knows, shared by every training set. Each set's own tag names map
/// onto these (NER-UI's PERSON and NERP's PPL are both `.person`).
public enum EntityType: Int, Sendable, CaseIterable, Codable {
    case person, organization, location, event, product, time, quantity

    /// The short name used in output: PER, ORG, LOC, EVT, FNB, TIME, QTY.
    public var code: String {
        switch self {
        case .person: "PER"
        case .organization: "ORG"
        case .location: "LOC"
        case .event: "EVT"
        case .product: "FNB"
        case .time: "TIME"
        case .quantity: "QTY"
        }
    }

    public init?(code: String) {
        guard let t = EntityType.allCases.first(where: { $0.code == code }) else { return nil }
        self = t
    }
}

/// BIO labels as small integers: 0 is O, then B and I for each `EntityType` in order.
enum NERLabel {
    static let count = 1 + 2 * EntityType.allCases.count
    static func begin(_ t: EntityType) -> Int { 1 + 2 * t.rawValue }
    static func inside(_ t: EntityType) -> Int { 2 + 2 * t.rawValue }
    static func type(of label: Int) -> EntityType? { label == 0 ? nil : EntityType(rawValue: (label - 1) / 2) }
    static func isBegin(_ label: Int) -> Bool { label > 0 && (label - 1) % 2 == 0 }
    static func isInside(_ label: Int) -> Bool { label > 0 && (label - 1) % 2 == 1 }
}

/// One annotation convention: a training set's tag names and the types they stand for.
///
/// The model learns shared weights plus one set of weights per scheme ("frustratingly easy domain
/// adaptation", Daumé 2007), so that NER-UI's and NERP's different habits do not blur each other,
/// and decodes with the scheme's own types only.
public struct NERScheme: Sendable, Hashable {
    public let name: String
    /// Position of the scheme's own weights in the model (0 is the shared space).
    public let space: UInt8
    /// The scheme's tag names, each with the type it maps to.
    public let tags: [(name: String, type: EntityType)]
    /// True when the scheme's text is lower-cased (NERP).
    public let lowercased: Bool
    /// False for a scheme learned apart, whose tagger reads its own weights only (`uncased`).
    public var readsShared = true

    public static func == (a: NERScheme, b: NERScheme) -> Bool { a.name == b.name }
    public func hash(into h: inout Hasher) { h.combine(name) }

    public var types: [EntityType] { tags.map(\.type) }

    public func type(forTag name: String) -> EntityType? { tags.first { $0.name == name }?.type }
    public func tagName(for type: EntityType) -> String? { tags.first { $0.type == type }?.name }

    public static let nerui = NERScheme(
        name: "nerui", space: 1, tags: [("PERSON", .person), ("ORGANIZATION", .organization), ("LOCATION", .location)],
        lowercased: false)
    public static let nerugm = NERScheme(
        name: "nerugm", space: 2,
        tags: [
            ("PERSON", .person), ("ORGANIZATION", .organization), ("LOCATION", .location), ("TIME", .time),
            ("QUANTITY", .quantity),
        ], lowercased: false)
    public static let idner = NERScheme(
        name: "idner", space: 3, tags: [("PER", .person), ("ORG", .organization), ("LOC", .location)], lowercased: false)
    public static let nergrit = NERScheme(
        name: "nergrit", space: 4, tags: [("PERSON", .person), ("ORGANISATION", .organization), ("PLACE", .location)],
        lowercased: false)
    public static let nerp = NERScheme(
        name: "nerp", space: 5,
        tags: [("PPL", .person), ("IND", .organization), ("PLC", .location), ("EVT", .event), ("FNB", .product)],
        lowercased: true)

    /// The cased sets' people, organisations and places learned again from their sentences written
    /// all in lower case, apart from the other schemes (`NERTrainer.lowerCasedCopies`): the tagger
    /// for text without capitals. Not a set of its own (no file is written in it), so not among `all`.
    public static let uncased = NERScheme(
        name: "uncased", space: 6, tags: [("PERSON", .person), ("ORGANIZATION", .organization), ("LOCATION", .location)],
        lowercased: true, readsShared: false)

    public static let all: [NERScheme] = [.nerui, .nerugm, .idner, .nergrit, .nerp]

    public static func named(_ name: String) -> NERScheme? { (all + [.uncased]).first { $0.name == name.lowercased() } }

    /// The scheme whose tag names a file uses: NERP's PPL/PLC/IND, NERGrit's PLACE, idner's PER/LOC/ORG,
    /// NER-UGM's TIME/QUANTITY, else NER-UI.
    public static func guess(fromTags tags: Set<String>) -> NERScheme {
        if tags.contains("PPL") || tags.contains("PLC") || tags.contains("IND") { return .nerp }
        if tags.contains("PLACE") || tags.contains("ORGANISATION") { return .nergrit }
        if tags.contains("PER") || tags.contains("LOC") { return .idner }
        if tags.contains("TIME") || tags.contains("QUANTITY") { return .nerugm }
        return .nerui
    }
}
