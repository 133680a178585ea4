import Foundation
import GRDB
import Linimasa

/// SQLite FTS5 tokenizer `linimasa`: SQLite's unicode61 splits and folds case and diacritics, then
/// each word is stemmed with the project's Indonesian stemmer, in documents and queries alike, so
/// "serangan rudal" finds "menyerang" and "rudal-rudal" (the hyphen splits the reduplication).
/// A prefix ("pelatih*") is stemmed as a word is: the index holds stems, so a whole word read as a
/// prefix finds at least what the word finds ("latih*": pelatih, pelatihan, melatih), and a part of
/// a word ("pertand") is left as it is by the stemmer, which finds no root in it.
final class StemmingTokenizer: FTS5CustomTokenizer {
    static let name = "linimasa"
    let wrappedTokenizer: any FTS5Tokenizer
    let stemmer: Stemmer?
    /// Stems seen on this connection (SQLite calls a tokenizer from one connection at a time), by
    /// the hash of the word's bytes, with the word to tell two words of one hash apart.
    private var cache: [UInt64: (word: [UInt8], stem: [UInt8])] = [:]

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

    /// What the callback of the wrapped tokenizer needs: this tokenizer and SQLite's own callback.
    private struct Context {
        let tokenizer: Unmanaged<StemmingTokenizer>
        let context: UnsafeMutableRawPointer?
        let callback: FTS5TokenCallback
    }

    /// unicode61's words, each handed on as its stem, over bytes: this runs for every word of every
    /// article indexed and of every article a snippet is made for (GRDB's wrapper made two strings
    /// and a closure a word, which was half of a search's time).
    func tokenize(
        context: UnsafeMutableRawPointer?, tokenization: FTS5Tokenization, pText: UnsafePointer<CChar>?, nText: CInt,
        tokenCallback: @escaping FTS5TokenCallback
    ) -> CInt {
        guard stemmer != nil else {
            return wrappedTokenizer.tokenize(context: context, tokenization: tokenization, pText: pText, nText: nText, tokenCallback: tokenCallback)
        }
        var c = Context(tokenizer: .passUnretained(self), context: context, callback: tokenCallback)
        return withUnsafeMutablePointer(to: &c) { p in
            wrappedTokenizer.tokenize(context: p, tokenization: tokenization, pText: pText, nText: nText) { p, flags, pToken, nToken, iStart, iEnd in
                guard let p, let pToken, nToken > 0 else { return 0 }  // SQLITE_OK
                let c = p.assumingMemoryBound(to: Context.self).pointee
                let word = UnsafeRawBufferPointer(start: pToken, count: Int(nToken)).bindMemory(to: UInt8.self)
                return c.tokenizer.takeUnretainedValue().withStem(of: word) { stem in
                    stem.withMemoryRebound(to: CChar.self) { s in c.callback(c.context, flags, s.baseAddress, CInt(s.count), iStart, iEnd) }
                }
            }
        }
    }

    /// Calls `body` with the stem of `word` (a word of three bytes or fewer is its own stem).
    func withStem(of word: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> CInt) -> CInt {
        guard let stemmer, word.count > 3 else { return body(word) }
        let key = hashBytes(word)
        if let hit = cache[key], hit.word.elementsEqual(word) { return hit.stem.withUnsafeBufferPointer(body) }
        let stem = Array(stemmer.stem(String(decoding: word, as: UTF8.self)).utf8)
        if cache.count > 200_000 { cache.removeAll(keepingCapacity: true) }
        if cache[key] == nil { cache[key] = (Array(word), stem) }
        return stem.withUnsafeBufferPointer(body)
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
