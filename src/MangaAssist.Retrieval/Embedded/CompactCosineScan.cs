using System.Buffers;
using System.Runtime.CompilerServices;

namespace MangaAssist.Retrieval.Embedded;

/// <summary>
/// The cosine scan over <see cref="QuantizedVectors"/>: every filtered document approximately on the first level, the
/// ones whose error bound lets them reach the best <c>keep</c> sharpened by the second, and the ones that still can
/// re-scored with the exact floats (bit for bit <see cref="VectorScan"/>'s cosine). The best <c>keep</c> of the
/// result, and their scores, are therefore exactly the full float scan's; everything below them is approximate.
/// </summary>
internal static class CompactCosineScan
{
    /// <summary>
    /// Fills <paramref name="scores"/> (exact where the query's <see cref="SemanticQuery.Exact"/> bit is set,
    /// approximate and below the <paramref name="keep"/> best elsewhere, <see cref="float.NegativeInfinity"/> for
    /// filtered-out documents) and returns how many were re-scored exactly.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Cosine(in SemanticQuery query, QuantizedVectors compact, CompiledFilter filter, DocumentAttributes[] attributes, int keep, Span<float> scores)
    {
        var dimensions = compact.Dimensions;
        query.Exact.Clear();
        if (query.InverseNorm == 0 || !float.IsFinite(query.InverseNorm))
        {
            // A zero (or broken) query vector: nothing to approximate; the float scan gives every score.
            VectorScan.Cosine(query.Vector, query.Vectors, dimensions, filter, attributes, scores);
            query.Exact.Fill(ulong.MaxValue);
            return scores.Length;
        }

        var codes = ArrayPool<short>.Shared.Rent(dimensions);
        var lowers = ArrayPool<float>.Shared.Rent(scores.Length);
        var candidates = ArrayPool<int>.Shared.Rent(scores.Length);
        try
        {
            var code = new QueryCode(query.Vector, codes.AsSpan(0, dimensions), query.InverseNorm);
            // Summing the float dot products (exact and approximate) rounds; (n + 256) units of 2⁻²⁴ covers it.
            var slack = (dimensions + 256) * MathF.Pow(2, -24);

            // First level: every filtered document, and its lower bound.
            var all = filter.IsEmpty;
            var count = 0;
            for (var d = 0; d < scores.Length; d++)
            {
                var passes = all || filter.Matches(attributes[d]);
                scores[d] = passes ? 0f : float.NegativeInfinity;
                if (passes)
                {
                    candidates[count++] = d;
                }
            }

            code.AddApproximate(compact.First, candidates.AsSpan(0, count), query.InverseNorm, scores);
            for (var i = 0; i < count; i++)
            {
                lowers[i] = scores[candidates[i]] - code.Bound(compact.First, candidates[i], slack);
            }

            // At least `keep` documents score at least `threshold` exactly, so one whose upper bound is below it is
            // not among the best. Second level: only the documents that can still reach them.
            var threshold = count >= keep ? Selection.FloorOfKthLargest(lowers.AsSpan(0, count), keep) : float.NegativeInfinity;
            count = 0;
            for (var d = 0; d < scores.Length; d++)
            {
                if (!float.IsNegativeInfinity(scores[d]) && scores[d] + code.Bound(compact.First, d, slack) >= threshold)
                {
                    candidates[count++] = d;
                }
            }

            code.AddApproximate(compact.Second, candidates.AsSpan(0, count), query.InverseNorm, scores);
            for (var i = 0; i < count; i++)
            {
                lowers[i] = scores[candidates[i]] - code.Bound(compact.Second, candidates[i], slack);
            }

            // Exact floats for those that still can; the rest stay below both thresholds, hence below the best.
            threshold = count >= keep ? Selection.FloorOfKthLargest(lowers.AsSpan(0, count), keep) : float.NegativeInfinity;
            var rescored = 0;
            foreach (var d in candidates.AsSpan(0, count))
            {
                if (scores[d] + code.Bound(compact.Second, d, slack) >= threshold)
                {
                    candidates[rescored++] = d;
                }
            }

            query.Rescore(candidates.AsSpan(0, rescored), scores);
            return rescored;
        }
        finally
        {
            ArrayPool<short>.Shared.Return(codes);
            ArrayPool<float>.Shared.Return(lowers);
            ArrayPool<int>.Shared.Return(candidates);
        }
    }
}
