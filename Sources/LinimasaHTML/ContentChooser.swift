/// Chooses which blocks are the article: the element with the most running text.
///
/// A block of at least 25 bytes outside any furniture scores 1 + its commas + a point a hundred
/// bytes (at most 3), as readability does; the score goes to the block's element, its parent
/// and, halved, its grandparent (text in a `div` of its own counts for the `div`). An element's
/// total is discounted by the share of its text in links and raised or lowered by a quarter for
/// class names that say article or furniture. The best element's blocks are the article, with
/// the blocks of its siblings that score at least a fifth as much (an article split over
/// sibling containers) or are long paragraphs with few links.
enum ContentChooser {
    static func choose(_ blocks: [Block], _ elements: Elements) -> Set<Int> {
        let n = elements.tag.count
        var score = [Double](repeating: 0, count: n)
        // Bytes of good paragraph text (long enough, few links, nothing says furniture) below each element.
        var good = [Int](repeating: 0, count: n)
        var text = [Int](repeating: 0, count: n)
        var links = [Int](repeating: 0, count: n)
        for b in blocks {
            let length = b.text.utf8.count
            var e = b.owner
            while e >= 0 {
                text[e] += length
                links[e] += b.linkChars
                e = elements.parent[e]
            }
            guard b.reason == nil, length >= 25, b.linkChars * 2 < length else { continue }
            var g = b.owner
            while g >= 0 {
                good[g] += length
                g = elements.parent[g]
            }
            let commas = Double(b.text.utf8.filter { $0 == UInt8(ascii: ",") }.count)
            let s = 1 + commas + min(Double(length) / 100, 3)
            // Paragraph-like elements credit their container; text directly in a container credits it.
            let paragraphLike = ["p", "li", "blockquote", "pre", "h2", "h3", "h4", "h5", "h6", "dd", "td"].contains(b.tag)
            var e1 = paragraphLike ? elements.parent[b.owner] : b.owner
            if e1 < 0 { e1 = b.owner }
            score[e1] += s
            let e2 = elements.parent[e1]
            if e2 >= 0 { score[e2] += s / 2 }
        }
        var best = -1
        var bestScore = 0.0
        var final = [Double](repeating: 0, count: n)
        for e in 0..<n where score[e] > 0 {
            let density = text[e] > 0 ? Double(links[e]) / Double(text[e]) : 0
            var s = score[e] * (1 - density)
            s *= 1 + 0.25 * Double(elements.hint[e])
            final[e] = s
            if s > bestScore {
                bestScore = s
                best = e
            }
        }
        guard best >= 0 else {
            // No paragraph anywhere: the page's blocks that are not furniture, if any.
            return Set(blocks.indices.filter { blocks[$0].reason == nil && blocks[$0].landmark == nil })
        }
        // An article split over several containers (slides, pages of a listicle, columns between
        // ads): while the parent holds a quarter more good text than the best element, with few
        // links, or it only wraps it (no more good text, and little other text), the parent is the article.
        while true {
            let p = elements.parent[best]
            // (A parent with no more good text than its child is the same article in a wrapper.)
            guard p >= 0, elements.tag[p] != "body" else { break }
            let wrapper = good[p] == good[best] && text[p] <= text[best] + max(200, text[best] / 10)
            let more = good[p] * 4 > good[best] * 5 && links[p] * 10 < text[p] * 3
            guard wrapper || more else { break }
            best = p
            bestScore = max(bestScore, final[p])
        }
        // The chosen elements: the best one and its worthy siblings.
        var chosenRoots: Set<Int> = [best]
        let parent = elements.parent[best]
        if parent >= 0 {
            let threshold = max(10, bestScore * 0.2)
            for e in 0..<n where e != best && elements.parent[e] == parent {
                if final[e] >= threshold { chosenRoots.insert(e) }
            }
        }
        var chosen: Set<Int> = []
        for (k, b) in blocks.enumerated() {
            var e = b.owner
            var inside = false
            while e >= 0 {
                if chosenRoots.contains(e) {
                    inside = true
                    break
                }
                // A sibling paragraph of the best element: long, with few links.
                if parent >= 0, elements.parent[e] == parent, b.reason == nil, b.text.utf8.count > 80, b.linkChars * 4 < b.text.utf8.count,
                    ["p", "blockquote", "pre"].contains(b.tag), e == b.owner
                {
                    inside = true
                    break
                }
                e = elements.parent[e]
            }
            if inside { chosen.insert(k) }
        }
        return chosen
    }
}
