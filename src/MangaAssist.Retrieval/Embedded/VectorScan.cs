using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MangaAssist.Retrieval.Embeddings;

namespace MangaAssist.Retrieval.Embedded;

/// <summary>
/// Dot products of one query with four document rows at a time. Each row keeps its own single accumulator and the
/// same order of additions as <see cref="VectorMath.Dot"/>, so every result is bit for bit the same; the
/// four independent chains (and one load of the query per step) let the core overlap what one chain serialises.
/// </summary>
internal static class VectorScan
{
    private const int Width = 4;

    /// <summary>
    /// Cosine of <paramref name="query"/> with every document row that passes <paramref name="filter"/> (rows are
    /// unit length), <see cref="float.NegativeInfinity"/> for the others.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Cosine(ReadOnlySpan<float> query, ReadOnlySpan<float> vectors, int dimensions, CompiledFilter filter, DocumentAttributes[] attributes, Span<float> scores)
    {
        var norm = MathF.Sqrt(VectorMath.Dot(query, query));
        var scale = norm > 0 ? 1 / norm : 0;
        var all = filter.IsEmpty;
        Span<int> block = stackalloc int[Width];
        Span<float> dots = stackalloc float[Width];
        var pending = 0;
        for (var d = 0; d < scores.Length; d++)
        {
            if (!all && !filter.Matches(attributes[d]))
            {
                scores[d] = float.NegativeInfinity;
                continue;
            }

            block[pending++] = d;
            if (pending < Width)
            {
                continue;
            }

            Dot(query, Row(vectors, block[0], dimensions), Row(vectors, block[1], dimensions), Row(vectors, block[2], dimensions), Row(vectors, block[3], dimensions), dots);
            for (var j = 0; j < Width; j++)
            {
                scores[block[j]] = dots[j] * scale;
            }

            pending = 0;
        }

        for (var j = 0; j < pending; j++)
        {
            scores[block[j]] = VectorMath.Dot(query, Row(vectors, block[j], dimensions)) * scale;
        }
    }


    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Dot(ReadOnlySpan<float> query, ReadOnlySpan<float> row0, ReadOnlySpan<float> row1, ReadOnlySpan<float> row2, ReadOnlySpan<float> row3, Span<float> results)
    {
        var sum0 = Vector<float>.Zero;
        var sum1 = Vector<float>.Zero;
        var sum2 = Vector<float>.Zero;
        var sum3 = Vector<float>.Zero;
        var i = 0;
        if (Vector.IsHardwareAccelerated && query.Length >= Vector<float>.Count)
        {
            var q = MemoryMarshal.Cast<float, Vector<float>>(query);
            var r0 = MemoryMarshal.Cast<float, Vector<float>>(row0)[..q.Length];
            var r1 = MemoryMarshal.Cast<float, Vector<float>>(row1)[..q.Length];
            var r2 = MemoryMarshal.Cast<float, Vector<float>>(row2)[..q.Length];
            var r3 = MemoryMarshal.Cast<float, Vector<float>>(row3)[..q.Length];
            for (var v = 0; v < q.Length; v++)
            {
                var qv = q[v];
                sum0 += qv * r0[v];
                sum1 += qv * r1[v];
                sum2 += qv * r2[v];
                sum3 += qv * r3[v];
            }

            i = q.Length * Vector<float>.Count;
        }

        var result0 = Vector.Sum(sum0);
        var result1 = Vector.Sum(sum1);
        var result2 = Vector.Sum(sum2);
        var result3 = Vector.Sum(sum3);
        for (; i < query.Length; i++)
        {
            result0 += query[i] * row0[i];
            result1 += query[i] * row1[i];
            result2 += query[i] * row2[i];
            result3 += query[i] * row3[i];
        }

        results[0] = result0;
        results[1] = result1;
        results[2] = result2;
        results[3] = result3;
    }

    private static ReadOnlySpan<float> Row(ReadOnlySpan<float> vectors, int document, int dimensions) => vectors.Slice(document * dimensions, dimensions);
}
