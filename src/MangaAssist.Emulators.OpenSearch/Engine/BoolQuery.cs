namespace MangaAssist.Emulators.OpenSearch.Engine;

/// <summary>
/// <c>bool</c>: <c>must</c> (all match, scores add), <c>filter</c> (all match, no score), <c>should</c> (scores add;
/// at least <c>minimum_should_match</c> match — 1 when there is no must or filter, else 0), <c>must_not</c>.
/// </summary>
internal sealed class BoolQuery(IReadOnlyList<Query> must, IReadOnlyList<Query> filter, IReadOnlyList<Query> should, IReadOnlyList<Query> mustNot, int? minimumShouldMatch) : Query
{
    public override Dictionary<int, double> Evaluate(IndexSnapshot snapshot)
    {
        var required = minimumShouldMatch ?? (must.Count == 0 && filter.Count == 0 && should.Count > 0 ? 1 : 0);
        var excluded = new HashSet<int>(mustNot.SelectMany(q => q.Evaluate(snapshot).Keys));
        var mustResults = must.Select(q => q.Evaluate(snapshot)).ToList();
        var filterResults = filter.Select(q => q.Evaluate(snapshot)).ToList();
        var shouldResults = should.Select(q => q.Evaluate(snapshot)).ToList();
        var result = new Dictionary<int, double>();
        for (var i = 0; i < snapshot.Documents.Length; i++)
        {
            if (excluded.Contains(i) || !mustResults.All(r => r.ContainsKey(i)) || !filterResults.All(r => r.ContainsKey(i)))
            {
                continue;
            }

            var matched = 0;
            var score = mustResults.Sum(r => r[i]);
            foreach (var r in shouldResults)
            {
                if (r.TryGetValue(i, out var s))
                {
                    matched++;
                    score += s;
                }
            }

            if (matched >= required)
            {
                // Only filters, or nothing at all: OpenSearch scores these 0 and 1 (a bool with no clause is match_all).
                var clauses = must.Count + should.Count + filter.Count + mustNot.Count;
                result[i] = Boost * (clauses == 0 ? 1 : score);
            }
        }

        return result;
    }
}
