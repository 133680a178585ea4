import Foundation
import LinimasaText

/// Reading hunspell-id from disk (the text module itself stays free of Foundation).
extension HunspellLexicon {
    /// The paths of hunspell-id's two files in `directory`.
    public static func files(in directory: String) -> (dic: String, aff: String) {
        ((directory as NSString).appendingPathComponent("id_ID.dic"), (directory as NSString).appendingPathComponent("id_ID.aff"))
    }

    /// hunspell-id's lexicon from `directory`; nil when its files cannot be read.
    public static func load(directory: String) -> HunspellLexicon? {
        let f = files(in: directory)
        guard let d = FileManager.default.contents(atPath: f.dic), let a = FileManager.default.contents(atPath: f.aff) else { return nil }
        return HunspellLexicon(dic: Array(d), aff: Array(a))
    }
}
