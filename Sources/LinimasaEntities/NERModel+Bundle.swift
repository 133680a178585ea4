import Foundation

extension NERModel {
    /// The model that ships with Linimasa (Sources/LinimasaEntities/Resources/ner.lnm, made by
    /// `linimasa train ner`), read from the resource bundle SwiftPM puts beside the binary
    /// (`Linimasa_LinimasaEntities.resources`), or from the file `LINIMASA_NER_MODEL` names.
    public static let bundled: NERModel = {
        if let path = ProcessInfo.processInfo.environment["LINIMASA_NER_MODEL"] {
            do { return try load(path: path) } catch {
                unusable("LINIMASA_NER_MODEL=\(path): \(error)")
            }
        }
        guard let url = Bundle.module.url(forResource: "ner", withExtension: "lnm"),
            let data = try? Data(contentsOf: url)
        else {
            unusable(
                "the entity model ner.lnm is not beside the program (copy Linimasa_LinimasaEntities.resources with it, or set LINIMASA_NER_MODEL to the file)")
        }
        do { return try NERModel(serialized: [UInt8](data)) } catch { unusable("\(url.path): \(error)") }
    }()

    /// Without its model nothing that finds names can run: the reason on standard error, exit
    /// status 2, and no crash report (a user's mistyped path is not a defect of the program).
    private static func unusable(_ message: String) -> Never {
        FileHandle.standardError.write(Data("linimasa: \(message)\n".utf8))
        exit(2)
    }

    /// Reads a model file made by `linimasa train ner`.
    public static func load(path: String) throws -> NERModel {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw NERModelError.malformed("cannot read \(path)")
        }
        return try NERModel(serialized: [UInt8](data))
    }
}
