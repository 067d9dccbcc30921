using System.Runtime.CompilerServices;

namespace MangaAssist.Retrieval.Text;

/// <summary>
/// Request words of shoppers' questions, removed from queries only (documents keep every word): the English
/// function words and shop phrases, and Japanese request phrases (already kana-folded: マンガ → まんが).
/// </summary>
internal static class StopWords
{
    private static readonly HashSet<string> English = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "of", "and", "or", "to", "in", "on", "for", "with", "by", "about", "is", "are", "was",
        "do", "does", "you", "your", "have", "has", "any", "some", "i", "im", "me", "my", "we", "want", "wanna",
        "looking", "look", "find", "search", "searching", "need", "please", "can", "could", "would", "get", "buy",
        "show", "tell", "recommend", "recommendation", "suggest", "what", "which", "who", "where", "there", "it",
        "manga", "mangas", "comic", "comics", "series", "book", "books", "title", "titles", "volume", "volumes",
        "something", "anything", "like", "similar", "similarly", "other", "more", "else", "read", "reading",
        "good", "best", "new", "stock", "store", "price", "english", "japanese", "version", "edition", "story",
        "that", "this", "one", "ones", "where", "how", "much",
        "vol", "vols", "did", "draw", "drew", "wrote", "written", "work", "works", "sell", "still", "all", "every",
        "sensei", "arimasu", "ka", "desu", "kudasai", "onegaishimasu", "loved", "liked", "enjoyed", "should", "next",
        "set", "up",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> EnglishLookup = English.GetAlternateLookup<ReadOnlySpan<char>>();

    // Longest first, so that "はありますか" wins over "ありますか".
    private static readonly string[] JapanesePhrases =
    [
        .. new[]
        {
            "はありますか", "ありますか", "ありますか", "について教えてください", "について教えて", "を教えてください",
            "を教えて", "教えてください", "教えて", "をさがしています", "さがしています", "を探しています", "探しています",
            "みたいなまんが", "みたいな", "のようなまんが", "のような", "ような", "に似た", "似ている", "似た",
            "のまんが", "まんが", "漫画", "作品", "おすすめ", "ください", "の在庫", "在庫", "ほかに",
            "の新刊", "新刊", "日本語版", "の値段", "値段", "いくら", "が読みたい", "読みたい", "が好き", "好きな人に",
            "って何巻まで出てる", "何巻まで出てる", "何巻まで", "って面白い", "って面白い", "面白い", "おもしろい", "先生の", "先生",
            "しりーず全部", "しりーず", "全部", "の続編はある", "続編はある", "も含めて", "含めて", "が舞台の", "舞台は", "舞台",
            "が主人公の", "主人公", "が出てくる", "出てくる", "で活躍する", "活躍する", "を描いた", "描いた", "の話",
            "はどんな", "どんな", "ですか", "でしょうか", "ますか", "かな",
        }.Distinct().OrderByDescending(p => p.Length),
    ];

    public static bool IsEnglish(ReadOnlySpan<char> word) => EnglishLookup.Contains(word);

    /// <summary>Length of the stop phrase that starts <paramref name="text"/>, or 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int JapanesePhraseAt(ReadOnlySpan<char> text)
    {
        foreach (var phrase in JapanesePhrases)
        {
            if (text.StartsWith(phrase, StringComparison.Ordinal))
            {
                return phrase.Length;
            }
        }

        return 0;
    }
}
