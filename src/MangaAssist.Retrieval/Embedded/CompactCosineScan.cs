using System.Buffers;

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
    public static int LastCandidates;
    public static long T1, T2, T3, T0;

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

        var t0 = System.Diagnostics.Stopwatch.GetTimestamp();
        var codes = ArrayPool<short>.Shared.Rent(dimensions);
        var lowerScores = ArrayPool<float>.Shared.Rent(keep);
        var lowerDocuments = ArrayPool<int>.Shared.Rent(keep);
        var candidates = ArrayPool<int>.Shared.Rent(scores.Length);
        try
        {
            var code = new QueryCode(query.Vector, codes.AsSpan(0, dimensions), query.InverseNorm);
            // Summing the float dot products (exact and approximate) rounds; (n + 256) units of 2⁻²⁴ covers it.
            var slack = (dimensions + 256) * MathF.Pow(2, -24);

            var ta = System.Diagnostics.Stopwatch.GetTimestamp(); T0 += ta - t0;
            // First level: every filtered document. `threshold`: at least `keep` documents score at least this
            // exactly, so a document whose upper bound is below it is not among the best.
            var lower = new TopK(lowerScores.AsSpan(0, keep), lowerDocuments.AsSpan(0, keep));
            var all = filter.IsEmpty;
            for (var d = 0; d < scores.Length; d++)
            {
                if (all || filter.Matches(attributes[d]))
                {
                    scores[d] = code.Approximate(compact.First, d, query.InverseNorm);
                    lower.Offer(d, scores[d] - code.Bound(compact.First, d, slack));
                }
                else
                {
                    scores[d] = float.NegativeInfinity;
                }
            }

            var tb = System.Diagnostics.Stopwatch.GetTimestamp(); T1 += tb - ta;
            // Second level: only the documents that can still reach the best.
            var threshold = lower.Count == keep ? lower.ScoreAt(0) : float.NegativeInfinity;
            lower = new TopK(lowerScores.AsSpan(0, keep), lowerDocuments.AsSpan(0, keep));
            var count = 0;
            for (var d = 0; d < scores.Length; d++)
            {
                if (!float.IsNegativeInfinity(scores[d]) && scores[d] + code.Bound(compact.First, d, slack) >= threshold)
                {
                    scores[d] += code.Approximate(compact.Second, d, query.InverseNorm);
                    lower.Offer(d, scores[d] - code.Bound(compact.Second, d, slack));
                    candidates[count++] = d;
                }
            }

            var tc = System.Diagnostics.Stopwatch.GetTimestamp(); T2 += tc - tb;
            LastCandidates = count;
            // Exact floats for those that still can; the rest stay below both thresholds, hence below the best.
            threshold = lower.Count == keep ? lower.ScoreAt(0) : float.NegativeInfinity;
            var rescored = 0;
            foreach (var d in candidates.AsSpan(0, count))
            {
                if (scores[d] + code.Bound(compact.Second, d, slack) >= threshold)
                {
                    query.Rescore(d, scores);
                    rescored++;
                }
            }

            T3 += System.Diagnostics.Stopwatch.GetTimestamp() - tc;
            return rescored;
        }
        finally
        {
            ArrayPool<short>.Shared.Return(codes);
            ArrayPool<float>.Shared.Return(lowerScores);
            ArrayPool<int>.Shared.Return(lowerDocuments);
            ArrayPool<int>.Shared.Return(candidates);
        }
    }
}
