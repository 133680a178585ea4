import Testing

@testable import LinimasaText

/// `ByteCues` says what testing each phrase with `containsBytes` says.
struct ByteCuesTests {
    @Test func findsWhatSearchingEachPhraseFinds() {
        let phrases = ["silakan klik", "klik di sini", "subscribe", "ikuti kami", "ki", "é ok", "google news", "klik link"]
        let cues = ByteCues(phrases)
        var rng = SplitMix(seed: 9)
        let pieces = ["silakan", " ", "klik", "di", "sini", "k", "i", "sub", "scribe", "ikuti", "kami", "é", "ok", "google", "news", "link", "\n", "😀"]
        for _ in 0..<3000 {
            let text = (0..<Int(rng.next() % 12)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            #expect(cues.occurs(in: text) == phrases.contains(where: { text.containsBytes($0) }), "\(text)")
            #expect(cues.occurs(in: text.dropFirst()) == phrases.contains(where: { text.dropFirst().containsBytes($0) }), "\(text)")
        }
        #expect(cues.occurs(in: "… silakan klik") && cues.occurs(in: "ki") && !cues.occurs(in: "k") && !cues.occurs(in: ""))
        #expect(!ByteCues(["ab"]).occurs(in: "a") && ByteCues(["ab"]).occurs(in: "xab"))
    }
}
