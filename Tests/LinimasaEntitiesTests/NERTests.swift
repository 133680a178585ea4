import Foundation
import LinimasaCore
import LinimasaText
import Testing

@testable import LinimasaEntities

@Suite struct CoNLLTests {
    @Test func readsTabsSpacesPOSColumnsAndCRLF() throws {
        let text = "Joko\tB-PERSON\r\nWidodo\tI-PERSON\r\nke\tO\r\n\r\nJakarta PROPN B-LOC\nkemarin ADV O\n"
        let s = try CoNLLReader.read(text, file: "x.tsv")
        #expect(s.count == 2)
        #expect(s[0].words == ["Joko", "Widodo", "ke"])
        #expect(s[0].tags == ["B-PERSON", "I-PERSON", "O"])
        #expect(s[1].words == ["Jakarta", "kemarin"])
        #expect(s[1].tags == ["B-LOC", "O"])
    }

    @Test func badLinesNameTheFileAndLine() {
        #expect(throws: CoNLLError.self) { try CoNLLReader.read("Joko B-PERSON\nWidodo PERSON\n", file: "bad.tsv") }
        do {
            _ = try CoNLLReader.read("Joko B-PERSON\nWidodo PERSON\n", file: "bad.tsv")
        } catch {
            #expect("\(error)".hasPrefix("bad.tsv:2:"))
        }
        #expect(throws: CoNLLError.self) { try CoNLLReader.read("\n\n", file: "empty.tsv") }
    }

    @Test func spanScoresCountAsConllevalDoes() {
        var s = SpanScores()
        // Gold: PER(0-2), LOC(3); predicted: PER(0-1) (wrong boundary), LOC(3) right, ORG(4) spurious.
        s.add(gold: ["B-PER", "I-PER", "O", "B-LOC", "O"], predicted: ["B-PER", "O", "O", "B-LOC", "B-ORG"])
        #expect(s.overall.gold == 2)
        #expect(s.overall.predicted == 3)
        #expect(s.overall.correct == 1)
        #expect(abs(s.overall.f1 - 0.4) < 1e-9)
        #expect(s.byType["LOC"]?.f1 == 1)
        // An I- tag after O starts a chunk.
        #expect(SpanScores.chunks(["O", "I-PER", "I-PER", "B-PER"]).map { [$0.0, $0.1] } == [[1, 3], [3, 4]])
    }

    @Test func schemeIsGuessedFromTagNames() {
        #expect(NERScheme.guess(fromTags: ["PPL", "PLC"]) == .nerp)
        #expect(NERScheme.guess(fromTags: ["PLACE", "PERSON"]) == .nergrit)
        #expect(NERScheme.guess(fromTags: ["PER", "LOC"]) == .idner)
        #expect(NERScheme.guess(fromTags: ["PERSON", "TIME"]) == .nerugm)
        #expect(NERScheme.guess(fromTags: ["PERSON", "LOCATION"]) == .nerui)
    }
}

@Suite struct NERModelTests {
    static let training: [CoNLLSentence] = {
        let names = [("Budi", "Santoso"), ("Siti", "Aminah"), ("Agus", "Salim"), ("Dewi", "Lestari"), ("Rudi", "Hartono")]
        let places = ["Bandung", "Surabaya", "Medan", "Makassar", "Semarang"]
        var out: [CoNLLSentence] = []
        for (i, n) in names.enumerated() {
            for p in places.dropFirst(i % 2) {
                out.append(
                    CoNLLSentence(
                        words: ["Kemarin", n.0, n.1, "pergi", "ke", p, "bersama", "keluarga", "."],
                        tags: ["O", "B-PERSON", "I-PERSON", "O", "O", "B-LOCATION", "O", "O", "O"]))
            }
        }
        return out
    }()

    @Test func learnsAndSurvivesSerialization() throws {
        var trainer = NERTrainer()
        trainer.epochs = 5
        trainer.minCount = 1
        trainer.pruneBelow = 0
        try trainer.add(Self.training, scheme: .nerui, file: "synthetic")
        let model = trainer.train()
        let words = ["Kemarin", "Agus", "Salim", "pergi", "ke", "Medan", "bersama", "keluarga", "."]
        let tags = model.tagger(for: .nerui).tags(words: words)
        #expect(tags == ["O", "B-PERSON", "I-PERSON", "O", "O", "B-LOCATION", "O", "O", "O"])
        let reread = try NERModel(serialized: model.serialized())
        #expect(reread.tagger(for: .nerui).tags(words: words) == tags)
        #expect(reread.trainedOn.contains("nerui:\(Self.training.count)"))
    }

