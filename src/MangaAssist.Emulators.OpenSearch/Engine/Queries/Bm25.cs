namespace MangaAssist.Emulators.OpenSearch.Engine.Queries;

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

        var idf = terms.Select(t => Idf(statistics.DocumentCount, statistics.DocumentFrequency.GetValueOrDefault(t))).ToArray();
        for (var i = 0; i < snapshot.Documents.Length; i++)
        {
            var document = snapshot.Documents[i];
            if (!document.Terms.TryGetValue(field, out var frequencies))
            {
                continue;
            }

            var norm = K1 * (1 - B + B * document.Lengths[field] / Math.Max(statistics.AverageLength, 1e-9));
            double score = 0;
            var matched = 0;
            for (var t = 0; t < terms.Count; t++)
            {
                if (frequencies.TryGetValue(terms[t], out var tf))
                {
                    matched++;
                    score += idf[t] * tf / (tf + norm);
                }
            }

            if (matched > 0 && (!requireAll || matched == terms.Count))
            {
                result[i] = boost * score;
            }
        }

        return result;
    }

    private static double Idf(int documents, int frequency) => Math.Log(1 + (documents - frequency + 0.5) / (frequency + 0.5));
}
