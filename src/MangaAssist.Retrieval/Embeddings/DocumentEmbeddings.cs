using System.Security.Cryptography;
using System.Text;
using MangaAssist.Retrieval.Catalog;
using Microsoft.Extensions.AI;

namespace MangaAssist.Retrieval.Embeddings;

/// <summary>
/// Embeds every product (bounded-parallel batches through the generator) and fingerprints what was embedded, so a
/// <see cref="DocumentVectorCache"/> file is reused only when the model, the size and every embedded text are the same.
/// </summary>
internal static class DocumentEmbeddings
{
    /// <returns>Row-major vectors, <paramref name="dimensions"/> floats per product.</returns>
    public static async Task<float[]> ComputeAsync(
        IEmbeddingGenerator<string, Embedding<float>> generator,
        IReadOnlyList<MangaProduct> products,
        string modelId,
        int dimensions,
        int batchSize,
        int parallelism,
        CancellationToken cancellationToken)
    {
        var texts = products.Select(PassageText.ForEmbedding).ToArray();
        var vectors = new float[products.Count * dimensions];
        var batches = (texts.Length + batchSize - 1) / batchSize;
        var options = new EmbeddingGenerationOptions { ModelId = modelId, Dimensions = dimensions };

        await Parallel.ForEachAsync(
            Enumerable.Range(0, batches),
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (batch, token) =>
            {
                var start = batch * batchSize;
                var count = Math.Min(batchSize, texts.Length - start);
                var generated = await generator.GenerateAsync(new ArraySegment<string>(texts, start, count), options, token).ConfigureAwait(false);
                if (generated.Count != count)
                {
                    throw new InvalidOperationException($"The embedding generator returned {generated.Count} embeddings for {count} texts.");
                }

                for (var i = 0; i < count; i++)
                {
                    var vector = generated[i].Vector.Span;
                    if (vector.Length != dimensions)
                    {
                        throw new InvalidOperationException($"The embedding generator returned {vector.Length} dimensions; {dimensions} were asked for.");
                    }

                    vector.CopyTo(vectors.AsSpan((start + i) * dimensions, dimensions));
                }
            }).ConfigureAwait(false);

        return vectors;
    }

    public static byte[] Fingerprint(IReadOnlyList<MangaProduct> products, string modelId, int dimensions)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // The format version is hashed too: a change to what is embedded per product must not reuse old vectors.
        hash.AppendData(Encoding.UTF8.GetBytes($"document-vectors/2\n{modelId}\n{dimensions}\n{products.Count}\n"));
        foreach (var product in products)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(product.Id + "\n" + PassageText.ForEmbedding(product) + "\n"));
        }

        return hash.GetHashAndReset();
    }
}
