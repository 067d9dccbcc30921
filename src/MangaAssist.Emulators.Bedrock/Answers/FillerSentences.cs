namespace MangaAssist.Emulators.Bedrock.Answers;

/// <summary>Neutral sentences about manga that pad an answer to its token count, in English and Japanese.</summary>
internal static class FillerSentences
{
    public static readonly string[] English =
    [
        "Many readers start with the first volume and decide after three chapters whether the art style suits them.",
        "Long-running series often change pace after the first story arc, so a slow opening is not a bad sign.",
        "Shonen titles focus on growth and rivalry, while seinen titles tend to take more time with quiet scenes.",
        "Collected volumes usually include extra pages, author notes and cover art that the magazine run did not have.",
        "If you enjoy a series, the same author's earlier one-shots are a good way to see how the style developed.",
        "Digital editions arrive sooner, but printed volumes keep the two-page spreads the way the artist drew them.",
        "A good recommendation depends on which stories you already loved and which ones you put down.",
        "Translations differ in how they handle honorifics and sound effects, so it is worth comparing a few pages.",
        "Completed series are easier to binge, while ongoing ones give you something to look forward to each month.",
        "Anime adaptations often cover only part of the story, and the manga continues well past the last episode.",
        "Side characters in ensemble series frequently get their own arcs later, which rewards patient readers.",
        "Store staff picks and monthly rankings are a quick way to find titles that are popular right now.",
    ];

    public static readonly string[] Japanese =
    [
        "多くの読者は第一巻から読み始め、三話ほどで作風が合うかどうかを判断します。",
        "長期連載の作品は最初の章のあとで展開が変わることが多く、序盤がゆっくりでも心配はいりません。",
        "少年漫画は成長とライバル関係を描き、青年漫画は静かな場面にじっくり時間をかける傾向があります。",
        "単行本には連載時になかったおまけページや作者のコメントが収録されていることがよくあります。",
        "気に入った作品があれば、同じ作者の初期の読み切りを読むと画風の変化がよくわかります。",
        "電子版は早く読めますが、紙の単行本は見開きのページを作者の意図どおりに楽しめます。",
        "おすすめの作品は、これまでに好きだった物語と途中でやめた物語によって変わります。",
        "完結済みの作品は一気に読みやすく、連載中の作品は毎月の楽しみになります。",
        "アニメ化された作品でも原作の一部しか描かれていないことが多く、漫画はその先も続いています。",
        "群像劇では脇役にも後から見せ場が用意されていることが多く、じっくり読む楽しみがあります。",
        "店員のおすすめや月間ランキングを見ると、今人気の作品をすぐに見つけられます。",
    ];
}
