namespace MangaAssist.Retrieval;

/// <summary>What to look for: the shopper's words, how many results, and optional hard filters.</summary>
/// <param name="Text">The question as the shopper wrote it (English, Japanese or both).</param>
/// <param name="TopK">How many passages to return (1–50).</param>
/// <param name="Filters">Restrictions every result must satisfy; null for none.</param>
public sealed record RetrievalQuery(string Text, int TopK = 5, RetrievalFilters? Filters = null)
{
    public const int MaxTopK = 50;
}
