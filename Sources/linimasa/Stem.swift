import ArgumentParser
import Foundation
import Linimasa

struct Stem: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Stem Indonesian words with the hunspell-id lexicon.",
        discussion: "Reads /usr/share/hunspell/id_ID.dic and .aff (Debian package hunspell-id) or the folder in --lexicon.")

    @Argument(help: "Words to stem; with none, reads words from standard input, one a line.")
    var words: [String] = []

    @Option(help: "Folder holding id_ID.dic and id_ID.aff.")
    var lexicon: String = HunspellLexicon.defaultDirectory

    func run() throws {
        let stemmer = Stemmer(lexicon: try LexiconLoader.load(directory: lexicon))
        let input = words.isEmpty ? (readLine(strippingNewline: true).map { [$0] } ?? []) + Array(AnyIterator { readLine() }) : words
        for w in input where !w.isEmpty { print("\(w)\t\(stemmer.stem(w))") }
    }
}

/// Reads the hunspell-id files, or says plainly how to get them.
enum LexiconLoader {
    static func load(directory: String) throws -> HunspellLexicon {
        guard let lexicon = HunspellLexicon.load(directory: directory) else {
            let f = HunspellLexicon.files(in: directory)
            StandardError.line("linimasa: cannot read \(f.dic) and \(f.aff); install them with: apt-get install hunspell-id")
            throw ExitCode(2)
        }
        return lexicon
    }

    /// The lexicon if its files are there; otherwise nil, after saying what is lost without it.
    static func loadIfPresent(directory: String) -> HunspellLexicon? {
        guard let lexicon = HunspellLexicon.load(directory: directory) else {
            StandardError.line("linimasa: no hunspell-id lexicon in \(directory); Indonesian words are compared unstemmed (apt-get install hunspell-id)")
            return nil
        }
        return lexicon
    }
}
