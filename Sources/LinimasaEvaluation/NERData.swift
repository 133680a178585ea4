import Foundation
import Linimasa

/// The training and development files of ../shared/data/ner, per scheme.
public enum NERData {
    public static let train: [(NERScheme, String)] = [
        (.nerui, "ner/nerui/train.01.tsv"), (.nerugm, "ner/nerugm/train.01.tsv"), (.idner, "ner/idner/train.txt"),
        (.nergrit, "ner/nergrit/train_preprocess.txt"), (.nerp, "ner/nerp/train_preprocess.txt"),
    ]
    public static let dev: [(NERScheme, String)] = [
        (.nerui, "ner/nerui/dev.01.tsv"), (.nerugm, "ner/nerugm/dev.01.tsv"), (.idner, "ner/idner/dev.txt"),
        (.nergrit, "ner/nergrit/valid_preprocess.txt"), (.nerp, "ner/nerp/valid_preprocess.txt"),
    ]

    public struct Unreadable: Error, CustomStringConvertible {
        public var description: String
    }

    /// Unlabelled Indonesian text for word classes, under ../shared/data: IndoSum's articles
    /// (given as tokens) and the detik articles of `events/detik` (tokenized here), a sentence or a
    /// paragraph at a time. The NER development splits are not read. Files that are not there are
    /// skipped and named in `missing`.
    public static func unlabelledText(_ dir: String) -> (sentences: [[String]], missing: [String]) {
        var out: [[String]] = []
        var missing: [String] = []
        func lines(_ rel: String) -> [Substring]? {
            let path = (dir as NSString).appendingPathComponent(rel)
            guard let data = FileManager.default.contents(atPath: path) else {
                missing.append(path)
                return nil
            }
            return String(decoding: data, as: UTF8.self).split(separator: "\n")
        }
        let decoder = JSONDecoder()
        for rel in ["sum/indosum/dev.01.jsonl", "sum/indosum/dev.02.jsonl"] {
            for line in lines(rel) ?? [] {
                guard let a = try? decoder.decode(IndoSumArticle.self, from: Data(line.utf8)) else { continue }
                for p in a.paragraphs { out.append(contentsOf: p) }
            }
        }
        struct Text: Decodable { var title: String?; var text: String }
        for line in lines("events/detik/articles.jsonl") ?? [] {
            guard let a = try? decoder.decode(Text.self, from: Data(line.utf8)) else { continue }
            for para in ([a.title ?? ""] + a.text.split(separator: "\n").map(String.init)) where !para.isEmpty {
                let t = TokenizedText(para)
                out.append(t.tokens.map { t.text($0) })
            }
        }
        return (out, missing)
    }

    public static func read(_ path: String) throws -> [CoNLLSentence] {
        guard let data = FileManager.default.contents(atPath: path) else { throw Unreadable(description: "cannot read \(path)") }
        return try CoNLLReader.read(String(decoding: data, as: UTF8.self), file: path)
    }

    /// The types `eval ner --pipeline` scores: the names `analyze` reports.
    public static let pipelineTypes: [EntityType] = [.person, .organization, .location]

    /// Gold tags cut to `pipelineTypes` (the others become O).
    public static func pipelineGold(_ tags: [String], scheme: NERScheme) -> [String] {
        let kept = Set(pipelineTypes.compactMap { scheme.tagName(for: $0) })
        return tags.map { $0 == "O" || kept.contains(String($0.dropFirst(2))) ? $0 : "O" }
    }

    /// The uncased tagger's tags for a sentence, in `scheme`'s tag names: how a cased set's
    /// sentence written all in lower case is tagged (`eval ner --lower-case`), to be scored against
    /// `pipelineGold`.
    public static func uncasedTags(_ words: [String], tagger: NERTagger, scheme: NERScheme) -> [String] {
        tagger.tags(words: words).map { tag in
            guard tag != "O", let type = tagger.scheme.type(forTag: String(tag.dropFirst(2))), let name = scheme.tagName(for: type) else { return "O" }
            return String(tag.prefix(2)) + name
        }
    }

    /// Tags as `analyze` finds names: the sentence's words joined by spaces, entity spans mapped
    /// back onto the words they cover. People, organisations and places only, the types the gold
    /// tags are cut to for this score (a scheme's times and quantities would count as false ones).
    public static func pipelineTags(_ words: [String], finder: EntityFinder, scheme: NERScheme) -> [String] {
        let text = words.joined(separator: " ")
        let t = TokenizedText(text)
        var starts: [Int] = []
        var offset = 0
        for w in words {
            starts.append(offset)
            offset += w.utf8.count + 1
        }
        let (_, mentions) = finder.find(t, sentences: [0..<t.bytes.count], offsets: ScalarOffsets(t.bytes))
        var tags = [String](repeating: "O", count: words.count)
        for m in mentions where pipelineTypes.contains(m.type) {
            guard let name = scheme.tagName(for: m.type) else { continue }
            let a = t.tokens[m.start].start
            let b = t.tokens[m.end - 1].end
            guard let first = starts.firstIndex(of: a) else { continue }
            var last = first
            while last + 1 < words.count && starts[last + 1] < b { last += 1 }
            tags[first] = "B-" + name
            if last > first { for k in (first + 1)...last { tags[k] = "I-" + name } }
        }
        return tags
    }
}