    /// Words that stand in the same places fall in one class; words of other places do not.
    static func clusteringText() -> WordClusterer {
        var c = WordClusterer()
        c.minCount = 2
        c.fineClasses = 8
        c.coarseClasses = 4
        let cities = ["Medan", "Surabaya", "Bandung", "Makassar"]
        let foods = ["nasi", "sate", "bakso", "soto"]
        let people = ["Agus", "Budi", "Siti", "Dewi"]
        for (i, city) in cities.enumerated() {
            for (j, food) in foods.enumerated() {
                let who = people[(i + j) % people.count]
                c.add(sentence: [who, "tiba", "di", city, "kemarin", "."])
                c.add(sentence: ["warga", city, "makan", food, "pagi", "ini", "."])
                c.add(sentence: [who, "suka", food, "dan", "minum", "teh", "."])
            }
        }
        return c
    }

    @Test func wordClassesGatherWordsOfTheSamePlaces() {
        let clusters = Self.clusteringText().clusters()
        func fine(_ w: String) -> UInt64 { clusters.classes(hashBytes(Array(w.lowercased().utf8))).fine }
        #expect(fine("medan") != 0)
        #expect(Set(["Medan", "Surabaya", "Bandung", "Makassar"].map(fine)).count == 1)
        #expect(Set(["nasi", "sate", "bakso", "soto"].map(fine)).count == 1)
        #expect(fine("Medan") != fine("nasi"))
        #expect(clusters.classes(hashBytes(Array("jakarta".utf8))) == (0, 0))
        // The same text gives the same classes.
        #expect(Self.clusteringText().clusters() == clusters)
    }

    /// The word-only keys a tagger sums for each known word when it is made are the keys a sentence
    /// gives that word at the word-only templates: short words (no prefixes), long ones, bytes
    /// past ASCII, a word the clusters know and one they do not.
    @Test func wordOnlyKeysAreTheSentenceKeys() {
        let clusters = Self.clusteringText().clusters()
        var words = ["di", "ke", "dan", "Medan", "nasi", "Surabaya", "menyelenggarakan", "café", "Ñandú", "x", "2025", "COVID-19"]
        var random = SystemRandomNumberGenerator()
        let letters = Array("abcdeéfghijklmnopqrstuvwxyz-0123456789".unicodeScalars)
        for _ in 0..<200 {
            words.append(String(String.UnicodeScalarView((0..<Int.random(in: 1...12, using: &random)).map { _ in letters.randomElement(using: &random)! })))
        }
        for w in words {
            let input = NERInput(words: [w])
            let (keys, hashes) = NERFeatureExtractor.staticFeatures(input, gazetteer: Gazetteer(), clusters: clusters)
            let classes = clusters.classes(hashes.lower[0])
            let direct = NERFeatureExtractor.wordOnlyKeys(input.lower, classes: classes)
            #expect(direct == NERFeatureExtractor.wordOnly.map { keys[$0] }, "\(w)")
        }
    }

    /// A model file cut short anywhere, or with bytes after its end, is refused with a reason,
    /// never read past its end.
    @Test func aDamagedModelFileIsRefused() throws {
        let bytes = try Self.clusteredModel(epochs: 2).serialized()
        #expect(try NERModel(serialized: bytes).serialized() == bytes)
        let cuts = Set(stride(from: 0, to: bytes.count, by: max(1, bytes.count / 200))).union((bytes.count - 8)..<bytes.count)
        for cut in cuts.sorted() {
            #expect(throws: NERModelError.self, "cut at \(cut)") { try NERModel(serialized: Array(bytes[..<cut])) }
        }
        #expect(throws: NERModelError.self) { try NERModel(serialized: bytes + [0]) }
    }

    /// A model of the synthetic sentences with word classes from the clustering text.
    static func clusteredModel(epochs: Int) throws -> NERModel {
        var trainer = NERTrainer()
        trainer.epochs = epochs
        trainer.minCount = 1
        trainer.pruneBelow = 0
        trainer.clusterer = clusteringText()
        try trainer.add(training, scheme: .nerui, file: "synthetic")
        return trainer.train()
    }

