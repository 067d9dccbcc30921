namespace MangaAssist.Retrieval.Embedded;

/// <summary>
/// Where a question marks its hero: the facet before が主人公 or が出てくる ("Xが主人公の…", "Xが出てくる…") or the
/// one after 主人公は ("主人公はX").
/// </summary>
internal static class HeroMarker
{
    public const int None = 0;
    public const int Before = 1;
    public const int After = 2;

    /// <summary>What the boundary text[<paramref name="boundary"/>..<paramref name="resume"/>) says of the facets around it.</summary>
    public static int At(ReadOnlySpan<char> text, int boundary, int resume)
    {
        var cut = text[boundary..resume];
        if (cut.StartsWith("が出てくる", StringComparison.Ordinal) || cut.StartsWith("出てくる", StringComparison.Ordinal))
        {
            return Before;
        }

        if (!cut.StartsWith("が主人公", StringComparison.Ordinal) && !cut.StartsWith("主人公", StringComparison.Ordinal))
        {
            return None;
        }

        return resume < text.Length && text[resume] == 'は' ? After : Before;
    }
}
