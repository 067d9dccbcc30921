using System.Diagnostics;
using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MangaAssist.Retrieval.Embedded;

/// <summary>Builds the embedded index: the catalog, its document embeddings (from the cache file or the generator), BM25.</summary>
public static class EmbeddedIndexBuilder
{
    /// <summary>Builds an <see cref="IProductRetriever"/> over <paramref name="catalog"/>, ready when this returns (for tools and tests).</summary>
    public static async Task<IProductRetriever> BuildRetrieverAsync(
        ProductCatalog catalog,
        IEmbeddingGenerator<string, Embedding<float>> generator,
        RetrievalOptions options,
        CancellationToken cancellationToken,
        ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        var state = new EmbeddedIndexState();
        state.Publish(await BuildAsync(catalog, generator, options, logger, cancellationToken).ConfigureAwait(false));
        return new EmbeddedHybridRetriever(state, new QueryEmbedder(generator, options.Embeddings, logger), options.Embedded, logger);
    }

    /// <summary>Builds with the vector cache at exactly <see cref="EmbeddedRetrievalOptions.EmbeddingCachePath"/> (none when unset).</summary>
    internal static Task<EmbeddedProductIndex> BuildAsync(
        ProductCatalog catalog,
        IEmbeddingGenerator<string, Embedding<float>> generator,
        RetrievalOptions options,
        ILogger logger,
        CancellationToken cancellationToken) =>
        BuildAsync(catalog, generator, options, VectorCacheFile.At(options.Embedded.EmbeddingCachePath), logger, cancellationToken);

    internal static async Task<EmbeddedProductIndex> BuildAsync(
        ProductCatalog catalog,
        IEmbeddingGenerator<string, Embedding<float>> generator,
        RetrievalOptions options,
        VectorCacheFile cache,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var products = catalog.Products;
        var dimensions = options.Embeddings.Dimensions;
        var (vectors, fromCache) = await DocumentVectorCache.LoadOrComputeAsync(generator, products, options, cache, logger, cancellationToken).ConfigureAwait(false);
        var index = EmbeddedProductIndex.Build(products, vectors, dimensions, options.Embedded.ToSettings());
        var elapsed = Stopwatch.GetElapsedTime(started);
        Log.IndexBuilt(logger, products.Count, index.Bm25.TermCount, dimensions, fromCache, elapsed.TotalMilliseconds);
        return index;
    }
}
