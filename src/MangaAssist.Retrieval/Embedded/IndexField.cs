namespace MangaAssist.Retrieval.Embedded;

/// <summary>The BM25 fields of the embedded index. Each has its own length normalisation and weight.</summary>
internal enum IndexField
{
    /// <summary>English title: words.</summary>
    TitleEn,

    /// <summary>Japanese title: CJK bigrams and kanji/katakana unigrams (and any Latin words in it).</summary>
    TitleJa,

    /// <summary>Character trigrams of the Latin words of title and author (typo tolerance), kept apart so they don't stretch the other fields.</summary>
    Grams,

    /// <summary>Author, romanised: words.</summary>
    AuthorEn,

    /// <summary>Author in Japanese: CJK bigrams and unigrams.</summary>
    AuthorJa,

    /// <summary>Genres and demographic in both languages.</summary>
    Tags,

    /// <summary>English and Japanese synopsis: words and CJK bigrams.</summary>
    Synopsis,

    /// <summary>Reading of the Japanese title as folded romaji words: found from romaji, hiragana or katakana.</summary>
    TitleReading,

    /// <summary>The author's name as folded romaji words: "Satou", "Satō" and "Sato" meet here.</summary>
    AuthorReading,
}

internal static class IndexFields
{
    public const int Count = 9;

    /// <summary>
    /// Name fields score by how much of the name the query covers: a title matched in full outranks a title that
    /// only shares one word with a description of a story.
    /// </summary>
    public static bool ScoresByCoverage(IndexField field) => field is IndexField.Grams or IndexField.TitleEn or IndexField.TitleJa or IndexField.AuthorEn or IndexField.AuthorJa or IndexField.TitleReading or IndexField.AuthorReading;
}
