namespace MangaAssist.Emulators.OpenSearch.Engine;

/// <summary><c>hybrid</c>: sub-queries scored separately; a search pipeline's normalization processor fuses them.</summary>
internal sealed class HybridQuery(IReadOnlyList<Query> queries, int paginationDepth) : Query
{
    /// <summary>OpenSearch's default <c>pagination_depth</c>: results of each sub-query that enter normalisation.</summary>
    public const int DefaultDepth = 10;

    public IReadOnlyList<Query> Queries => queries;

    public int PaginationDepth => paginationDepth;

    /// <summary>Outside a pipeline the scores cannot be fused: the search refuses it before evaluating.</summary>
    public override Dictionary<int, double> Evaluate(IndexSnapshot snapshot) =>
        throw OpenSearchError.IllegalArgument("hybrid query must be used with a search pipeline that has a normalization processor");
}
