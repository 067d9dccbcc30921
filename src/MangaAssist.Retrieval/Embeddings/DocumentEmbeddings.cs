using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using MangaAssist.Retrieval.Catalog;
using Microsoft.Extensions.AI;

namespace MangaAssist.Retrieval.Embeddings;

/// <summary>
/// Embeds every product once (bounded-parallel batches through the generator) and optionally keeps the result in a
/// cache file, reused only when the model, the size and every embedded text are the same (a SHA-256 fingerprint).
/// </summary>
internal static class DocumentEmbeddings
{
    private static readonly byte[] Magic = "MAEMB001"u8.ToArray();

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
        hash.AppendData(Encoding.UTF8.GetBytes($"{modelId}\n{dimensions}\n"));
        foreach (var product in products)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(product.Id + "\n" + PassageText.ForEmbedding(product) + "\n"));
        }

        return hash.GetHashAndReset();
    }

    /// <summary>The cached vectors, or null when the file is missing, unreadable or for other inputs.</summary>
    public static float[]? TryLoad(string path, byte[] fingerprint, int count, int dimensions)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var bytes = File.ReadAllBytes(path);
            var header = Magic.Length + fingerprint.Length + 8;
            if (bytes.Length != header + count * dimensions * sizeof(float)
                || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic)
                || !bytes.AsSpan(Magic.Length, fingerprint.Length).SequenceEqual(fingerprint)
                || BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(Magic.Length + fingerprint.Length)) != count
                || BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(Magic.Length + fingerprint.Length + 4)) != dimensions)
            {
                return null;
            }

            var vectors = new float[count * dimensions];
            bytes.AsSpan(header).CopyTo(MemoryMarshal.AsBytes(vectors.AsSpan()));
            if (!BitConverter.IsLittleEndian)
            {
                return null;
            }

            return vectors;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Writes the cache atomically (temporary file, then rename).</summary>
    public static void Save(string path, byte[] fingerprint, int count, int dimensions, float[] vectors)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = path + ".tmp";
        using (var file = File.Create(temporary))
        {
            file.Write(Magic);
            file.Write(fingerprint);
            Span<byte> sizes = stackalloc byte[8];
            BinaryPrimitives.WriteInt32LittleEndian(sizes, count);
            BinaryPrimitives.WriteInt32LittleEndian(sizes[4..], dimensions);
            file.Write(sizes);
            file.Write(MemoryMarshal.AsBytes(vectors.AsSpan()));
        }

        File.Move(temporary, path, overwrite: true);
    }
}
