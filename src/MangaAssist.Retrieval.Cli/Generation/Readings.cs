namespace MangaAssist.Retrieval.Cli.Generation;

/// <summary>
/// Hiragana readings of the Japanese words titles are composed from, so every product carries a reading field
/// (what a kuromoji reading filter would give) and romaji / kana questions can be written from the data.
/// </summary>
internal static class Readings
{
    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        // Adjective forms.
        ["紅の"] = "くれない の", ["静かなる"] = "しずかなる", ["最後の"] = "さいご の", ["永遠の"] = "えいえん の", ["隠された"] = "かくされた",
        ["壊れた"] = "こわれた", ["黄金の"] = "おうごん の", ["蒼き"] = "あおき", ["真夜中の"] = "まよなか の", ["さすらいの"] = "さすらい の",
        ["鉄の"] = "てつ の", ["凍てつく"] = "いてつく", ["燃える"] = "もえる", ["孤独な"] = "こどくな", ["輝く"] = "かがやく",
        ["忘れられた"] = "わすれられた", ["緋色の"] = "ひいろ の", ["銀の"] = "ぎん の", ["落ちる"] = "おちる", ["昇る"] = "のぼる",
        ["小さな"] = "ちいさな", ["野生の"] = "やせい の", ["幻の"] = "まぼろし の", ["優しい"] = "やさしい", ["秘密の"] = "ひみつ の",
        ["遠い"] = "とおい", ["黄昏の"] = "たそがれ の", ["星降る"] = "ほしふる", ["電光の"] = "でんこう の", ["ビロードの"] = "びろーど の",
        ["紙の"] = "かみ の", ["硝子の"] = "がらす の", ["雷鳴の"] = "らいめい の", ["月夜の"] = "つきよ の", ["陽だまりの"] = "ひだまり の",
        ["黒き"] = "くろき", ["白き"] = "しろき", ["青い"] = "あおい", ["眠らない"] = "ねむらない", ["腹ぺこ"] = "はらぺこ",

        // Nouns in kanji.
        ["刃"] = "やいば", ["学園"] = "がくえん", ["騎士"] = "きし", ["庭園"] = "ていえん", ["王国"] = "おうこく", ["狩人"] = "かりゅうど",
        ["探偵"] = "たんてい", ["厨房"] = "ちゅうぼう", ["星"] = "ほし", ["月"] = "つき", ["剣"] = "つるぎ", ["竜"] = "りゅう",
        ["魔女"] = "まじょ", ["姫"] = "ひめ", ["幽霊"] = "ゆうれい", ["雨"] = "あめ", ["花"] = "はな", ["狼"] = "おおかみ",
        ["狐"] = "きつね", ["猫"] = "ねこ", ["鐘"] = "かね", ["道"] = "みち", ["空"] = "そら", ["海"] = "うみ",
        ["心"] = "こころ", ["夢"] = "ゆめ", ["約束"] = "やくそく", ["祭り"] = "まつり", ["喫茶店"] = "きっさてん", ["診療所"] = "しんりょうじょ",
        ["曲芸団"] = "きょくげいだん", ["機関"] = "きかん", ["駅"] = "えき", ["灯籠"] = "とうろう", ["鏡"] = "かがみ", ["王冠"] = "おうかん",
        ["影"] = "かげ", ["炎"] = "ほのお", ["嵐"] = "あらし", ["精霊"] = "せいれい", ["侍"] = "さむらい", ["忍者"] = "にんじゃ",
        ["偶像"] = "ぐうぞう", ["投手"] = "とうしゅ", ["点取り屋"] = "てんとりや", ["料理人"] = "りょうりにん", ["医師"] = "いし", ["操縦士"] = "そうじゅうし",
        ["盗賊"] = "とうぞく", ["錬金術師"] = "れんきんじゅつし", ["走者"] = "そうしゃ", ["日記"] = "にっき", ["手紙"] = "てがみ", ["旋律"] = "せんりつ",
        ["楽団"] = "がくだん", ["拉麺"] = "らーめん", ["弁当"] = "べんとう", ["城"] = "しろ", ["塔"] = "とう", ["島"] = "しま",
        ["森"] = "もり", ["迷宮"] = "めいきゅう", ["惑星"] = "わくせい", ["銀河"] = "ぎんが", ["機械"] = "きかい", ["辺境"] = "へんきょう",
        ["帝国"] = "ていこく", ["伝説"] = "でんせつ", ["鎮魂歌"] = "ちんこんか", ["蝶"] = "ちょう", ["桜"] = "さくら", ["蓮華"] = "れんげ",
        ["虎"] = "とら", ["不死鳥"] = "ふしちょう", ["鴉"] = "からす", ["大蛇"] = "おろち",

