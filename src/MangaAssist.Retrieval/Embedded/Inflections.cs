namespace MangaAssist.Retrieval.Embedded;

/// <summary>
/// English verb and noun endings the index's plural-only stemming leaves apart: a shopper's "training" or
/// "reincarnated" is looked up as the catalog's "train" or "reincarnate" when the word itself is unknown.
/// </summary>
internal static class Inflections
{
    private static readonly (string Ending, string Replacement)[] Endings =
    [
        ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("ies", "y"), ("es", ""), ("ly", ""),
    ];

    /// <summary>The term of a known base form of <paramref name="word"/> (no kind prefix), or false.</summary>
    public static bool TryBase(Bm25Index index, ReadOnlySpan<char> word, out int termId)
    {
        Span<char> candidate = stackalloc char[word.Length + 2];
        foreach (var (ending, replacement) in Endings)
        {
            if (word.Length - ending.Length < 3 || !word.EndsWith(ending, StringComparison.Ordinal))
            {
                continue;
            }

            candidate[0] = 'w';
            var stem = word[..^ending.Length];
            stem.CopyTo(candidate[1..]);
            replacement.AsSpan().CopyTo(candidate[(stem.Length + 1)..]);
            if (index.TryGetTerm(candidate[..(stem.Length + replacement.Length + 1)], out termId))
            {
                return true;
            }
        }

        termId = -1;
        return false;
    }
}
