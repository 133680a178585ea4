import Foundation
import GRDB
import Linimasa

/// SQLite FTS5 tokenizer `linimasa`: SQLite's unicode61 splits and folds case and diacritics, then
/// each word is stemmed with the project's Indonesian stemmer, in documents and queries alike, so
/// "serangan rudal" finds "menyerang" and "rudal-rudal" (the hyphen splits the reduplication).
/// A prefix ("pelatih*") is stemmed as a word is: the index holds stems, so a whole word read as a
/// prefix finds at least what the word finds ("latih*": pelatih, pelatihan, melatih), and a part of
/// a word ("pertand") is left as it is by the stemmer, which finds no root in it.
final class StemmingTokenizer: FTS5WrapperTokenizer {
    static let name = "linimasa"
    let wrappedTokenizer: any FTS5Tokenizer
    let stemmer: Stemmer?
    /// Stems seen on this connection (SQLite calls a tokenizer from one connection at a time).
    private var cache: [String: String] = [:]

    init(db: Database, arguments: [String]) throws {
        wrappedTokenizer = try db.makeTokenizer(.unicode61(diacritics: .remove))
        if arguments.first == StemmingMode.none.rawValue {
            stemmer = nil
        } else {
            guard let s = StemmerRegistry.current else {
                throw DatabaseError(resultCode: .SQLITE_ERROR, message: "the linimasa tokenizer needs the hunspell-id lexicon")
            }
            stemmer = s
        }
    }

    func accept(token: String, flags: FTS5TokenFlags, for tokenization: FTS5Tokenization, tokenCallback: FTS5WrapperTokenCallback) throws {
        guard let stemmer else {
            try tokenCallback(token, flags)
            return
        }
        if let s = cache[token] {
            try tokenCallback(s, flags)
            return
        }
        let s = token.utf8.count > 3 ? stemmer.stem(token) : token
        if cache.count > 200_000 { cache.removeAll(keepingCapacity: true) }
        cache[token] = s
        try tokenCallback(s, flags)
    }
}

/// The stemmer the `linimasa` tokenizer uses in this process; SQLite makes tokenizers itself, so
/// they find it here. One lexicon per process: a store records which stemming its index was built with.
public enum StemmerRegistry {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var installed: Stemmer?
    nonisolated(unsafe) private static var pendingDirectory: String?
    nonisolated(unsafe) private static var loaded: [String: Stemmer] = [:]

    /// The installed stemmer; one installed lazily is read from disk now, once.
    public static var current: Stemmer? {
        lock.lock()
        defer { lock.unlock() }
        if installed == nil, let dir = pendingDirectory {
            installed = loadLocked(directory: dir)
            pendingDirectory = nil
        }
        return installed
    }

    public static func install(_ s: Stemmer?) {
        lock.lock()
        installed = s
        pendingDirectory = nil
        lock.unlock()
    }

    /// Installs the lexicon of `directory`, to be read when a tokenizer or grouping first needs it.
    public static func installLazily(directory: String) {
        lock.lock()
        if installed == nil { pendingDirectory = directory }
        lock.unlock()
    }

    public static func lexiconPresent(directory: String) -> Bool {
        let f = HunspellLexicon.files(in: directory)
        return FileManager.default.isReadableFile(atPath: f.dic) && FileManager.default.isReadableFile(atPath: f.aff)
    }

    /// hunspell-id's lexicon from `directory`, read once per process; nil when its files are not there.
    public static func load(directory: String) -> Stemmer? {
        lock.lock()
        defer { lock.unlock() }
        return loadLocked(directory: directory)
    }

    private static func loadLocked(directory: String) -> Stemmer? {
        if let s = loaded[directory] { return s }
        guard let lexicon = HunspellLexicon.load(directory: directory) else { return nil }
        let s = Stemmer(lexicon: lexicon)
        loaded[directory] = s
        return s
    }
}
