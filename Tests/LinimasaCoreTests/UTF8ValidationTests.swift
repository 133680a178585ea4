import Testing

@testable import LinimasaCore

struct UTF8ValidationTests {
    /// The validator says what `String(validating:)` says, on the edges of every sequence length and
    /// on random bytes that are mostly near-valid (runs of ASCII, then lead bytes, continuation bytes,
    /// overlong forms, surrogates, code points past U+10FFFF, sequences cut by the end).
    @Test func agreesWithTheStandardLibrary() {
        let edges: [[UInt8]] = [
            [], [0x41], [0x7F], [0x80], [0xC0, 0x80], [0xC1, 0xBF], [0xC2, 0x80], [0xDF, 0xBF], [0xDF],
            [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80],
            [0xEF, 0xBF, 0xBF], [0xEF, 0xBF], [0xF0, 0x8F, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80],
            [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF],
            Array("Rp 16.300/US$ — “kata” 😀 naïve".utf8),
        ]
        for e in edges {
            for pad in [0, 3, 8, 13] {
                let b = [UInt8](repeating: 0x61, count: pad) + e + [UInt8](repeating: 0x62, count: pad % 5)
                #expect(UTF8Validation.isValid(b) == (String(validating: b, as: UTF8.self) != nil), "\(b)")
            }
        }
        var rng = SystemRandomNumberGenerator()
        let interesting: [UInt8] = [0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xE1, 0xED, 0xEE, 0xF0, 0xF3, 0xF4, 0xF5, 0xFF]
        var disagreements = 0
        for _ in 0..<20_000 {
            var b: [UInt8] = []
            for _ in 0..<Int.random(in: 0...6, using: &rng) {
                b += [UInt8](repeating: UInt8.random(in: 0x20...0x7E, using: &rng), count: Int.random(in: 0...11, using: &rng))
                for _ in 0..<Int.random(in: 0...4, using: &rng) {
                    b.append(Bool.random(using: &rng) ? interesting.randomElement(using: &rng)! : UInt8.random(in: 0x80...0xBF, using: &rng))
                }
            }
            if UTF8Validation.isValid(b) != (String(validating: b, as: UTF8.self) != nil) { disagreements += 1 }
            // Slices (not starting at an array's beginning) are read the same.
            if !b.isEmpty, UTF8Validation.isValid(b.dropFirst()) != (String(validating: b.dropFirst(), as: UTF8.self) != nil) { disagreements += 1 }
        }
        #expect(disagreements == 0)
    }
}
