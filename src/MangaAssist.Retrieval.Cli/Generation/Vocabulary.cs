namespace MangaAssist.Retrieval.Cli.Generation;

/// <summary>English/Japanese word lists the catalog is composed from. Every title and synopsis is fictional.</summary>
internal static class Vocabulary
{
    /// <summary>Adjective, and its Japanese modifier form (placed before a noun).</summary>
    public static readonly (string En, string Ja)[] Adjectives =
    [
        ("Crimson", "紅の"), ("Silent", "静かなる"), ("Last", "最後の"), ("Eternal", "永遠の"), ("Hidden", "隠された"),
        ("Broken", "壊れた"), ("Golden", "黄金の"), ("Azure", "蒼き"), ("Midnight", "真夜中の"), ("Wandering", "さすらいの"),
        ("Iron", "鉄の"), ("Frozen", "凍てつく"), ("Burning", "燃える"), ("Lonely", "孤独な"), ("Shining", "輝く"),
        ("Forgotten", "忘れられた"), ("Scarlet", "緋色の"), ("Silver", "銀の"), ("Falling", "落ちる"), ("Rising", "昇る"),
        ("Little", "小さな"), ("Wild", "野生の"), ("Phantom", "幻の"), ("Gentle", "優しい"), ("Secret", "秘密の"),
        ("Distant", "遠い"), ("Twilight", "黄昏の"), ("Starry", "星降る"), ("Electric", "電光の"), ("Velvet", "ビロードの"),
        ("Paper", "紙の"), ("Glass", "硝子の"), ("Thunder", "雷鳴の"), ("Moonlit", "月夜の"), ("Sunny", "陽だまりの"),
        ("Black", "黒き"), ("White", "白き"), ("Blue", "青い"), ("Sleepless", "眠らない"), ("Hungry", "腹ぺこ"),
    ];

    /// <summary>Noun, its kanji form and its katakana form (null when a katakana title would be odd).</summary>
    public static readonly (string En, string Kanji, string? Kana)[] Nouns =
    [
        ("Blade", "刃", "ブレード"), ("Academy", "学園", "アカデミー"), ("Knight", "騎士", "ナイト"), ("Garden", "庭園", "ガーデン"),
        ("Kingdom", "王国", "キングダム"), ("Hunter", "狩人", "ハンター"), ("Detective", "探偵", "ディテクティブ"), ("Kitchen", "厨房", "キッチン"),
        ("Star", "星", "スター"), ("Moon", "月", "ムーン"), ("Sword", "剣", "ソード"), ("Dragon", "竜", "ドラゴン"),
        ("Witch", "魔女", "ウィッチ"), ("Princess", "姫", "プリンセス"), ("Ghost", "幽霊", "ゴースト"), ("Rain", "雨", "レイン"),
        ("Flower", "花", "フラワー"), ("Wolf", "狼", "ウルフ"), ("Fox", "狐", "フォックス"), ("Cat", "猫", "キャット"),
        ("Bell", "鐘", "ベル"), ("Road", "道", "ロード"), ("Sky", "空", "スカイ"), ("Ocean", "海", "オーシャン"),
        ("Heart", "心", "ハート"), ("Dream", "夢", "ドリーム"), ("Promise", "約束", null), ("Festival", "祭り", "フェスティバル"),
        ("Cafe", "喫茶店", "カフェ"), ("Clinic", "診療所", "クリニック"), ("Circus", "曲芸団", "サーカス"), ("Engine", "機関", "エンジン"),
        ("Station", "駅", "ステーション"), ("Lantern", "灯籠", "ランタン"), ("Mirror", "鏡", "ミラー"), ("Crown", "王冠", "クラウン"),
        ("Shadow", "影", "シャドウ"), ("Flame", "炎", "フレイム"), ("Storm", "嵐", "ストーム"), ("Spirit", "精霊", "スピリット"),
        ("Samurai", "侍", null), ("Ninja", "忍者", null), ("Idol", "偶像", "アイドル"), ("Pitcher", "投手", "ピッチャー"),
        ("Striker", "点取り屋", "ストライカー"), ("Chef", "料理人", "シェフ"), ("Doctor", "医師", "ドクター"), ("Pilot", "操縦士", "パイロット"),
        ("Thief", "盗賊", "シーフ"), ("Alchemist", "錬金術師", "アルケミスト"), ("Runner", "走者", "ランナー"), ("Diary", "日記", "ダイアリー"),
        ("Letter", "手紙", "レター"), ("Melody", "旋律", "メロディ"), ("Orchestra", "楽団", "オーケストラ"), ("Ramen", "拉麺", "ラーメン"),
        ("Bento", "弁当", null), ("Castle", "城", "キャッスル"), ("Tower", "塔", "タワー"), ("Island", "島", "アイランド"),
        ("Forest", "森", "フォレスト"), ("Labyrinth", "迷宮", "ラビリンス"), ("Planet", "惑星", "プラネット"), ("Galaxy", "銀河", "ギャラクシー"),
        ("Machine", "機械", "マシン"), ("Frontier", "辺境", "フロンティア"), ("Empire", "帝国", "エンパイア"), ("Legend", "伝説", "レジェンド"),
        ("Requiem", "鎮魂歌", "レクイエム"), ("Butterfly", "蝶", "バタフライ"), ("Sakura", "桜", null), ("Lotus", "蓮華", null),
        ("Tiger", "虎", "タイガー"), ("Phoenix", "不死鳥", "フェニックス"), ("Raven", "鴉", "レイヴン"), ("Serpent", "大蛇", null),
    ];

