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

    internal static async Task<EmbeddedProductIndex> BuildAsync(
        ProductCatalog catalog,
        IEmbeddingGenerator<string, Embedding<float>> generator,
        RetrievalOptions options,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var products = catalog.Products;
        var model = options.Embeddings.ModelId;
        var dimensions = options.Embeddings.Dimensions;
        var cachePath = options.Embedded.EmbeddingCachePath;
        var fingerprint = DocumentEmbeddings.Fingerprint(products, model, dimensions);

        var vectors = string.IsNullOrEmpty(cachePath) ? null : DocumentEmbeddings.TryLoad(cachePath, fingerprint, products.Count, dimensions);
        var fromCache = vectors is not null;
        if (vectors is null)
        {
            vectors = await DocumentEmbeddings.ComputeAsync(
                generator, products, model, dimensions, options.Embedded.EmbeddingBatchSize, options.Embedded.EmbeddingParallelism, cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(cachePath))
            {
                DocumentEmbeddings.Save(cachePath, fingerprint, products.Count, dimensions, vectors);
            }
        }

        var index = EmbeddedProductIndex.Build(products, vectors, dimensions, options.Embedded.ToSettings());
        var elapsed = Stopwatch.GetElapsedTime(started);
        Log.IndexBuilt(logger, products.Count, index.Bm25.TermCount, dimensions, fromCache, elapsed.TotalMilliseconds);
        return index;
    }
}
