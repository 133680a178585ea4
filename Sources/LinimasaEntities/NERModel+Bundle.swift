import Foundation

extension NERModel {
    /// The model that ships with Linimasa (Sources/LinimasaEntities/Resources/ner.lnm, made by
    /// `linimasa train ner`).
    public static let bundled: NERModel = {
        guard let url = Bundle.module.url(forResource: "ner", withExtension: "lnm"),
            let data = try? Data(contentsOf: url),
            let model = try? NERModel(serialized: [UInt8](data))
        else { fatalError("the bundled NER model (ner.lnm) is missing or unreadable; rebuild it with `linimasa train ner`") }
        return model
    }()

    /// Reads a model file made by `linimasa train ner`.
    public static func load(path: String) throws -> NERModel {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw NERModelError.malformed("cannot read \(path)")
        }
        return try NERModel(serialized: [UInt8](data))
    }
}
