import Foundation
import Linimasa

/// The clustering a user writes in an afternoon, as the README of the events set describes it:
/// stemmed words (the project's Indonesian stemmer standing in for Sastrawi), TF-IDF vectors
/// (raw counts, smoothed idf `ln((1+n)/(1+df)) + 1`, unit length, as scikit-learn's
/// `TfidfVectorizer`), and DBSCAN on cosine distance. Points that are not within `eps` of a core
/// point are noise: each is a cluster of its own. Time plays no part.
public struct TFIDFBaseline: Sendable {
    /// Neighbours (the point included) a core point needs, as scikit-learn's `min_samples`.
    public var minPoints: Int = 2

    public init() {}

    /// Unit TF-IDF vectors of the articles' titles and bodies.
    public static func vectors(_ articles: [Article], stemmer: Stemmer?) -> [TermVector] {
        let cache = TermCache(stemmer: stemmer)
        var counts: [[UInt64: Float]] = []
        var df: [UInt64: Int] = [:]
        for a in articles {
            var tf: [UInt64: Float] = [:]
            for text in [a.title ?? "", a.bodyText] {
                let t = TokenizedText(text)
                for tok in t.tokens where tok.kind == .word && tok.length >= 2 {
                    let key = cache.term(t.lowerBytes[tok.start..<tok.end], language: a.language)
                    if key != 0 { tf[key, default: 0] += 1 }
                }
            }
            for k in tf.keys { df[k, default: 0] += 1 }
            counts.append(tf)
        }
        let n = Float(articles.count)
        return counts.map { tf in
            var w: [UInt64: Float] = [:]
            for (k, c) in tf { w[k] = c * (logf((1 + n) / (1 + Float(df[k]!))) + 1) }
            return TermVector(w, limit: Int.max)
        }
    }

    /// DBSCAN labels (cluster numbers, noise points numbered apart) at cosine distance `eps`.
    public func labels(_ vectors: [TermVector], eps: Double) -> [Int] {
        let n = vectors.count
        var neighbours = [[Int]](repeating: [], count: n)
        for i in 0..<n {
            for j in (i + 1)..<max(n, i + 1) where 1 - Double(vectors[i].cosine(vectors[j])) <= eps {
                neighbours[i].append(j)
                neighbours[j].append(i)
            }
        }
        let core = (0..<n).map { neighbours[$0].count + 1 >= minPoints }
        var label = [Int](repeating: -1, count: n)
        var next = 0
        for i in 0..<n where core[i] && label[i] < 0 {
            label[i] = next
            var stack = [i]
            while let p = stack.popLast() {
                guard core[p] else { continue }
                for q in neighbours[p] where label[q] < 0 {
                    label[q] = next
                    stack.append(q)
                }
            }
            next += 1
        }
        for i in 0..<n where label[i] < 0 {
            label[i] = next
            next += 1
        }
        return label
    }
}
