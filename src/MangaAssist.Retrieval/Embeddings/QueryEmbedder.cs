using MangaAssist.Retrieval.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace MangaAssist.Retrieval.Embeddings;

/// <summary>
/// Query embeddings through the registered generator (Titan Text Embeddings v2 on Bedrock), cached per normalised
/// query. A failed or slow embedding call answers null, and the caller ranks by BM25 alone: retrieval degrades,
/// the chat does not fail.
/// </summary>
internal sealed class QueryEmbedder
{
    private readonly IEmbeddingGenerator<string, Embedding<float>> _generator;
    private readonly EmbeddingOptions _options;
    private readonly LruCache<string, float[]> _cache;
    private readonly ILogger _logger;
    private readonly LogThrottle _failureLines;

    public QueryEmbedder(IEmbeddingGenerator<string, Embedding<float>> generator, EmbeddingOptions options, ILogger logger, TimeProvider? time = null)
    {
        _generator = generator;
        _options = options;
        _logger = logger;
        _failureLines = new LogThrottle(FailureLinePeriod, time ?? TimeProvider.System);
        _cache = new LruCache<string, float[]>(options.QueryCacheSize, StringComparer.Ordinal);
    }

    /// <summary>At most one "embedding failed" line per period: a slow Bedrock fails every question of a burst alike.</summary>
    public static TimeSpan FailureLinePeriod { get; } = TimeSpan.FromSeconds(10);

    public int CachedCount => _cache.Count;

    /// <summary>Cache key: the normalised text with runs of whitespace collapsed and the ends trimmed.</summary>
    public static string CacheKey(string query) => string.Join(' ', TextNormalizer.Normalize(query).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public async ValueTask<float[]?> EmbedAsync(string query, CancellationToken cancellationToken)
    {
        var key = CacheKey(query);
        if (key.Length == 0)
        {
            return null;
        }

        if (_cache.TryGet(key, out var cached))
        {
            return cached;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.QueryTimeout);
        try
        {
            var generated = await _generator.GenerateAsync(
                [key],
                new EmbeddingGenerationOptions { ModelId = _options.ModelId, Dimensions = _options.Dimensions },
                timeout.Token).ConfigureAwait(false);
            if (generated.Count != 1 || generated[0].Vector.Length != _options.Dimensions)
            {
                Log.QueryEmbeddingUnusable(_logger, generated.Count == 1 ? generated[0].Vector.Length : -1, _options.Dimensions);
                return null;
            }

            var vector = generated[0].Vector.ToArray();
            VectorMath.Normalize(vector);
            _cache.Set(key, vector);
            return vector;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            // Our own timeout's stack says nothing the type does not. Other failures keep theirs. Under a burst on a slow
            // Bedrock every question fails alike: one line per period, with how many more there were.
            if (_failureLines.TryEnter(out var held))
            {
                Log.QueryEmbeddingFailed(_logger, exception.GetType().Name, held, exception is OperationCanceledException ? null : exception);
            }
            return null;
        }
    }
}
