import Testing

@testable import LinimasaExtract

/// `Metadata.leadingAltText` looks for "logo" in a line's bytes before splitting it; it must find
/// what splitting every line found.
@Suite struct LeadingAltTextTests {
    /// The function as first written: every line split.
    static func reference(_ text: Substring) -> (String, Substring)? {
        let words = text.split(separator: " ", maxSplits: 5)
        guard words.count >= 3 else { return nil }
        for n in 1...min(4, words.count - 1) where words[n - 1] == "logo" {
            let lead = words[0..<n]
            guard lead.allSatisfy({ w in w.allSatisfy { $0.isLetter && $0.isLowercase } }) else { return nil }
            guard let f = words[n].first, f.isUppercase else { return nil }
            return (lead.joined(separator: " "), text[words[n].startIndex...])
        }
        return nil
    }

    static let words = ["rmol", "news", "logo", "Turki", "dan", "logos", "xlogo", "Logo", "ilustrasi", "é", "\u{301}logo", "Rusia", "kembali", ""]

    @Test func findsWhatSplittingFound() {
        var rng = SystemRandomNumberGenerator()
        let fixed = ["rmol news logo Turki dan Rusia", "logo Turki dan", "  rmol  news logo Turki x", "a b c d logo Turki", "a b c logo Turki"]
        var lines = fixed
        for _ in 0..<5000 {
            let n = Int.random(in: 0...8, using: &rng)
            lines.append((0..<n).map { _ in Self.words.randomElement(using: &rng)! }.joined(separator: Int.random(in: 0..<5, using: &rng) == 0 ? "  " : " "))
        }
        for line in lines {
            let got = Metadata.leadingAltText(Substring(line))
            let want = Self.reference(Substring(line))
            #expect(got?.0 == want?.0 && got?.1 == want?.1, "\(line.debugDescription)")
        }
        #expect(Metadata.leadingAltText("rmol news logo Turki dan Rusia")?.0 == "rmol news logo")
    }
}
