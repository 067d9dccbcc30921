using System.Runtime.CompilerServices;

namespace MangaAssist.Retrieval.Embedded;

/// <summary>
/// A floor under the k-th largest of a set of floats from a histogram: one branch-free counting pass, where a heap
/// or a quickselect mispredicts a branch on most of the 2,305 values per query. The floor is at most one bucket
/// (1/1,024 of the range) below the k-th largest; callers use it as a conservative cut-off.
/// </summary>
internal static class Selection
{
    private const int Buckets = 1024;

    /// <summary>A value ≤ the <paramref name="k"/>-th largest of <paramref name="values"/> (1 = the largest). No NaN or infinity.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float FloorOfKthLargest(ReadOnlySpan<float> values, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, values.Length);
        float min = float.MaxValue, max = float.MinValue;
        foreach (var value in values)
        {
            min = MathF.Min(min, value);
            max = MathF.Max(max, value);
        }

        if (!(max > min))
        {
            return min;
        }

        var width = (max - min) / Buckets;
        var inverse = 1 / width;
        Span<int> histogram = stackalloc int[Buckets];
        histogram.Clear();
        foreach (var value in values)
        {
            histogram[Math.Clamp((int)((value - min) * inverse), 0, Buckets - 1)]++;
        }

        var seen = 0;
        var bucket = Buckets - 1;
        for (; bucket > 0; bucket--)
        {
            seen += histogram[bucket];
            if (seen >= k)
            {
                break;
            }
        }

        // One bucket lower than where the k-th falls, so rounding in the bucket arithmetic cannot put the floor above it.
        return bucket <= 1 ? min : min + (bucket - 1) * width;
    }
}
