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

    /// <summary>Premise (verb phrase) per genre: English, Japanese clause, and the short keywords a shopper would use.</summary>
    public static readonly Dictionary<string, (string En, string Ja, string KeyEn, string KeyJa)[]> Premises = new()
    {
        ["action"] =
        [
            ("fights to protect the city from a secret army", "秘密の軍隊から街を守るために戦う", "fighting a secret army", "秘密の軍隊と戦う"),
            ("enters an underground tournament of masked fighters", "仮面の闘士たちの地下トーナメントに参戦する", "underground tournament of masked fighters", "仮面の地下トーナメント"),
            ("hunts the monsters that destroyed their hometown", "故郷を滅ぼした怪物を狩る", "hunting monsters for revenge", "故郷の仇の怪物狩り"),
        ],
        ["adventure"] =
        [
            ("sails across uncharted seas in search of a lost island", "幻の島を求めて未知の海を渡る", "sailing to a lost island", "幻の島を目指す航海"),
            ("climbs a tower that reaches beyond the clouds", "雲の上まで続く塔を登る", "climbing an endless tower", "雲の上まで続く塔"),
            ("follows an old treasure map through the desert", "古い宝の地図を頼りに砂漠を旅する", "a treasure map in the desert", "砂漠の宝の地図"),
        ],
        ["comedy"] =
        [
            ("shares a tiny apartment with three eccentric roommates", "三人の変わり者と狭いアパートで同居する", "living with eccentric roommates", "変わり者との同居"),
            ("tries to hide a talking cat from the whole school", "しゃべる猫を学校中から隠そうとする", "hiding a talking cat", "しゃべる猫"),
            ("runs a failing family bathhouse with a chaotic family", "騒がしい家族と潰れかけの銭湯を切り盛りする", "running the family bathhouse", "家族の銭湯"),
        ],
        ["drama"] =
        [
            ("returns to a seaside hometown to face an old family secret", "海辺の故郷に戻り、家族の秘密と向き合う", "facing a family secret back home", "家族の秘密"),
            ("cares for a dying grandfather who was once a famous painter", "かつて有名な画家だった祖父を看取る", "caring for a painter grandfather", "画家の祖父の介護"),
            ("rebuilds a life after losing everything in a flood", "洪水ですべてを失った後、人生を立て直す", "starting over after a flood", "洪水からの再起"),
        ],
        ["fantasy"] =
        [
            ("must seal away an ancient dragon awakening under the capital", "王都の地下で目覚める古代竜を封印する", "sealing an ancient dragon", "古代竜の封印"),
            ("inherits a magic library whose books come alive at night", "夜になると本が動き出す魔法図書館を継ぐ", "a magic library where books come alive", "本が動き出す魔法図書館"),
            ("forms a contract with a spirit of the forest", "森の精霊と契約を結ぶ", "a contract with a forest spirit", "森の精霊との契約"),
        ],
        ["romance"] =
        [
            ("falls for the rival of a childhood friend", "幼なじみのライバルに恋をする", "a love triangle with a childhood friend", "幼なじみとの三角関係"),
            ("agrees to a fake engagement with the school's cold prince", "学園一クールな王子と偽の婚約をする", "a fake engagement", "偽の婚約"),
            ("exchanges anonymous letters with a stranger", "見知らぬ誰かと匿名の手紙を交わす", "anonymous love letters", "匿名の手紙"),
        ],
        ["sci-fi"] =
        [
            ("wakes up from cold sleep on a colony ship drifting off course", "航路を外れた移民船でコールドスリープから目覚める", "waking up on a lost colony ship", "漂流する移民船"),
            ("discovers that the city is run by a hidden artificial intelligence", "街が隠された人工知能に支配されていると知る", "a city secretly ruled by an AI", "街を支配する人工知能"),
            ("receives messages from their future self", "未来の自分からメッセージを受け取る", "messages from the future self", "未来の自分からのメッセージ"),
        ],
        ["horror"] =
        [
            ("moves into an apartment where the previous tenants all vanished", "前の住人が全員消えたアパートに引っ越す", "an apartment where tenants vanish", "住人が消えるアパート"),
            ("is trapped in a village that repeats the same night", "同じ夜を繰り返す村に閉じ込められる", "a village trapped in the same night", "同じ夜を繰り返す村"),
            ("hears a doll singing in an abandoned school", "廃校で歌う人形の声を聞く", "a singing doll in an abandoned school", "廃校の歌う人形"),
        ],
        ["mystery"] =
        [
            ("solves locked-room murders at a mountain hotel", "山奥のホテルで密室殺人を解く", "locked-room murders in a hotel", "ホテルの密室殺人"),
            ("investigates a string of thefts at a famous museum", "有名な美術館で続く盗難事件を調べる", "museum thefts", "美術館の連続盗難"),
            ("searches for a sister who disappeared ten years ago", "十年前に消えた姉を探す", "searching for a missing sister", "消えた姉の捜索"),
        ],
        ["slice-of-life"] =
        [
            ("opens a small bakery in a quiet country town", "静かな田舎町で小さなパン屋を開く", "opening a countryside bakery", "田舎のパン屋"),
            ("spends lazy afternoons at a riverside camping site", "川辺のキャンプ場でのんびり過ごす", "relaxed riverside camping", "川辺のキャンプ"),
            ("raises a stray puppy with a grumpy neighbour", "無愛想な隣人と捨て犬を育てる", "raising a stray puppy", "捨て犬の子育て"),
        ],
        ["sports"] =
        [
            ("leads a weak volleyball team to the national tournament", "弱小バレー部を全国大会へ導く", "an underdog volleyball team", "弱小バレー部"),
            ("aims for the summer baseball championship at Koshien", "夏の甲子園優勝を目指す", "high-school baseball at Koshien", "甲子園を目指す野球"),
            ("trains for a marathon across the length of Japan", "日本縦断マラソンに挑む", "a marathon across Japan", "日本縦断マラソン"),
        ],
        ["cooking"] =
        [
            ("revives a failing ramen shop with a secret broth", "秘伝のスープで潰れかけのラーメン屋を立て直す", "saving a ramen shop", "ラーメン屋の再建"),
            ("cooks regional dishes for customers at a late-night diner", "深夜食堂で郷土料理をふるまう", "a late-night diner", "深夜食堂"),
            ("competes in a wagashi sweets contest", "和菓子コンテストで競い合う", "a Japanese sweets contest", "和菓子コンテスト"),
        ],
        ["historical"] =
        [
            ("serves as a bodyguard in the last days of the Edo shogunate", "江戸幕府の末期に用心棒として生きる", "a bodyguard at the end of the Edo period", "幕末の用心棒"),
            ("rises from peasant to warlord in the Sengoku era", "戦国時代に農民から武将へと成り上がる", "a peasant becoming a Sengoku warlord", "戦国の成り上がり"),
            ("delivers secret letters across Meiji-era Tokyo", "明治時代の東京で密書を届ける", "a Meiji-era courier", "明治の密書"),
        ],
        ["isekai"] =
        [
            ("is reborn in another world as a humble village blacksmith", "異世界で村の鍛冶屋として生まれ変わる", "reincarnated as a blacksmith in another world", "異世界の鍛冶屋に転生"),
            ("is summoned to a fantasy kingdom as its royal accountant", "王国の会計係として異世界に召喚される", "summoned to another world as an accountant", "異世界に召喚された会計係"),
            ("opens a convenience store in a world of elves and orcs", "エルフとオークの世界でコンビニを開く", "a convenience store in a fantasy world", "異世界のコンビニ"),
        ],
        ["mecha"] =
        [
            ("pilots a giant robot built from scrap metal", "廃材から作られた巨大ロボットを操縦する", "a giant robot made of scrap", "廃材の巨大ロボット"),
            ("joins a squad defending the orbital elevator", "軌道エレベーターを守る部隊に加わる", "defending the orbital elevator", "軌道エレベーター防衛"),
            ("restores a forgotten war machine in a mountain village", "山村で忘れられた戦闘機械を修理する", "repairing a forgotten war machine", "忘れられた戦闘機械の修理"),
        ],
        ["supernatural"] =
        [
            ("makes a deal with a fox god to save a friend", "友を救うため狐の神と取引をする", "a deal with a fox god", "狐の神との取引"),
            ("works part-time at a shop that sells memories", "記憶を売る店でアルバイトをする", "a shop that sells memories", "記憶を売る店"),
            ("can see the red threads of fate between people", "人と人を結ぶ運命の赤い糸が見える", "seeing the red threads of fate", "運命の赤い糸"),
        ],
        ["psychological"] =
        [
            ("plays a deadly game of lies with twelve strangers", "十二人の他人と命がけの嘘つきゲームに挑む", "a deadly game of lies", "命がけの嘘つきゲーム"),
            ("starts to doubt which of their memories are real", "自分の記憶のどれが本物か疑い始める", "doubting one's own memories", "偽りの記憶"),
            ("keeps a diary that predicts murders", "殺人を予言する日記をつける", "a diary that predicts murders", "殺人を予言する日記"),
        ],
        ["music"] =
        [
            ("forms a rock band with classmates who cannot play", "楽器の弾けない同級生とロックバンドを組む", "starting a rock band", "ロックバンド結成"),
            ("prepares for a piano competition after a long slump", "長いスランプを経てピアノコンクールに挑む", "a piano competition comeback", "ピアノコンクール"),
            ("revives a school brass band on the edge of closure", "廃部寸前の吹奏楽部を立て直す", "saving the brass band club", "吹奏楽部の再建"),
        ],
        ["school"] =
        [
            ("becomes student council president by mistake", "手違いで生徒会長になる", "accidental student council president", "手違いの生徒会長"),
            ("joins a club that investigates school legends", "学校の七不思議を調べる部活に入る", "a club investigating school legends", "七不思議を調べる部活"),
            ("tries to survive the first year at an elite boarding school", "名門全寮制学校での一年目を乗り切ろうとする", "surviving an elite boarding school", "全寮制の名門校"),
        ],
        ["martial-arts"] =
        [
            ("learns a forgotten style of karate from an old master", "老師から失われた空手の流派を学ぶ", "a lost karate style", "失われた空手の流派"),
            ("trains at a mountain dojo to avenge a defeated father", "敗れた父の仇を討つため山の道場で修行する", "training in a mountain dojo for revenge", "山の道場での修行"),
            ("fights street kendo duels across Osaka", "大阪の街で剣道の果たし合いを重ねる", "street kendo duels", "剣道の果たし合い"),
        ],
        ["workplace"] =
        [
            ("survives the first year at a chaotic video game studio", "混沌としたゲーム会社での一年目を生き抜く", "working at a video game studio", "ゲーム会社のお仕事"),
            ("works the night shift at a big-city hospital", "大都会の病院で夜勤をこなす", "hospital night shifts", "病院の夜勤"),
            ("edits manga at a struggling publishing house", "経営難の出版社で漫画の編集をする", "a manga editor at a publisher", "漫画編集者"),
        ],
        ["thriller"] =
        [
            ("is framed for a crime and must escape the police", "無実の罪を着せられ警察から逃げる", "framed and on the run", "冤罪の逃亡劇"),
            ("infiltrates a cult that controls a remote island", "離島を支配する教団に潜入する", "infiltrating an island cult", "離島の教団への潜入"),
            ("negotiates with a hijacker on a bullet train", "新幹線のハイジャック犯と交渉する", "a bullet-train hijacking", "新幹線ハイジャック"),
        ],
    };

    /// <summary>One line per genre that gives its flavour, appended to synopses of products with that secondary genre.</summary>
    public static readonly Dictionary<string, (string En, string Ja)> GenreFlavour = new()
    {
        ["action"] = ("Expect explosive battles.", "迫力のバトルが満載。"),
        ["adventure"] = ("Every volume opens a new map.", "巻を追うごとに新しい世界が広がる。"),
        ["comedy"] = ("Packed with gags and warm laughs.", "ギャグと笑いがいっぱい。"),
        ["drama"] = ("A quiet, moving human drama.", "静かに胸を打つ人間ドラマ。"),
        ["fantasy"] = ("Magic runs through every page.", "魔法があふれる物語。"),
        ["romance"] = ("Romance blooms where least expected.", "思いがけない恋も芽生える。"),
        ["sci-fi"] = ("Hard science meets big questions.", "本格SFの問いが胸に迫る。"),
        ["horror"] = ("Not for reading alone at night.", "夜ひとりで読むのは禁物。"),
        ["mystery"] = ("Clues are hidden in plain sight.", "伏線は最初から描かれている。"),
        ["slice-of-life"] = ("Small joys of everyday life.", "日々の小さな幸せを描く。"),
        ["sports"] = ("Sweat, rivals and team spirit.", "汗と仲間とライバルの熱い物語。"),
        ["cooking"] = ("Every chapter comes with a recipe.", "毎話レシピ付き。"),
        ["historical"] = ("Carefully researched period detail.", "綿密な時代考証。"),
        ["isekai"] = ("Modern know-how in a world of magic.", "現代の知識で異世界を生き抜く。"),
        ["mecha"] = ("Detailed robot designs and battles.", "緻密なメカ描写とロボット戦。"),
        ["supernatural"] = ("Spirits and gods walk among people.", "神や妖が人の世に紛れ込む。"),
        ["psychological"] = ("A tense battle of wits.", "緊迫の頭脳戦。"),
        ["music"] = ("You can almost hear the music.", "音が聞こえてくるような演奏シーン。"),
        ["school"] = ("Classrooms, clubs and festivals.", "教室と部活と文化祭の青春。"),
        ["martial-arts"] = ("Authentic fight choreography.", "本格的な武術描写。"),
        ["workplace"] = ("An honest look at working life.", "働く人のリアルを描くお仕事もの。"),
        ["thriller"] = ("Twists until the last page.", "最後まで息をつかせぬ展開。"),
    };

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
