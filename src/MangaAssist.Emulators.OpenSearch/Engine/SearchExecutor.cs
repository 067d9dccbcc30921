namespace MangaAssist.Emulators.OpenSearch.Engine;

/// <summary>One scored hit of a search.</summary>
internal sealed record SearchHit(StoredDocument Document, double Score);

/// <summary>A search's outcome: the page of hits and how many documents matched.</summary>
internal sealed record SearchOutcome(IReadOnlyList<SearchHit> Hits, int Total);

/// <summary>
/// Runs a <see cref="SearchRequest"/> on a snapshot. A <c>hybrid</c> query needs a pipeline with a normalization
/// processor: each sub-query keeps its best <c>pagination_depth</c> documents (at least from + size; a <c>knn</c> at most its <c>k</c>), the pipeline fuses
/// them. Ties go to the earlier-indexed document, as Lucene's doc order does.
/// </summary>
internal static class SearchExecutor
{
    public static SearchOutcome Run(IndexSnapshot snapshot, SearchRequest request, SearchPipeline? pipeline)
    {
        Dictionary<int, double> scores;
        if (request.Query is HybridQuery hybrid)
        {
            if (pipeline is not { Normalizes: true })
            {
                throw OpenSearchError.IllegalArgument("hybrid query must be used with a search pipeline that has a normalization processor");
            }

            var depth = Math.Max(hybrid.PaginationDepth, request.From + request.Size);
            var lists = hybrid.Queries.Select(q => Top(q.Evaluate(snapshot), depth)).ToList();
            scores = pipeline.Combine(lists);
        }
        else
        {
            scores = request.Query.Evaluate(snapshot);
        }

        var hits = scores
            .OrderByDescending(s => s.Value).ThenBy(s => s.Key)
            .Skip(request.From).Take(request.Size)
            .Select(s => new SearchHit(snapshot.Documents[s.Key], s.Value))
            .ToList();
        return new SearchOutcome(hits, scores.Count);
    }

    private static Dictionary<int, double> Top(Dictionary<int, double> scores, int count) =>
        scores.OrderByDescending(s => s.Value).ThenBy(s => s.Key).Take(count).ToDictionary(s => s.Key, s => s.Value);
}