    public static readonly (string En, string Ja)[] CharacterNames =
    [
        ("Haruto", "陽翔"), ("Yui", "結衣"), ("Ren", "蓮"), ("Aoi", "葵"), ("Kaito", "海斗"), ("Hina", "陽菜"), ("Riku", "陸"),
        ("Mio", "澪"), ("Takumi", "匠"), ("Akari", "灯"), ("Daichi", "大地"), ("Kanon", "花音"), ("Sota", "颯太"), ("Rin", "凛"),
        ("Yuto", "悠斗"), ("Mei", "芽衣"), ("Kenji", "健二"), ("Natsuki", "夏樹"), ("Shun", "瞬"), ("Koharu", "小春"),
        ("Itsuki", "樹"), ("Tsubasa", "翼"), ("Hikaru", "光"), ("Misaki", "美咲"), ("Ryo", "涼"), ("Chihiro", "千尋"),
        ("Kotaro", "虎太郎"), ("Emi", "恵美"), ("Jun", "純"), ("Nanami", "七海"), ("Tetsuo", "哲夫"), ("Ayame", "菖蒲"),
    ];

    public static readonly (string En, string Ja)[] FamilyNames =
    [
        ("Sato", "佐藤"), ("Suzuki", "鈴木"), ("Takahashi", "高橋"), ("Tanaka", "田中"), ("Watanabe", "渡辺"), ("Ito", "伊藤"),
        ("Yamamoto", "山本"), ("Nakamura", "中村"), ("Kobayashi", "小林"), ("Kato", "加藤"), ("Yoshida", "吉田"), ("Yamada", "山田"),
        ("Sasaki", "佐々木"), ("Yamaguchi", "山口"), ("Matsumoto", "松本"), ("Inoue", "井上"), ("Kimura", "木村"), ("Hayashi", "林"),
        ("Shimizu", "清水"), ("Yamazaki", "山崎"), ("Mori", "森"), ("Abe", "阿部"), ("Ikeda", "池田"), ("Hashimoto", "橋本"),
        ("Ishikawa", "石川"), ("Ogawa", "小川"), ("Okada", "岡田"), ("Hasegawa", "長谷川"), ("Fujita", "藤田"), ("Goto", "後藤"),
        ("Kondo", "近藤"), ("Murakami", "村上"), ("Endo", "遠藤"), ("Aoki", "青木"), ("Sakamoto", "坂本"), ("Saito", "斉藤"),
        ("Fukuda", "福田"), ("Ota", "太田"), ("Nishimura", "西村"), ("Fujii", "藤井"), ("Okamoto", "岡本"), ("Miura", "三浦"),
        ("Kaneko", "金子"), ("Nakano", "中野"), ("Harada", "原田"), ("Matsuda", "松田"), ("Takeuchi", "竹内"), ("Ono", "小野"),
        ("Tamura", "田村"), ("Kudo", "工藤"), ("Morita", "森田"), ("Sugiyama", "杉山"), ("Hirano", "平野"), ("Kikuchi", "菊地"),
        ("Kubo", "久保"), ("Arai", "新井"), ("Chiba", "千葉"), ("Iwasaki", "岩崎"), ("Sakurai", "桜井"), ("Noguchi", "野口"),
    ];

