using System.Runtime.CompilerServices;

namespace MangaAssist.Retrieval.Embedded;

/// <summary>How one list's scores are normalised before fusion: min-max over its candidates, or z-score over every filtered document.</summary>
internal static class ScoreScales
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ScoreScale Of(ReadOnlySpan<float> scores, TopK top, int count, CompiledFilter filter, DocumentAttributes[] attributes, HybridNormalization normalization)
    {
        if (count == 0)
        {
            return new ScoreScale(0, 1);
        }

        if (normalization == HybridNormalization.MinMax)
        {
            var max = top.ScoreAt(0);
            var min = top.ScoreAt(count - 1);
            // One candidate, or all equal: they all get the full score, as OpenSearch's min_max does.
            return max > min ? new ScoreScale(min, max - min) : new ScoreScale(min - 1, 1);
        }

        double sum = 0, squares = 0;
        var n = 0;
        var unfiltered = filter.IsEmpty;
        for (var d = 0; d < scores.Length; d++)
        {
            if (!float.IsNegativeInfinity(scores[d]) && (unfiltered || filter.Matches(attributes[d])))
            {
                sum += scores[d];
                squares += (double)scores[d] * scores[d];
                n++;
            }
        }

        var mean = sum / Math.Max(1, n);
        var deviation = Math.Sqrt(Math.Max(0, squares / Math.Max(1, n) - mean * mean));
        return new ScoreScale((float)mean, deviation > 0 ? (float)deviation : 1f);
    }
}
