using MangaAssist.Retrieval;
using MangaAssist.Retrieval.Embedded;

namespace MangaAssist.Orchestrator.Apis.CatalogSearch;

/// <summary>
/// One page of a query's results. Every page re-runs the same retrieval (deterministic for a given index) and cuts
/// the stable ordering — score descending, then id — after the cursor's position, so walking the cursors visits each
/// result once, with no gaps, even when two products tie on score.
/// </summary>
internal sealed class CatalogSearcher(IProductRetriever retriever, ProductCatalogSource catalog, CursorSigner cursors)
{
    /// <summary>The retriever's largest k: the search covers the best this many matches of a query.</summary>
    public const int TopK = RetrievalQuery.MaxTopK;

    public async Task<CatalogSearchResponse> SearchAsync(string query, int limit, SearchCursor? after, bool debug, CancellationToken cancellationToken)
    {
        var passages = await retriever.SearchAsync(new RetrievalQuery(query, TopK), cancellationToken);
        var ordered = passages
            .DistinctBy(p => p.ProductId, StringComparer.Ordinal)
            .OrderByDescending(p => p.Score)
            .ThenBy(p => p.ProductId, StringComparer.Ordinal)
            .ToList();
        var start = after is null ? 0 : ordered.FindIndex(p => IsAfter(p, after));
        if (start < 0)
        {
            start = ordered.Count;
        }

        var page = ordered.Skip(start).Take(limit).ToList();
        var next = start + page.Count < ordered.Count ? cursors.Seal(query, page[^1].Score, page[^1].ProductId) : null;
        var items = page.Select(p => CatalogItems.From(p, catalog.Catalog.Find(p.ProductId))).ToList();
        return new CatalogSearchResponse(items, next, debug ? new CatalogSearchDebug(ordered.Count, TopK, start) : null);
    }

    private static bool IsAfter(RetrievedPassage passage, SearchCursor cursor) =>
        passage.Score < cursor.LastScore
        || (passage.Score.Equals(cursor.LastScore) && string.CompareOrdinal(passage.ProductId, cursor.LastId) > 0);
}
