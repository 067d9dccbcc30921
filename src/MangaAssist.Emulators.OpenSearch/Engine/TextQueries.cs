namespace MangaAssist.Emulators.OpenSearch.Engine;

/// <summary><c>match</c>: the text through the field's search analyzer, BM25; <c>operator: and</c> requires every term.</summary>
internal sealed class MatchQuery(string field, string text, bool requireAll) : Query
{
    public override Dictionary<int, double> Evaluate(IndexSnapshot snapshot)
    {
        var mapping = snapshot.Index.Mapping.Find(field);
        return mapping switch
        {
            null => [],
            { Type: FieldType.Text } => Bm25.Score(snapshot, field, mapping.SearchAnalyzer.Analyze(text), Boost, requireAll),
            _ => new TermsQuery(field, [text]) { Boost = Boost }.Evaluate(snapshot),
        };
    }
}

/// <summary>
/// <c>multi_match</c> over <c>field^boost</c>s: <c>best_fields</c> (the best field's score plus <c>tie_breaker</c> ×
/// the others) or <c>most_fields</c> (the sum). Unmapped fields are skipped, as OpenSearch does.
/// </summary>
internal sealed class MultiMatchQuery(string text, IReadOnlyList<(string Field, double Boost)> fields, bool mostFields, double tieBreaker, bool requireAll) : Query
{
    public override Dictionary<int, double> Evaluate(IndexSnapshot snapshot)
    {
        var sums = new Dictionary<int, (double Sum, double Best)>();
        foreach (var (field, boost) in fields)
        {
            foreach (var (document, score) in new MatchQuery(field, text, requireAll) { Boost = boost }.Evaluate(snapshot))
            {
                var (sum, best) = sums.GetValueOrDefault(document);
                sums[document] = (sum + score, Math.Max(best, score));
            }
        }

        var result = new Dictionary<int, double>(sums.Count);
        foreach (var (document, (sum, best)) in sums)
        {
            result[document] = Boost * (mostFields ? sum : best + tieBreaker * (sum - best));
        }

        return result;
    }
}
