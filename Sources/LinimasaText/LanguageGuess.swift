import LinimasaCore

/// Guesses whether a text is Indonesian or English from its most frequent function words.
///
/// Counts tokens in two small closed-class lists; Indonesian wins ties, since it is the
/// project's first language. O(n) in the token count.
public enum LanguageGuess {
    static let indonesian: Set<String> = [
        "yang", "dan", "di", "ini", "itu", "dengan", "untuk", "dari", "pada", "dalam", "akan", "tidak", "ke", "juga",
        "ada", "oleh", "karena", "bahwa", "kata", "telah", "sudah", "mereka", "kami", "kita", "atau", "tersebut",
        "adalah", "saat", "bisa", "lebih", "para", "sebagai", "hingga", "namun", "serta", "tahun",
    ]
    static let english: Set<String> = [
        "the", "and", "of", "to", "in", "is", "that", "for", "on", "with", "was", "as", "by", "it", "at", "from", "he",
        "are", "have", "has", "be", "said", "were", "his", "an", "which", "this", "but", "not", "they", "would", "will",
    ]

    public static func guess(_ text: TokenizedText) -> Language {
        var id = 0
        var en = 0
        for i in text.tokens.indices where text.tokens[i].kind == .word && text.tokens[i].length <= 9 {
            let w = text.lower(i)
            if indonesian.contains(w) { id += 1 } else if english.contains(w) { en += 1 }
        }
        return en > id ? .en : .id
    }
}
