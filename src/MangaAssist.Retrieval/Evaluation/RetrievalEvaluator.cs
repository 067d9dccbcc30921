namespace MangaAssist.Retrieval.Evaluation;

/// <summary>Runs the evaluation questions through a retriever and averages recall@5, MRR and nDCG@10.</summary>
public static class RetrievalEvaluator
{
    public const int RecallDepth = 5;
    public const int NdcgDepth = 10;

    public static async Task<EvaluationReport> RunAsync(IProductRetriever retriever, IReadOnlyList<EvaluationQuery> queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(retriever);
        ArgumentNullException.ThrowIfNull(queries);
        var results = new List<QueryResult>(queries.Count);
        foreach (var query in queries)
        {
            var passages = await retriever.SearchAsync(new RetrievalQuery(query.Text, NdcgDepth), cancellationToken).ConfigureAwait(false);
            var ranked = passages.Select(p => p.ProductId).ToList();
            if (query.Relevant.Count == 0)
            {
                // Nothing in the catalog answers it: the only right result is none (the retriever abstained).
                var abstained = ranked.Count == 0 ? 1 : 0;
                results.Add(new QueryResult(query, ranked, abstained, abstained, abstained));
                continue;
            }

            results.Add(new QueryResult(
                query,
                ranked,
                RetrievalMetrics.RecallAt(RecallDepth, ranked, query.Relevant),
                RetrievalMetrics.ReciprocalRank(ranked, query.Relevant),
                RetrievalMetrics.NdcgAt(NdcgDepth, ranked, query.Relevant)));
        }

        return new EvaluationReport(results);
    }
}

/// <summary>The outcome of one question.</summary>
public sealed record QueryResult(EvaluationQuery Query, IReadOnlyList<string> Ranked, double Recall, double ReciprocalRank, double Ndcg);

/// <summary>Mean metrics over a set of questions.</summary>
public sealed record MetricSummary(string Name, int Queries, double RecallAt5, double Mrr, double NdcgAt10)
{
    public static MetricSummary Of(string name, IReadOnlyCollection<QueryResult> results) => results.Count == 0
        ? new MetricSummary(name, 0, 0, 0, 0)
        : new MetricSummary(name, results.Count, results.Average(r => r.Recall), results.Average(r => r.ReciprocalRank), results.Average(r => r.Ndcg));
}

/// <summary>All results, summarised overall, per split, per language and per kind of question.</summary>
public sealed record EvaluationReport(IReadOnlyList<QueryResult> Results)
{
    public MetricSummary Overall => MetricSummary.Of("overall", [.. Results]);

    public IReadOnlyList<MetricSummary> BySplit => Group(r => r.Query.Split.ToString().ToLowerInvariant());

    public IReadOnlyList<MetricSummary> ByLanguage => Group(r => r.Query.Language.ToString().ToLowerInvariant());

    public IReadOnlyList<MetricSummary> ByKind => Group(r => r.Query.Kind.ToString());

    /// <summary>Per split and kind ("test/Romaji"): the bar is per kind on the held-out split.</summary>
    public IReadOnlyList<MetricSummary> BySplitAndKind => Group(r => r.Query.Split.ToString().ToLowerInvariant() + "/" + r.Query.Kind);

    /// <summary>Answerable questions for which the retriever returned nothing.</summary>
    public double FalseAbstentionRate(EvaluationSplit? split = null) => Rate(r => r.Query.Relevant.Count > 0 && (split is null || r.Query.Split == split), r => r.Ranked.Count == 0);

    /// <summary>Questions with no relevant product for which the retriever returned nothing.</summary>
    public double AbstentionRate(EvaluationSplit? split = null) => Rate(r => r.Query.Relevant.Count == 0 && (split is null || r.Query.Split == split), r => r.Ranked.Count == 0);

    private double Rate(Func<QueryResult, bool> among, Func<QueryResult, bool> counted)
    {
        var pool = Results.Where(among).ToList();
        return pool.Count == 0 ? 0 : pool.Count(counted) / (double)pool.Count;
    }

    private List<MetricSummary> Group(Func<QueryResult, string> key) =>
        Results.GroupBy(key).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => MetricSummary.Of(g.Key, [.. g])).ToList();
}
