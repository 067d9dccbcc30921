namespace MangaAssist.Retrieval.Text;

/// <summary>What a token is; its letter prefixes the term so the kinds never collide in one dictionary.</summary>
internal enum TokenKind : byte
{
    /// <summary>A Latin or digit word (lower case, light plural stemming).</summary>
    Word,

    /// <summary>A character trigram of a Latin word padded with ^ and $: tolerates typos.</summary>
    LatinTrigram,

    /// <summary>Two adjacent characters of a Japanese run: the CJK analyzer's unit.</summary>
    CjkBigram,

    /// <summary>One kanji or katakana character: matches one-character names and queries.</summary>
    CjkUnigram,

    /// <summary>A Latin word in folded romaji (<see cref="Romaji.Fold(ReadOnlySpan{char})"/>): meets readings of titles and names.</summary>
    Reading,

    /// <summary>
    /// A whole kana run of a query in folded romaji, unsegmented: the query side splits it into known readings.
    /// No index field accepts it.
    /// </summary>
    KanaRomaji,
}

internal static class TokenKinds
{
    public const int Count = 6;

    public static char Prefix(TokenKind kind) => kind switch
    {
        TokenKind.Word => 'w',
        TokenKind.LatinTrigram => 't',
        TokenKind.CjkBigram => 'b',
        TokenKind.CjkUnigram => 'u',
        TokenKind.Reading => 'r',
        _ => 'k',
    };
}
