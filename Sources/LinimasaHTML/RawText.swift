import LinimasaText

/// The contents of a page's `<style>` elements and of its `<script>` elements of code, left out
/// before libxml2 reads the page: scripts whose type names JSON are data (JSON-LD, a page's state
/// with its dates) and stay. Nothing reads code or styles (the article's blocks drop both), yet on
/// news pages they are about half of the bytes (aeb and anpandu: scripts 30%, styles 24%), and
/// libxml2 reads raw text one character at a time into text nodes. The elements stay, empty.
///
/// Where they end is found as libxml2 finds it when recovering: at the first `</script` (`</style`)
/// in any case. Comments are passed over whole, and a start tag is read to its `>` with its quoted
/// attribute values, so a `<script` inside a comment or an attribute value starts nothing here either.
enum RawText {
    /// The page without those contents; nil when it has none (the caller keeps its bytes).
    static func stripped(_ bytes: [UInt8]) -> [UInt8]? {
        bytes.withUnsafeBufferPointer { b -> [UInt8]? in
            guard let base = b.baseAddress else { return nil }
            let raw = UnsafeRawBufferPointer(b)
            let n = b.count
            var out: [UInt8] = []
            var copied = 0
            var i = 0
            @inline(__always) func lower(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c + 0x20 : c }
            @inline(__always) func matches(_ at: Int, _ word: StaticString) -> Bool {
                let w = word.utf8Start
                let len = word.utf8CodeUnitCount
                guard at + len <= n else { return false }
                for k in 0..<len where lower(base[at + k]) != w[k] { return false }
                return true
            }
            /// The first place at or after `from` where `word` starts (any case); `n` when none.
            func find(_ word: StaticString, from: Int) -> Int {
                let first = word.utf8Start[0]
                var k = from
                while let at = raw.firstOffset(of: first, from: k) {
                    // The words' first bytes (`<`, `-`) have no case; only the others are compared in any case.
                    if matches(at, word) { return at }
                    k = at + 1
                }
                return n
            }
            while i < n {
                guard let lt = raw.firstOffset(of: 0x3C, from: i) else { break }
                if matches(lt, "<!--") {
                    let end = find("-->", from: lt + 4)
                    i = end == n ? n : end + 3
                    continue
                }
                // A start tag: `<` and a letter. Every start tag is read to its `>` (quoted values
                // after `=` read over whole), so what its values hold starts nothing.
                guard lt + 1 < n, case let c1 = lower(base[lt + 1]), c1 >= 0x61 && c1 <= 0x7A else {
                    i = lt + 1
                    continue
                }
                var nameEnd = lt + 1
                // A name as libxml2 reads one: letters, digits, `:`, `-`, `_`, `.`.
                while nameEnd < n, case let c = lower(base[nameEnd]),
                    (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x3A || c == 0x2D || c == 0x5F || c == 0x2E
                {
                    nameEnd += 1
                }
                let script = nameEnd - lt == 7 && matches(lt, "<script")
                let style = nameEnd - lt == 6 && matches(lt, "<style")
                var k = nameEnd
                var afterEquals = false
                while k < n && base[k] != 0x3E {
                    let c = base[k]
                    if afterEquals && (c == 0x22 || c == 0x27) {
                        guard let q = raw.firstOffset(of: c, from: k + 1) else {
                            k = n
                            break
                        }
                        k = q + 1
                        afterEquals = false
                        continue
                    }
                    if c == 0x3D {
                        afterEquals = true
                    } else if c != 0x20 && c != 0x09 && c != 0x0A && c != 0x0D && c != 0x0C {
                        afterEquals = false
                    }
                    k += 1
                }
                guard script || style else {
                    i = k + 1
                    continue
                }
                guard k < n else { break }
                let contentStart = k + 1
                let contentEnd = find(script ? "</script" : "</style", from: contentStart)
                var keep = false
                if script {
                    // Data is read: a start tag naming JSON keeps its content.
                    var a = nameEnd
                    while a + 4 <= k {
                        if matches(a, "json") {
                            keep = true
                            break
                        }
                        a += 1
                    }
                }
                if !keep && contentEnd > contentStart {
                    if out.isEmpty { out.reserveCapacity(n / 2) }
                    out.append(contentsOf: UnsafeBufferPointer(start: base + copied, count: contentStart - copied))
                    copied = contentEnd
                }
                i = contentEnd
            }
            guard copied > 0 else { return nil }
            out.append(contentsOf: UnsafeBufferPointer(start: base + copied, count: n - copied))
            return out
        }
    }
}
