using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Embeddings;
using MangaAssist.Retrieval.Text;
using Microsoft.Extensions.Logging;

namespace MangaAssist.Retrieval.OpenSearch;

/// <summary>
/// <see cref="IProductRetriever"/> over OpenSearch: the query embedding (cached) plus the hybrid query through the
/// normalisation pipeline. Without an embedding it sends BM25 alone; if OpenSearch fails or times out it answers an
/// empty list, so the chat answers without passages instead of failing. With a <see cref="OpenSearchReranker"/> (as
/// registered) OpenSearch's hits are only the pool: the shared second stage ranks them and may answer nothing.
/// </summary>
internal sealed class OpenSearchRetriever(OpenSearchClient client, QueryEmbedder embedder, ILogger logger, OpenSearchReranker? reranker = null) : IProductRetriever
{
    public async Task<IReadOnlyList<RetrievedPassage>> SearchAsync(RetrievalQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (string.IsNullOrWhiteSpace(query.Text))
        {
            return [];
        }

        var topK = Math.Clamp(query.TopK, 1, RetrievalQuery.MaxTopK);
        var size = reranker is null ? topK : Math.Max(client.Options.PoolSize, topK);
        var vector = await embedder.EmbedAsync(query.Text, cancellationToken).ConfigureAwait(false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(client.Options.SearchTimeout);
        List<OpenSearchHit> hits;
        try
        {
            // The same understanding as the embedded index: constraints become filter clauses and leave the searched
            // text, as there. Without constraint phrases the shopper's own text goes (kuromoji prefers katakana
            // unfolded); a question of constraints only matches all.
            var normalized = TextNormalizer.Normalize(query.Text);
            var understood = reranker?.Understand(query.Text) ?? Understanding.QueryUnderstanding.Parse(normalized);
            var text = !understood.HasContent ? string.Empty
                : string.Equals(understood.Text, normalized, StringComparison.Ordinal) ? query.Text
                : understood.Text;
            text = reranker is null || text.Length == 0 ? text : reranker.FirstStageText(text);
            hits = await client.SearchFilteredAsync(text, vector ?? ReadOnlyMemory<float>.Empty, size, new SearchFilters(query.Filters, understood.Effective), timeout.Token, withEmbedding: reranker is not null).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OpenSearchException exception)
        {
            Log.OpenSearchSearchFailed(logger, exception.StatusCode, exception.ErrorType);
            return [];
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or InvalidDataException or System.Text.Json.JsonException)
        {
            Log.OpenSearchUnreachable(logger, exception.GetType().Name, exception);
            return [];
        }

        var japanese = TextNormalizer.ContainsCjk(query.Text);
        if (reranker is not null)
        {
            return Reranked(reranker.Rank(query.Text, (vector ?? ReadOnlyMemory<float>.Empty).Span, hits, topK, query.Filters), hits, japanese);
        }

        return hits
            .Select(h => new RetrievedPassage(h.Product.Id, h.Product.Title, h.Product.JapaneseTitle, h.Product.Url, PassageText.Build(h.Product, japanese), h.Score, h.Product.PriceJpy))
            .ToList();
    }

    /// <summary>The second stage's order and scores, with each passage built from OpenSearch's own copy of the product.</summary>
    private static List<RetrievedPassage> Reranked(IReadOnlyList<RetrievedPassage> ranked, List<OpenSearchHit> hits, bool japanese)
    {
        var results = new List<RetrievedPassage>(ranked.Count);
        foreach (var passage in ranked)
        {
            var product = hits.Find(h => string.Equals(h.Product.Id, passage.ProductId, StringComparison.Ordinal))!.Product;
            results.Add(new RetrievedPassage(product.Id, product.Title, product.JapaneseTitle, product.Url, PassageText.Build(product, japanese), passage.Score, product.PriceJpy));
        }

        return results;
    }
}
