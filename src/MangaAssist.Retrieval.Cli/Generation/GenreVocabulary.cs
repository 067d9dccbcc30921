namespace MangaAssist.Retrieval.Cli.Generation;

/// <summary>What each genre lends a synopsis: its premises and a line of flavour. Every premise is fictional.</summary>
internal static class GenreVocabulary
{
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
    public static readonly Dictionary<string, (string En, string Ja)> Flavour = new()
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
}
