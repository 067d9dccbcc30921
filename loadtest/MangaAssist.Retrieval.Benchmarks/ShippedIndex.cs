using MangaAssist.Emulators.Bedrock.Embeddings;
using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Embedded;
using MangaAssist.Retrieval.Embeddings;

namespace MangaAssist.Retrieval.Benchmarks;

/// <summary>
/// The shipped catalog indexed as the service does (default options), with the Bedrock emulator's embedding
/// function for documents and queries, so every benchmark and the result dump search the same index.
/// </summary>
internal static class ShippedIndex
{
    /// <summary>The service's variable for the embedding size; set it to benchmark another size (also reaches BenchmarkDotNet's child processes).</summary>
    public const string DimensionsVariable = "Retrieval__Embeddings__Dimensions";

    /// <summary>Default options, with the embedding size from <see cref="DimensionsVariable"/> when set (256, 512 or 1024).</summary>
    public static RetrievalOptions Options()
    {
        var options = new RetrievalOptions();
        if (Environment.GetEnvironmentVariable(DimensionsVariable) is { Length: > 0 } value)
        {
            options.Embeddings.Dimensions = int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var dimensions) && FeatureHashingEmbedder.SupportedDimensions.Contains(dimensions)
                ? dimensions
                : throw new InvalidOperationException($"{DimensionsVariable} must be 256, 512 or 1024 (was '{value}').");
        }

        return options;
    }

    public static EmbeddedProductIndex Build(RetrievalOptions options) => Build(options, out _);

    /// <param name="options">Default options, or changed ones.</param>
    /// <param name="vectors">The row-major document vectors the index holds (normalised).</param>
    public static EmbeddedProductIndex Build(RetrievalOptions options, out float[] vectors)
    {
        var catalog = ProductCatalog.LoadShipped();
        var dimensions = options.Embeddings.Dimensions;
        vectors = new float[catalog.Products.Count * dimensions];
        for (var i = 0; i < catalog.Products.Count; i++)
        {
            FeatureHashingEmbedder.Embed(PassageText.ForEmbedding(catalog.Products[i]), dimensions, normalize: true).CopyTo(vectors, i * dimensions);
        }

        return EmbeddedProductIndex.Build(catalog.Products, vectors, dimensions, options.Embedded.ToSettings());
    }

    /// <summary>The query's vector as the service would get it (cache key = normalised question).</summary>
    public static float[] QueryVector(string text, int dimensions) =>
        FeatureHashingEmbedder.Embed(QueryEmbedder.CacheKey(text), dimensions, normalize: true);
}
