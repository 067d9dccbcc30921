using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Embeddings;
using MangaAssist.Retrieval.Text;
using Microsoft.Extensions.Logging;

namespace MangaAssist.Retrieval.OpenSearch;

/// <summary>
/// <see cref="IProductRetriever"/> over OpenSearch: the query embedding (cached) plus the hybrid query through the
/// normalisation pipeline. Without an embedding it sends BM25 alone; if OpenSearch fails or times out it answers an
/// empty list, so the chat answers without passages instead of failing.
/// </summary>
internal sealed class OpenSearchRetriever(OpenSearchClient client, QueryEmbedder embedder, ILogger logger) : IProductRetriever
{
    public async Task<IReadOnlyList<RetrievedPassage>> SearchAsync(RetrievalQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (string.IsNullOrWhiteSpace(query.Text))
        {
            return [];
        }

        var size = Math.Clamp(query.TopK, 1, RetrievalQuery.MaxTopK);
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
            var understood = Understanding.QueryUnderstanding.Parse(normalized);
            var text = !understood.HasContent ? string.Empty
                : string.Equals(understood.Text, normalized, StringComparison.Ordinal) ? query.Text
                : understood.Text;
            hits = await client.SearchFilteredAsync(text, vector ?? ReadOnlyMemory<float>.Empty, size, new SearchFilters(query.Filters, understood.Effective), timeout.Token).ConfigureAwait(false);
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
        return hits
            .Select(h => new RetrievedPassage(h.Product.Id, h.Product.Title, h.Product.JapaneseTitle, h.Product.Url, PassageText.Build(h.Product, japanese), h.Score, h.Product.PriceJpy))
            .ToList();
    }
}
