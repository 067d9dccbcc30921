namespace MangaAssist.Retrieval.Cli.Generation;

/// <summary>
/// Titles and authors the store does not carry: well-known real manga and mangaka (the catalog is fictional), and
/// invented titles from words the catalog never uses. Questions about them have no relevant product.
/// Real names are written as shoppers type them; several share a word with catalog titles on purpose.
/// </summary>
internal static class NotCarried
{
    public static readonly string[] RealTitlesEn =
    [
        "One Piece", "Naruto", "Berserk", "Vagabond", "Slam Dunk", "Fruits Basket", "Monster", "20th Century Boys",
        "Chainsaw Man", "Spy x Family", "Frieren", "Dandadan", "Attack on Titan", "Demon Slayer", "Dragon Ball",
        "Fullmetal Alchemist", "Death Note", "Bleach", "Jujutsu Kaisen", "Blue Lock", "Yotsuba", "Nana", "Kingdom",
        "Vinland Saga", "Blade of the Immortal", "Sailor Moon", "Akira", "Hunter x Hunter", "Haikyu", "Mob Psycho 100",
    ];

    public static readonly string[] RealTitlesJa =
    [
        "ワンピース", "鬼滅の刃", "進撃の巨人", "呪術廻戦", "ドラゴンボール", "スラムダンク", "名探偵コナン", "葬送のフリーレン",
        "ちびまる子ちゃん", "ベルセルク", "のだめカンタービレ", "よつばと！", "三月のライオン", "鋼の錬金術師", "銀魂", "薬屋のひとりごと",
    ];

    public static readonly string[] RealTitlesRomaji =
    [
        "Kimetsu no Yaiba", "Shingeki no Kyojin", "Jujutsu Kaisen", "Sousou no Frieren", "Chibi Maruko-chan", "Hagane no Renkinjutsushi",
        "Kusuriya no Hitorigoto", "Meitantei Conan", "Sangatsu no Lion", "Gintama", "Ao no Hako", "Tokyo Ghoul",
    ];

    public static readonly string[] RealAuthorsEn =
    [
        "Eiichiro Oda", "Naoki Urasawa", "Rumiko Takahashi", "Osamu Tezuka", "Akira Toriyama", "Kentaro Miura", "Takehiko Inoue",
        "Ai Yazawa", "Hiromu Arakawa", "Tatsuki Fujimoto", "Gege Akutami", "Tite Kubo", "Hajime Isayama", "Junji Ito", "CLAMP",
        "Naoko Takeuchi", "Masashi Kishimoto", "Yoshihiro Togashi", "Makoto Yukimura", "Inio Asano",
    ];

    public static readonly string[] RealAuthorsJa =
    [
        "尾田栄一郎", "浦沢直樹", "高橋留美子", "手塚治虫", "鳥山明", "三浦建太郎", "井上雄彦", "矢沢あい", "荒川弘", "藤本タツキ",
        "芥見下々", "諫山創", "伊藤潤二", "武内直子", "岸本斉史", "冨樫義博",
    ];

    /// <summary>Words the catalog's titles never use, for invented titles.</summary>
    public static readonly (string En, string Ja)[] InventedAdjectives =
    [
        ("Porcelain", "磁器の"), ("Rusty", "錆びた"), ("Bureaucratic", "お役所の"), ("Plaid", "格子柄の"), ("Inflatable", "膨らむ"),
        ("Soggy", "湿った"), ("Amphibious", "水陸両用の"), ("Fiscal", "会計年度の"), ("Tepid", "ぬるい"), ("Corduroy", "コーデュロイの"),
    ];

    public static readonly (string En, string Ja)[] InventedNouns =
    [
        ("Accountant", "会計士"), ("Submarine", "潜水艦"), ("Stapler", "ホチキス"), ("Giraffe", "麒麟"), ("Lawnmower", "芝刈り機"),
        ("Plumber", "配管工"), ("Spreadsheet", "表計算"), ("Walrus", "セイウチ"), ("Escalator", "エスカレーター"), ("Tuba", "チューバ"),
    ];
}
