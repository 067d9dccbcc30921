namespace MangaAssist.Emulators.OpenSearch.Engine;

/// <summary>
/// Lucene's BM25 (k1 1.2, b 0.75, idf ln(1 + (N − n + 0.5) / (n + 0.5)), no (k1 + 1) factor) of a bag of query terms
/// against one text field: each query term adds its share, so a term twice in the query counts twice.
/// </summary>
internal static class Bm25
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    /// <summary>Scores every document with at least one of the terms (and all of them with <paramref name="requireAll"/>).</summary>
    public static Dictionary<int, double> Score(IndexSnapshot snapshot, string field, IReadOnlyList<string> terms, double boost, bool requireAll)
    {
        var result = new Dictionary<int, double>();
        if (terms.Count == 0 || !snapshot.Statistics.TryGetValue(field, out var statistics))
        {
            return result;
        }

        var matched = new Dictionary<int, int>();
        foreach (var term in terms)
        {
            if (!statistics.Postings.TryGetValue(term, out var postings))
            {
                continue;
            }

            var idf = Idf(statistics.DocumentCount, postings.Count);
            foreach (var (document, tf) in postings)
            {
                var norm = K1 * (1 - B + B * snapshot.Documents[document].Lengths[field] / Math.Max(statistics.AverageLength, 1e-9));
                result[document] = result.GetValueOrDefault(document) + boost * idf * tf / (tf + norm);
                matched[document] = matched.GetValueOrDefault(document) + 1;
            }
        }

        if (requireAll)
        {
            foreach (var (document, count) in matched)
            {
                if (count < terms.Count)
                {
                    result.Remove(document);
                }
            }
        }

        return result;
    }

    private static double Idf(int documents, int frequency) => Math.Log(1 + (documents - frequency + 0.5) / (frequency + 0.5));
}
