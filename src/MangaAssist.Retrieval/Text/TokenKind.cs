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
}

internal static class TokenKinds
{
    public const int Count = 4;

    public static char Prefix(TokenKind kind) => kind switch
    {
        TokenKind.Word => 'w',
        TokenKind.LatinTrigram => 't',
        TokenKind.CjkBigram => 'b',
        _ => 'u',
    };
}
