using MangaAssist.Retrieval.Embeddings;
using Microsoft.Extensions.Logging;

namespace MangaAssist.Retrieval.Embedded;

/// <summary>
/// <see cref="IProductRetriever"/> over the in-process hybrid index. The query is embedded (cached per normalised
/// text); without an embedding the ranking falls back to BM25. Before the index is built a search waits at most
/// <see cref="EmbeddedRetrievalOptions.NotReadyWait"/> and then answers an empty list.
/// </summary>
internal sealed class EmbeddedHybridRetriever : IProductRetriever
{
    private readonly EmbeddedIndexState _state;
    private readonly QueryEmbedder _embedder;
    private readonly EmbeddedRetrievalOptions _options;
    private readonly ILogger _logger;

    public EmbeddedHybridRetriever(EmbeddedIndexState state, QueryEmbedder embedder, EmbeddedRetrievalOptions options, ILogger logger)
    {
        _state = state;
        _embedder = embedder;
        _options = options;
        _logger = logger;
    }

    public async Task<IReadOnlyList<RetrievedPassage>> SearchAsync(RetrievalQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (string.IsNullOrWhiteSpace(query.Text))
        {
            return [];
        }

        var index = await _state.GetAsync(_options.NotReadyWait, cancellationToken).ConfigureAwait(false);
        if (index is null)
        {
            Log.IndexNotReady(_logger, _options.NotReadyWait.TotalMilliseconds);
            return [];
        }

        var vector = index.Dimensions > 0 ? await EmbedOrNullAsync(query.Text, cancellationToken).ConfigureAwait(false) : null;
        return index.Search(query.Text, vector, query.TopK, query.Filters, _options.AbstainBelow);
    }

    // The caller's time ran out while Bedrock embedded the question (a burst on a busy host): the lexical ranking is
    // local and takes about a millisecond, so it still answers rather than leaving the answer without any passage.
    private async ValueTask<float[]?> EmbedOrNullAsync(string text, CancellationToken cancellationToken)
    {
        try
        {
            return await _embedder.EmbedAsync(text, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.QueryEmbeddingOutOfTime(_logger);
            return null;
        }
    }
}