        // Character names.
        ["陽翔"] = "はると", ["結衣"] = "ゆい", ["蓮"] = "れん", ["葵"] = "あおい", ["海斗"] = "かいと", ["陽菜"] = "ひな", ["陸"] = "りく",
        ["澪"] = "みお", ["匠"] = "たくみ", ["灯"] = "あかり", ["大地"] = "だいち", ["花音"] = "かのん", ["颯太"] = "そうた", ["凛"] = "りん",
        ["悠斗"] = "ゆうと", ["芽衣"] = "めい", ["健二"] = "けんじ", ["夏樹"] = "なつき", ["瞬"] = "しゅん", ["小春"] = "こはる",
        ["樹"] = "いつき", ["翼"] = "つばさ", ["光"] = "ひかる", ["美咲"] = "みさき", ["涼"] = "りょう", ["千尋"] = "ちひろ",
        ["虎太郎"] = "こたろう", ["恵美"] = "えみ", ["純"] = "じゅん", ["七海"] = "ななみ", ["哲夫"] = "てつお", ["菖蒲"] = "あやめ",

        // Words of sequel and spin-off titles.
        ["第二幕"] = "だいにまく", ["新章"] = "しんしょう", ["再臨"] = "さいりん", ["外伝"] = "がいでん", ["番外編"] = "ばんがいへん",
        ["放課後の日々"] = "ほうかご の ひび", ["ごはん日和"] = "ごはん びより", ["の物語"] = "の ものがたり", ["僕の"] = "ぼく の",
    };

    /// <summary>The reading of one vocabulary word; katakana words are their own reading (in hiragana).</summary>
    public static string Of(string japanese)
    {
        if (Words.TryGetValue(japanese, out var reading))
        {
            return reading;
        }

        if (japanese.All(c => c is (>= '\u30A1' and <= '\u30F6') or 'ー'))
        {
            return new string(japanese.Select(c => c == 'ー' ? c : (char)(c - 0x60)).ToArray());
        }

        throw new InvalidOperationException($"No reading for '{japanese}'.");
    }

    /// <summary>
    /// The reading of a sequel or spin-off title: the original's reading plus the reading of the form's own words
    /// (Latin parts such as "II" or "NEXT GENERATION" stay as they are).
    /// </summary>
    public static string OfForm(string japaneseForm, string originalReading, string? heroReading)
    {
        var parts = new List<string>();
        foreach (var piece in japaneseForm.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (piece == "{0}")
            {
                parts.Add(originalReading);
            }
            else if (piece.StartsWith("{0}", StringComparison.Ordinal))
            {
                parts.Add(originalReading);
                parts.Add(Of(piece[3..]));
            }
            else if (piece.StartsWith("{1}", StringComparison.Ordinal))
            {
                parts.Add(heroReading ?? string.Empty);
                parts.Add(piece.Length > 3 ? Of(piece[3..]) : string.Empty);
            }
            else if (piece.All(char.IsAscii))
            {
                parts.Add(piece);
            }
            else
            {
                parts.Add(Of(piece));
            }
        }

        return string.Join(' ', parts.Where(p => p.Length > 0));
    }
}