    @Test func aModelKeepsItsWordClasses() throws {
        let model = try Self.clusteredModel(epochs: 3)
        #expect(!model.clusters.isEmpty)
        let reread = try NERModel(serialized: model.serialized())
        #expect(reread.clusters == model.clusters)
        #expect(reread.serialized() == model.serialized())
        // A known word's features summed once give the labels the probes give, word by word.
        let summed = reread.tagger(for: .nerui)
        let probed = NERTagger(model: reread, scheme: .nerui, summingWords: false)
        #expect(!summed.wordRows.isEmpty && probed.wordRows.isEmpty)
        for s in Self.training {
            let input = NERInput(words: s.words)
            #expect(summed.labels(input) == probed.labels(input))
        }
        #expect(summed.tags(words: ["Warga", "Medan", "makan", "sate", "."]) == probed.tags(words: ["Warga", "Medan", "makan", "sate", "."]))
    }

    /// Exact decoding finds the best whole path where the best label token by token would not, and
    /// never puts an I-X after anything but B-X or I-X.
    @Test func viterbiFindsTheBestPathUnderTheBIOConstraint() {
        let labels = [0, NERLabel.begin(.person), NERLabel.inside(.person)]
        func vector(_ pairs: [(Int, Float)]) -> SIMD16<Float> {
            var v = SIMD16<Float>()
            for (l, x) in pairs { v[l] = x }
            return v
        }
        // Token 0 slightly prefers O; token 1 strongly prefers I-PER, but only after B-PER does the
        // history feature add to it.
        let statics = [vector([(0, 1.0), (1, 0.9)]), vector([(0, 0.5), (2, 3.0)])]
        func previous(_ i: Int, _ p: Int) -> SIMD16<Float> { i == 1 && p == labels[1] ? vector([(2, 2.0)]) : SIMD16<Float>() }
        let k = NERLabel.count
        let history = (0..<(2 * k)).map { previous($0 / k, $0 % k) }
        let zeros = [SIMD16<Float>](repeating: SIMD16<Float>(), count: k * k)
        for wide in [false, true] {
            let path = NERTagger.viterbi(length: 2, labels: labels, statics: statics, history: history, pairs: zeros, wide: wide)
            #expect(path == [labels[1], labels[2]])
        }
        // Greedy: O first (1.0 > 0.9), then I-PER may not follow O, so O again.
        var greedy: [Int] = []
        for i in 0..<2 {
            let prev = greedy.last ?? 0
            let v = statics[i] + previous(i, prev)
            greedy.append(NERTagger.best(allowed: (0..<NERLabel.count).map { labels.contains($0) }, prev: prev) { v[$0] })
        }
        #expect(greedy == [0, 0])
        // With I-PER best everywhere, a path may still not start with it.
        let inside = [vector([(2, 9.0)]), vector([(2, 9.0)])]
        let forced = NERTagger.viterbi(length: 2, labels: labels, statics: inside, history: Array(zeros[..<(2 * k)]), pairs: zeros)
        #expect(forced[0] != labels[2])
        #expect(forced == [labels[1], labels[2]])
    }

    /// Eight lanes and sixteen decode the same paths: the narrow decoder is the wide one on the
    /// low half, for schemes whose labels are all below 8.
    @Test func narrowAndWideViterbiAgree() {
        let k = NERLabel.count
        var state: UInt64 = 0x9e37_79b9_7f4a_7c15
        func random() -> Float {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Float(Int(state >> 40) % 2001 - 1000) / 250
        }
        func vector() -> SIMD16<Float> {
            var v = SIMD16<Float>()
            for l in 0..<16 { v[l] = random() }
            return v
        }
        let labels = Array(0..<7)
        var differentFromGreedy = 0
        for n in 1...40 {
            let statics = (0..<n).map { _ in vector() }
            let history = (0..<(n * k)).map { _ in vector() }
            let pairs = (0..<(k * k)).map { _ in vector() }
            let narrow = NERTagger.viterbi(length: n, labels: labels, statics: statics, history: history, pairs: pairs)
            let wide = NERTagger.viterbi(length: n, labels: labels, statics: statics, history: history, pairs: pairs, wide: true)
            #expect(narrow == wide)
            for i in narrow.indices where NERLabel.isInside(narrow[i]) {
                #expect(i > 0 && (narrow[i - 1] == narrow[i] || narrow[i - 1] == narrow[i] - 1))
            }
            if narrow != statics.map({ v in labels.max { v[$0] < v[$1] }! }) { differentFromGreedy += 1 }
        }
        #expect(differentFromGreedy > 0)
    }

