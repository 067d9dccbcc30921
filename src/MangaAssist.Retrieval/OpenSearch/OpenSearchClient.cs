using MangaAssist.Retrieval.Catalog;

namespace MangaAssist.Retrieval.OpenSearch;

/// <summary>The few OpenSearch operations MangaAssist needs: bootstrap the index and pipeline, bulk-index, hybrid search.</summary>
internal sealed class OpenSearchClient(OpenSearchTransport transport, OpenSearchRetrievalOptions options)
{
    private const string Json = "application/json";
    private const string NdJson = "application/x-ndjson";

    public OpenSearchRetrievalOptions Options => options;

    public async Task<bool> IndexExistsAsync(CancellationToken cancellationToken)
    {
        using var response = await transport.SendAsync(HttpMethod.Head, "/" + Uri.EscapeDataString(options.IndexName), string.Empty, default, null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task PutSearchPipelineAsync(CancellationToken cancellationToken)
    {
        using var response = await transport.SendAsync(HttpMethod.Put, "/_search/pipeline/" + Uri.EscapeDataString(options.SearchPipeline), string.Empty,
            OpenSearchSearchPipeline.Build(options), Json, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
    }

    public async Task CreateIndexAsync(int dimensions, CancellationToken cancellationToken)
    {
        using var response = await transport.SendAsync(HttpMethod.Put, "/" + Uri.EscapeDataString(options.IndexName), string.Empty,
            OpenSearchIndexDefinition.Build(options, dimensions), Json, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
    }

    public async Task<BulkResult> BulkAsync(IReadOnlyList<MangaProduct> products, ReadOnlyMemory<float> vectors, int dimensions, CancellationToken cancellationToken)
    {
        var body = OpenSearchBulkBody.Build(products, vectors.Span, dimensions, options);
        using var response = await transport.SendAsync(HttpMethod.Post, "/_bulk", string.Empty, body, NdJson, cancellationToken).ConfigureAwait(false);
        var bytes = await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return OpenSearchResponses.ReadBulk(bytes);
    }

    /// <summary>Hybrid search through the pipeline, or plain BM25 when <paramref name="vector"/> is empty.</summary>
    public Task<List<OpenSearchHit>> SearchAsync(string text, ReadOnlyMemory<float> vector, int size, RetrievalFilters? filters, CancellationToken cancellationToken) =>
        SearchFilteredAsync(text, vector, size, new SearchFilters(filters, Understanding.QueryConstraints.None), cancellationToken);

    public async Task<List<OpenSearchHit>> SearchFilteredAsync(string text, ReadOnlyMemory<float> vector, int size, SearchFilters filters, CancellationToken cancellationToken, bool withEmbedding = false)
    {
        var body = OpenSearchSearchQuery.BuildFiltered(text, vector.Span, size, filters, options, withEmbedding);
        var query = vector.IsEmpty ? string.Empty : "search_pipeline=" + Uri.EscapeDataString(options.SearchPipeline);
        using var response = await transport.SendAsync(HttpMethod.Post, "/" + Uri.EscapeDataString(options.IndexName) + "/_search", query, body, Json, cancellationToken).ConfigureAwait(false);
        var bytes = await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return OpenSearchResponses.ReadSearch(bytes);
    }

    private static async Task<byte[]> EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var (type, reason) = OpenSearchResponses.ReadError(bytes);
            throw new OpenSearchException((int)response.StatusCode, type, reason);
        }

        return bytes;
    }
}
