using System.Buffers;
using System.Runtime.CompilerServices;
using MangaAssist.Retrieval.Ranking;

namespace MangaAssist.Retrieval.Embedded;

/// <summary>The first stage's fusion of the lexical and semantic lists into the pool the second stage ranks.</summary>
internal sealed partial class EmbeddedProductIndex
{
    /// <summary>
    /// How many of each list enter fusion: as many as the pool, as OpenSearch's sub-queries do (pagination_depth and k
    /// grow to the size asked).
    /// </summary>
    private int CandidatesFor(int topK) => Math.Max(_settings.CandidateCount, Math.Max(SecondStage.PoolSize, topK));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private List<RetrievedPassage> Fuse(ReadOnlySpan<float> lexical, bool hasLexical, Span<float> semantic, in SemanticQuery semanticQuery, bool useVectors, CompiledFilter filter, int topK, bool japanese)
    {
        var pool = Math.Max(SecondStage.PoolSize, topK);
        var candidates = CandidatesFor(topK);
        var heapScores = ArrayPool<float>.Shared.Rent(candidates * 2);
        var heapDocuments = ArrayPool<int>.Shared.Rent(candidates * 2);
        var finalScores = ArrayPool<float>.Shared.Rent(pool);
        var finalDocuments = ArrayPool<int>.Shared.Rent(pool);
        try
        {
            // Candidates of each list, best first.
            var lexicalTop = new TopK(heapScores.AsSpan(0, candidates), heapDocuments.AsSpan(0, candidates));
            var unfiltered = filter.IsEmpty;
            if (hasLexical)
            {
                for (var d = 0; d < lexical.Length; d++)
                {
                    if (lexical[d] > 0 && (unfiltered || filter.Matches(_attributes[d])))
                    {
                        lexicalTop.Offer(d, lexical[d]);
                    }
                }
            }

            var lexicalCount = lexicalTop.SortDescending();
            if (useVectors)
            {
                // Fusion and the second stage read these documents' cosines too: the compact scan may have left approximations.
                semanticQuery.EnsureExact(heapDocuments.AsSpan(0, lexicalCount), semantic);
            }

            var semanticTop = new TopK(heapScores.AsSpan(candidates, candidates), heapDocuments.AsSpan(candidates, candidates));
            for (var d = 0; d < semantic.Length; d++)
            {
                // The best are all exact (CompactCosineScan); an approximate score is below them and would only cost heap work.
                if (semanticQuery.IsExact(d) && !float.IsNegativeInfinity(semantic[d]))
                {
                    semanticTop.Offer(d, semantic[d]);
                }
            }

            var semanticCount = semanticTop.SortDescending();
            var lexicalScale = ScoreScales.Of(lexical, lexicalTop, lexicalCount, filter, _attributes, _settings.Normalization);
            var semanticScale = ScoreScales.Of(semantic, semanticTop, semanticCount, filter, _attributes, _settings.Normalization);
            var lexicalThreshold = lexicalCount > 0 ? lexicalTop.ScoreAt(lexicalCount - 1) : float.PositiveInfinity;
            var semanticThreshold = semanticCount > 0 ? semanticTop.ScoreAt(semanticCount - 1) : float.PositiveInfinity;
            var bm25Weight = useVectors ? _settings.Bm25Weight : 1f;
            var vectorWeight = hasLexical && lexicalCount > 0 ? _settings.VectorWeight : (useVectors ? 1f : 0f);

            var fusion = new ScoreFusion(lexicalScale, semanticScale, lexicalThreshold, semanticThreshold, bm25Weight, vectorWeight, useVectors, _settings.Normalization == HybridNormalization.ZScore);

            // The fused scores only choose the pool; the shared second stage ranks it (EmbeddedProductIndex.Pool.cs).
            var best = new TopK(finalScores.AsSpan(0, pool), finalDocuments.AsSpan(0, pool));
            for (var i = 0; i < lexicalCount; i++)
            {
                var d = lexicalTop.DocumentAt(i);
                best.Offer(d, fusion.Score(lexical, semantic, d));
            }

            for (var i = 0; i < semanticCount; i++)
            {
                var d = semanticTop.DocumentAt(i);
                if (!fusion.InLexical(lexical, d))
                {
                    best.Offer(d, fusion.Score(lexical, semantic, d));
                }
            }

            best.SortDescending();
            return RankOwnPool(ref best, lexical, lexicalCount > 0 ? lexicalTop.ScoreAt(0) : 0f, semantic, useVectors, topK, japanese);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(heapScores);
            ArrayPool<int>.Shared.Return(heapDocuments);
            ArrayPool<float>.Shared.Return(finalScores);
            ArrayPool<int>.Shared.Return(finalDocuments);
        }
    }
}
