namespace MangaAssist.Retrieval.Evaluation;

/// <summary>Ranking metrics of one question. A product is relevant when its grade is at least 1.</summary>
public static class RetrievalMetrics
{
    /// <summary>
    /// Share of the relevant products found in the first <paramref name="k"/> results, out of at most <paramref name="k"/>
    /// (capped recall: a filter question with 30 matching products scores 1 when its first five all match).
    /// </summary>
    public static double RecallAt(int k, IReadOnlyList<string> ranked, IReadOnlyList<RelevantProduct> relevant)
    {
        if (relevant.Count == 0)
        {
            return 0;
        }

        var top = ranked.Take(k).ToHashSet(StringComparer.Ordinal);
        return relevant.Count(r => top.Contains(r.ProductId)) / (double)Math.Min(k, relevant.Count);
    }

    /// <summary>1 / rank of the first relevant result; 0 when none is returned.</summary>
    public static double ReciprocalRank(IReadOnlyList<string> ranked, IReadOnlyList<RelevantProduct> relevant)
    {
        var ids = relevant.Select(r => r.ProductId).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < ranked.Count; i++)
        {
            if (ids.Contains(ranked[i]))
            {
                return 1.0 / (i + 1);
            }
        }

        return 0;
    }

    /// <summary>Normalised discounted cumulative gain with gain 2^grade − 1 and discount log2(rank + 1).</summary>
    public static double NdcgAt(int k, IReadOnlyList<string> ranked, IReadOnlyList<RelevantProduct> relevant)
    {
        var grades = relevant.ToDictionary(r => r.ProductId, r => r.Grade, StringComparer.Ordinal);
        var dcg = 0.0;
        for (var i = 0; i < Math.Min(k, ranked.Count); i++)
        {
            if (grades.TryGetValue(ranked[i], out var grade))
            {
                dcg += Gain(grade) / Math.Log2(i + 2);
            }
        }

        var ideal = relevant.Select(r => r.Grade).OrderDescending().Take(k).Select((grade, i) => Gain(grade) / Math.Log2(i + 2)).Sum();
        return ideal == 0 ? 0 : dcg / ideal;
    }

    private static double Gain(int grade) => Math.Pow(2, grade) - 1;
}
