namespace MangaAssist.Retrieval.Embedded;

/// <summary>
/// Where a question marks its hero: the facets of the clause before が主人公, が出てくる, "gets caught up in", "deals
/// with", "ends up" or "as the lead" ("Xが主人公の…", "where X deals with…", "with X as the lead"), or the facet after
/// 主人公は ("主人公はX"). The English phrases frame a hero rather than tell the story, so the relevance decision does
/// not count them as content either. Text as <see cref="Text.TextNormalizer"/> leaves it (lower case, katakana as hiragana).
/// </summary>
internal static class HeroMarker
{
    /// <summary>Which side of a boundary the hero it marks is on.</summary>
    public enum Side
    {
        None,
        Before,
        After,
    }

    // Matched as whole words, so "as the hero" never takes "as the heroine" and the order does not matter.
    private static readonly string[] EnglishPhrases =
    [
        "gets caught up in", "get caught up in", "deals with", "deal with", "ends up", "end up",
        "as the main character", "as the protagonist", "as the lead", "as the hero", "as the heroine",
    ];

    /// <summary>What the boundary text[<paramref name="boundary"/>..<paramref name="resume"/>) says of the facets around it.</summary>
    public static Side At(ReadOnlySpan<char> text, int boundary, int resume)
    {
        // The request phrase may or may not have taken the particle: が主人公の, 主人公; が出てくる, 出てくる.
        var cut = text[boundary..resume].TrimStart('が');
        if (cut.StartsWith("出てくる", StringComparison.Ordinal) || EnglishPhraseAt(cut) > 0)
        {
            return Side.Before;
        }

        if (!cut.StartsWith("主人公", StringComparison.Ordinal))
        {
            return Side.None;
        }

        return resume < text.Length && text[resume] == 'は' ? Side.After : Side.Before;
    }

    /// <summary>Length of the English hero marker that starts <paramref name="text"/> (whole words), or 0.</summary>
    public static int EnglishPhraseAt(ReadOnlySpan<char> text)
    {
        foreach (var phrase in EnglishPhrases)
        {
            if (text.StartsWith(phrase, StringComparison.Ordinal) && (text.Length == phrase.Length || !char.IsLetterOrDigit(text[phrase.Length])))
            {
                return phrase.Length;
            }
        }

        return 0;
    }

    /// <summary>
    /// <paramref name="text"/> with its English hero markers blanked: they frame the story rather than tell it, so the
    /// relevance decision does not count them as content no product has. The same instance when there are none.
    /// </summary>
    public static string WithoutEnglishPhrases(string text)
    {
        char[]? blanked = null;
        for (var i = 0; i < text.Length; i++)
        {
            if ((i > 0 && char.IsLetterOrDigit(text[i - 1])) || !char.IsLetter(text[i]))
            {
                continue;
            }

            var length = EnglishPhraseAt(text.AsSpan(i));
            if (length > 0)
            {
                blanked ??= text.ToCharArray();
                blanked.AsSpan(i, length).Fill(' ');
                i += length - 1;
            }
        }

        return blanked is null ? text : new string(blanked);
    }

    /// <summary>Function words after which a hero may start ("where X deals with", "with X as the lead").</summary>
    public static bool OpensClause(ReadOnlySpan<char> word) => word is "where" or "with";
}
