/// Function words and the stock words of news reporting, in Indonesian and English.
///
/// Grouping and summaries compare articles by what they are about; these words say nothing about
/// that ("mengatakan", "yang", "said"). Lists written for this project, in lower case.
public enum Stopwords {
    public static let indonesian: Set<String> = Set("""
    ada adalah adanya agar akan akhir akhirnya aku akan amat anda antara antaranya apa apabila apakah \
    apalagi atas atau ataupun bagai bagaimana bagi bahkan bahwa baik banyak baru bawah beberapa begini \
    begitu belum benar berada berbagai berikut bersama besar betapa biasa bila bisa boleh buat bukan \
    bukanlah cukup dahulu dalam dan dapat dari daripada demikian dengan depan di dia diri dirinya \
    dua jadi jangan jika juga justru kalau kami kamu kan karena kata ke kecil kedua kembali kemudian \
    kepada ketika kini kita lagi lain lainnya lalu lama lebih maka mampu mana masih masing mau melalui \
    memang menjadi mereka merupakan meski meskipun mungkin namun nanti nya oleh pada padahal para \
    pernah pula pun punya saat saja salah sama sambil sampai sangat satu sebab sebagai sebelum sebelumnya \
    sebuah secara sedang sedangkan segera sehingga sejak sekali sekarang selain selama seluruh semua \
    sendiri seorang seperti sering serta sesuai setelah setiap siapa sini situ sudah supaya tak tanpa \
    tapi telah tengah tentang tentu terhadap terjadi tersebut tetap tetapi tiga tidak toh ujar untuk \
    usai walau walaupun ya yaitu yakni yang ini itu hal hingga hanya harus hari ia juga kali \
    mengatakan menurut menyatakan menambahkan menjelaskan mengungkapkan menuturkan katanya ujarnya \
    tuturnya jelasnya ungkapnya sebut tutur ungkap jelas imbuh lanjut papar terang \
    senin selasa rabu kamis jumat sabtu minggu pekan bulan tahun januari februari maret april mei \
    juni juli agustus september oktober november desember pukul wib wita wit kemarin besok \
    pihak kepada sekitar soal terkait lewat bahwa sebanyak hampir sekitar pula tadi
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))

    public static let english: Set<String> = Set("""
    a about above after again against all almost also although always am among an and another any \
    are around as at be because been before being below between both but by can could did do does \
    doing done down during each either else even ever every few for from further had has have having \
    he her here hers herself him himself his how however i if in into is it its itself just least \
    less like made make many may me might more most much must my myself near neither no nor not now \
    of off often on once one only or other others our ours ourselves out over own per perhaps put \
    rather same several shall she should since so some still such than that the their theirs them \
    themselves then there these they this those though through thus to too toward towards under \
    until up upon us very via was we were what when where whether which while who whom whose why \
    will with within without would yet you your yours yourself yourselves \
    said says say told according also added monday tuesday wednesday thursday friday saturday sunday \
    january february march april may june july august september october november december \
    year years day days week weeks month months today yesterday tomorrow mr mrs ms \
    two three new last first since s t don didn doesn isn wasn weren won wouldn can't
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))

    /// True for a lower-case word that is a stop word in either language.
    public static func contains(_ lowerWord: String) -> Bool {
        indonesian.contains(lowerWord) || english.contains(lowerWord)
    }
}