    public static readonly (string En, string Ja)[] GivenNames =
    [
        ("Takeshi", "武"), ("Hiroshi", "浩"), ("Yuko", "裕子"), ("Kazuki", "和樹"), ("Naoko", "直子"), ("Satoshi", "聡"),
        ("Megumi", "恵"), ("Daisuke", "大輔"), ("Tomoko", "智子"), ("Shinji", "真二"), ("Ayumi", "歩"), ("Koji", "浩二"),
        ("Mariko", "真理子"), ("Tsuyoshi", "剛"), ("Yoko", "洋子"), ("Akira", "明"), ("Keiko", "恵子"), ("Masato", "正人"),
        ("Rie", "理恵"), ("Osamu", "修"), ("Kaori", "香織"), ("Yusuke", "雄介"), ("Noriko", "典子"), ("Hideo", "英雄"),
        ("Sayaka", "沙也加"), ("Makoto", "誠"), ("Chie", "千恵"), ("Tatsuya", "達也"), ("Eri", "絵里"), ("Goro", "五郎"),
    ];

    /// <summary>Protagonist roles: English (with article), Japanese, and a short form for questions.</summary>
    public static readonly (string En, string Ja)[] Roles =
    [
        ("a high-school swordsman", "高校生剣士"), ("a rookie detective", "新米刑事"), ("a shy librarian", "内気な司書"),
        ("an exiled prince", "追放された王子"), ("a street-stall cook", "屋台の料理人"), ("a retired hitman", "引退した殺し屋"),
        ("a cursed shrine maiden", "呪われた巫女"), ("a transfer student", "転校生"), ("a former idol", "元アイドル"),
        ("a tired office worker", "疲れた会社員"), ("an apprentice witch", "見習い魔女"), ("a teenage mecha pilot", "少年パイロット"),
        ("a high-school pitcher", "高校球児"), ("a boy who can see ghosts", "幽霊が見える少年"), ("a runaway heiress", "家出した令嬢"),
        ("a lonely android", "孤独なアンドロイド"), ("a village doctor", "村医者"), ("a reformed delinquent", "更生した不良"),
        ("a single father", "シングルファーザー"), ("a ramen shop owner", "ラーメン屋の店主"), ("a fallen knight", "堕ちた騎士"),
        ("a reluctant time traveller", "不本意な時間旅行者"), ("a struggling manga artist", "売れない漫画家"), ("a washed-up boxer", "落ち目のボクサー"),
        ("a prodigy violinist", "天才バイオリニスト"), ("a mischievous fox spirit", "いたずら好きの狐の精霊"), ("a bounty hunter", "賞金稼ぎ"),
        ("a kindergarten teacher", "保育士"), ("a former samurai's daughter", "元武士の娘"), ("a quiet convenience-store clerk", "無口なコンビニ店員"),
    ];

