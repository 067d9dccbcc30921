using System.Buffers.Binary;
using System.Runtime.InteropServices;
using MangaAssist.Retrieval.Catalog;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace MangaAssist.Retrieval.Embeddings;

/// <summary>
/// Document vectors kept on disk between starts, so a start with a warm cache asks the embedding model for nothing.
/// The file is a header (magic, SHA-256 fingerprint of what was embedded, count, dimensions) and then the vectors as
/// little-endian float32, row by row; one that is unreadable or for other inputs is ignored and rewritten.
/// </summary>
internal static class DocumentVectorCache
{
    private static readonly byte[] Magic = "MAEMB002"u8.ToArray();

    private static int HeaderLength(byte[] fingerprint) => Magic.Length + fingerprint.Length + 2 * sizeof(int);

    /// <summary>The vectors from <paramref name="file"/> when it holds them, else computed by the generator and written there.</summary>
    public static async Task<(float[] Vectors, bool FromCache)> LoadOrComputeAsync(
        IEmbeddingGenerator<string, Embedding<float>> generator,
        IReadOnlyList<MangaProduct> products,
        RetrievalOptions options,
        VectorCacheFile file,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var (model, dimensions) = (options.Embeddings.ModelId, options.Embeddings.Dimensions);
        var fingerprint = DocumentEmbeddings.Fingerprint(products, model, dimensions);
        var path = file.PathFor(fingerprint);
        if (path is not null && TryLoad(path, fingerprint, products.Count, dimensions, logger) is { } cached)
        {
            return (cached, true);
        }

        var vectors = await DocumentEmbeddings.ComputeAsync(
            generator, products, model, dimensions, options.Embedded.EmbeddingBatchSize, options.Embedded.EmbeddingParallelism, cancellationToken).ConfigureAwait(false);
        if (path is not null)
        {
            TrySave(path, fingerprint, products.Count, dimensions, vectors, logger);
        }

        return (vectors, false);
    }

    /// <summary>The cached vectors, or null when the file is missing, unreadable or for other inputs (said once, at Information).</summary>
    public static float[]? TryLoad(string path, byte[] fingerprint, int count, int dimensions, ILogger logger)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var bytes = File.ReadAllBytes(path);
            var header = HeaderLength(fingerprint);
            var reason = Mismatch(bytes, fingerprint, count, dimensions);
            if (reason is not null)
            {
                VectorCacheLog.Ignored(logger, path, reason);
                return null;
            }

            var vectors = new float[count * dimensions];
            bytes.AsSpan(header).CopyTo(MemoryMarshal.AsBytes(vectors.AsSpan()));
            if (!BitConverter.IsLittleEndian)
            {
                for (var i = 0; i < vectors.Length; i++)
                {
                    vectors[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(header + i * sizeof(float)));
                }
            }

            return vectors;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            VectorCacheLog.Ignored(logger, path, exception is IOException ? "unreadable" : "not allowed to read it");
            return null;
        }
    }

    private static string? Mismatch(byte[] bytes, byte[] fingerprint, int count, int dimensions)
    {
        var header = HeaderLength(fingerprint);
        if (bytes.Length < header || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            return "not a vector cache of this version";
        }

        if (!bytes.AsSpan(Magic.Length, fingerprint.Length).SequenceEqual(fingerprint))
        {
            return "made for another catalog, model or size";
        }

        var sizes = bytes.AsSpan(Magic.Length + fingerprint.Length);
        return BinaryPrimitives.ReadInt32LittleEndian(sizes) != count
            || BinaryPrimitives.ReadInt32LittleEndian(sizes[sizeof(int)..]) != dimensions
            || bytes.Length != header + (long)count * dimensions * sizeof(float)
            ? "truncated or corrupt"
            : null;
    }

    /// <summary>
    /// Writes atomically: a temporary file unique to this writer, then a rename, so a reader (or another process
    /// starting at the same time) sees the old file or the whole new one. A failure only costs the next start.
    /// </summary>
    public static void TrySave(string path, byte[] fingerprint, int count, int dimensions, float[] vectors, ILogger logger)
    {
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            using (var stream = File.Create(temporary))
            {
                stream.Write(Magic);
                stream.Write(fingerprint);
                Span<byte> sizes = stackalloc byte[2 * sizeof(int)];
                BinaryPrimitives.WriteInt32LittleEndian(sizes, count);
                BinaryPrimitives.WriteInt32LittleEndian(sizes[sizeof(int)..], dimensions);
                stream.Write(sizes);
                WriteLittleEndian(stream, vectors);
            }

            File.Move(temporary, path, overwrite: true);
            VectorCacheLog.Written(logger, path, count, dimensions);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            VectorCacheLog.NotWritten(logger, path, exception is IOException ? "I/O error" : "not allowed to write there");
            TryDelete(temporary);
        }
    }

    private static void WriteLittleEndian(Stream stream, float[] vectors)
    {
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(vectors.AsSpan()));
            return;
        }

        Span<byte> value = stackalloc byte[sizeof(float)];
        foreach (var component in vectors)
        {
            BinaryPrimitives.WriteSingleLittleEndian(value, component);
            stream.Write(value);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Nothing to clean up or nothing we may clean up; the next successful write replaces the cache anyway.
        }
    }
}
