using System.Buffers;
using System.Runtime.CompilerServices;
using MangaAssist.Retrieval.Embeddings;

namespace MangaAssist.Retrieval.Embedded;

/// <summary>
/// A query vector against the exact float rows, and which documents' cosines are exact so far (one bit each): the
/// compact scan leaves approximations that fusion must not use, so it asks for the exact value of what it reads.
/// </summary>
internal readonly ref struct SemanticQuery
{
    public SemanticQuery(ReadOnlySpan<float> vector, ReadOnlySpan<float> vectors, int dimensions, Span<ulong> exact)
    {
        Vector = vector;
        Vectors = vectors;
        Dimensions = dimensions;
        Exact = exact;
        var norm = MathF.Sqrt(VectorMath.Dot(vector, vector));
        InverseNorm = norm > 0 ? 1 / norm : 0;
    }

    public ReadOnlySpan<float> Vector { get; }

    public ReadOnlySpan<float> Vectors { get; }

    public int Dimensions { get; }

    /// <summary>1 / ‖query‖, as <see cref="VectorScan"/> scales (0 for a zero vector).</summary>
    public float InverseNorm { get; }

    /// <summary>Bit d set: scores[d] is the exact cosine.</summary>
    public Span<ulong> Exact { get; }

    /// <summary>Words needed for the exact-bits of <paramref name="documents"/> documents.</summary>
    public static int WordsFor(int documents) => (documents + 63) / 64;

    public bool IsExact(int document) => (Exact[document >> 6] & (1UL << document)) != 0;

    /// <summary><see cref="EnsureExact(int, Span{float})"/> for each of <paramref name="documents"/>, the missing ones four rows at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void EnsureExact(ReadOnlySpan<int> documents, Span<float> scores)
    {
        var missing = ArrayPool<int>.Shared.Rent(Math.Max(1, documents.Length));
        try
        {
            var count = 0;
            foreach (var document in documents)
            {
                if (!IsExact(document))
                {
                    missing[count++] = document;
                }
            }

            Rescore(missing.AsSpan(0, count), scores);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(missing);
        }
    }

    /// <summary>Replaces an approximate score by the exact one (once).</summary>
    public void EnsureExact(int document, Span<float> scores)
    {
        if (!IsExact(document))
        {
            Rescore(document, scores);
        }
    }

    /// <summary>Exact scores for <paramref name="documents"/>, four rows at a time so their loads overlap (same bits as one by one).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Rescore(ReadOnlySpan<int> documents, Span<float> scores)
    {
        Span<float> dots = stackalloc float[4];
        var i = 0;
        for (; i + 4 <= documents.Length; i += 4)
        {
            VectorScan.Dot(Vector, Row(documents[i]), Row(documents[i + 1]), Row(documents[i + 2]), Row(documents[i + 3]), dots);
            for (var j = 0; j < 4; j++)
            {
                scores[documents[i + j]] = dots[j] * InverseNorm;
                Exact[documents[i + j] >> 6] |= 1UL << documents[i + j];
            }
        }

        for (; i < documents.Length; i++)
        {
            Rescore(documents[i], scores);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Rescore(int document, Span<float> scores)
    {
        scores[document] = VectorMath.Dot(Vector, Row(document)) * InverseNorm;
        Exact[document >> 6] |= 1UL << document;
    }

    private ReadOnlySpan<float> Row(int document) => Vectors.Slice(document * Dimensions, Dimensions);
}
