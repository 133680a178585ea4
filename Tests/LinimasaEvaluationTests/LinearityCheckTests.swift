import Testing

@testable import LinimasaEvaluation

/// The check itself: quadratic work must come out near 4 per doubling and over the limit, linear
/// work near 2 and under it (the retry of a ratio over the limit must not hide real quadratic work).
@Suite(.serialized) struct LinearityCheckTests {
    static let pattern = LinearityCheck.Pattern(name: "bytes", selector: 0, unit: Array("ab".utf8))

    @Test func quadraticWorkIsFlagged() {
        var sink = 0
        let results = LinearityCheck.run(patterns: [Self.pattern], bytes: 1000, doublings: 2, repeats: 2) { input in
            for a in input { for b in input where a == b { sink &+= 1 } }
        }
        #expect(sink > 0)
        #expect(results[0].ratio > 3, "quadratic work measured \(results[0].seconds)")
    }

    @Test func linearWorkPasses() {
        var sink = 0
        let results = LinearityCheck.run(patterns: [Self.pattern], bytes: 40_000, doublings: 2, repeats: 2) { input in
            for _ in 0..<40 { for a in input { sink &+= Int(a) } }
        }
        #expect(sink > 0)
        #expect(results[0].ratio < 3, "linear work measured \(results[0].seconds)")
    }
}