    @Test func unknownTagsAndBrokenModelsAreErrors() {
        var trainer = NERTrainer()
        #expect(throws: CoNLLError.self) {
            try trainer.add([CoNLLSentence(words: ["x"], tags: ["B-FOOD"])], scheme: .nerui, file: "f.tsv")
        }
        #expect(throws: NERModelError.self) { try NERModel(serialized: Array("LNER".utf8) + [2, 0]) }
        #expect(throws: NERModelError.self) { try NERModel(serialized: Array("JUNK".utf8)) }
    }

    /// The lower-cased copies train a tagger of their own (`uncased`), after the cased model and
    /// apart from it: the cased scheme's weights are the same as without them, and the uncased tagger
    /// finds the names in text without capitals, which the cased one cannot.
    @Test func lowerCasedCopiesTrainAnUncasedTaggerAndLeaveTheCasedOneAsItWas() throws {
        func trained(copies: Bool) throws -> NERModel {
            var trainer = NERTrainer()
            trainer.epochs = 5
            trainer.minCount = 1
            trainer.pruneBelow = 0
            trainer.lowerCasedCopies = copies
            try trainer.add(Self.training, scheme: .nerui, file: "synthetic")
            return trainer.train()
        }
        let plain = try trained(copies: false)
        let both = try trained(copies: true)
        #expect(both.featureCount > plain.featureCount)
        #expect(both.trainedOn.contains("uncased:\(Self.training.count)"))
        let cased = ["Kemarin", "Agus", "Salim", "pergi", "ke", "Medan", "bersama", "keluarga", "."]
        let lower = cased.map { $0.lowercased() }
        #expect(both.tagger(for: .nerui).tags(words: cased) == plain.tagger(for: .nerui).tags(words: cased))
        #expect(both.tagger(for: .nerui).tags(words: lower) == plain.tagger(for: .nerui).tags(words: lower))
        #expect(both.tagger(for: .uncased).tags(words: lower) == ["O", "B-PERSON", "I-PERSON", "O", "O", "B-LOCATION", "O", "O", "O"])
        // Without the copies the uncased scheme has no weights of its own, and reads no shared ones.
        #expect(plain.tagger(for: .uncased).tags(words: lower).allSatisfy { $0 == "O" })
    }

    @Test func bundledModelTagsIndonesianNews() {
        let tagger = NERModel.bundled.tagger(for: .nerui)
        let words = "Presiden Joko Widodo meresmikan jalan tol di Semarang , Jawa Tengah , pada Senin .".split(separator: " ").map(String.init)
        let spans = tagger.spans(NERInput(words: words))
        let found = spans.map { ($0.type, words[$0.start..<$0.end].joined(separator: " ")) }
        #expect(found.contains { $0 == (.person, "Joko Widodo") })
        #expect(found.contains { $0 == (.location, "Semarang") })
        // The word rows summed once and the known words' tag-history blocks (most of these words are
        // known) give what the probes give.
        let probed = NERTagger(model: NERModel.bundled, scheme: .nerui, summingWords: false)
        let text = """
            Menteri Keuangan Purbaya Yudhi Sadewa mengatakan dana pemerintah daerah yang mengendap di bank mencapai Rp 234 triliun . \
            Gubernur Jawa Barat Dedi Mulyadi menantang Kementerian Keuangan membuka data itu di Bandung , Selasa .
            """
        for sentence in text.split(separator: ".") {
            let words = sentence.split(separator: " ").map(String.init)
            #expect(tagger.labels(NERInput(words: words)) == probed.labels(NERInput(words: words)))
        }
        // And on the five seed articles, every sentence (words split at spaces and punctuation).
        let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/seeds")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: seeds.path)) ?? []
        var sentences = 0
        for file in files.sorted() {
            let text = (try? String(contentsOf: seeds.appendingPathComponent(file), encoding: .utf8)) ?? ""
            let ends: Set<Character> = [".", "!", "?", "\n"]
            let gaps: Set<Character> = [" ", ",", "\""]
            for sentence in text.split(whereSeparator: { ends.contains($0) }) {
                let words: [String] = sentence.split(whereSeparator: { gaps.contains($0) }).map(String.init)
                guard !words.isEmpty else { continue }
                sentences += 1
                #expect(tagger.labels(NERInput(words: words)) == probed.labels(NERInput(words: words)), "\(words)")
            }
        }
        #expect(sentences > 100)
        #expect(NERModel.bundled.clusters.count > 10_000)
    }
}