    /// <summary>Settings: English phrase, Japanese phrase (ending in で), and the short place name shoppers use.</summary>
    public static readonly (string En, string Ja, string KeyEn, string KeyJa)[] Settings =
    [
        ("in near-future Tokyo", "近未来の東京で", "near-future Tokyo", "近未来の東京"),
        ("in a snowy town in Hokkaido", "北海道の雪の町で", "Hokkaido", "北海道"),
        ("in Osaka's old shopping streets", "大阪の古い商店街で", "Osaka", "大阪"),
        ("on a remote island in Okinawa", "沖縄の離島で", "Okinawa", "沖縄"),
        ("in a floating city above the clouds", "雲の上に浮かぶ都市で", "a floating sky city", "空に浮かぶ都市"),
        ("in a kingdom at the edge of the world", "世界の果ての王国で", "a kingdom at the edge of the world", "世界の果ての王国"),
        ("in Kyoto during cherry blossom season", "桜の季節の京都で", "Kyoto", "京都"),
        ("in the port town of Kobe", "神戸の港町で", "Kobe", "神戸"),
        ("in a mining colony on Mars", "火星の採掘コロニーで", "a Mars colony", "火星のコロニー"),
        ("in a sleepy fishing village", "静かな漁村で", "a fishing village", "漁村"),
        ("in a walled city of steam and gears", "蒸気と歯車の城塞都市で", "a steampunk city", "蒸気と歯車の都市"),
        ("in the back alleys of Shinjuku", "新宿の路地裏で", "Shinjuku", "新宿"),
        ("in a mountain temple in Nara", "奈良の山寺で", "Nara", "奈良"),
        ("in an underwater research base", "海底研究所で", "an underwater base", "海底研究所"),
        ("in Kamakura by the sea", "海辺の鎌倉で", "Kamakura", "鎌倉"),
        ("in a desert empire", "砂漠の帝国で", "a desert empire", "砂漠の帝国"),
        ("in a rural town in Shikoku", "四国の田舎町で", "Shikoku", "四国"),
        ("in the ruins of Nagoya after the collapse", "崩壊後の名古屋で", "post-apocalyptic Nagoya", "崩壊後の名古屋"),
        ("in a hot-spring town in Gunma", "群馬の温泉街で", "a hot-spring town", "温泉街"),
        ("at a school on the Moon", "月面の学校で", "the Moon", "月面"),
    ];

    public static readonly (string En, string Ja)[] Hooks =
    [
        ("But a forgotten promise changes everything.", "しかし、忘れられた約束がすべてを変えていく。"),
        ("Nothing goes as planned.", "だが、何ひとつ計画どおりには進まない。"),
        ("Along the way, unlikely friends gather.", "その途中で、思いがけない仲間が集まっていく。"),
        ("A heartwarming story about finding your place.", "自分の居場所を見つける、心温まる物語。"),
        ("Every chapter ends with a new question.", "毎話、新たな謎が待ち受ける。"),
        ("Then a rival who knows their past appears.", "そこに過去を知るライバルが現れる。"),
        ("The clock is ticking.", "残された時間はわずかだ。"),
        ("A story of courage, loss and second chances.", "勇気と喪失、そしてやり直しの物語。"),
        ("Laughter and tears, one day at a time.", "笑いと涙の毎日が続く。"),
        ("The truth is darker than anyone imagined.", "真実は誰の想像よりも暗い。"),
        ("Old wounds slowly begin to heal.", "古い傷が少しずつ癒えていく。"),
        ("Nobody can be trusted.", "誰も信じることはできない。"),
    ];

    public static readonly (string En, string Ja)[] SequelForms =
    [
        ("{0} II", "{0} II"),
        ("{0}: Next Generation", "{0} NEXT GENERATION"),
        ("{0}: The Second Act", "{0} 第二幕"),
        ("{0}: New Season", "{0} 新章"),
        ("{0} Returns", "{0} 再臨"),
    ];

    public static readonly (string En, string Ja)[] SpinOffForms =
    [
        ("{0} Gaiden: {1}'s Story", "{0}外伝 {1}の物語"),
        ("{0} Side Story: {1}", "{0} 番外編 {1}"),
        ("{0}: After-School Days", "{0} 放課後の日々"),
        ("{0}: Kitchen Days", "{0} ごはん日和"),
    ];
}
