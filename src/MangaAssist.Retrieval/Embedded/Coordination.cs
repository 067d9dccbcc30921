using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MangaAssist.Retrieval.Embedded;

/// <summary>
/// The synopsis coordination of <see cref="Bm25Index"/>: a synopsis keeps (held / most held)^exponent of its score,
/// where held is the query weight (weight·idf) of the distinct query terms it contains. A story that has every part of
/// the question (premise, hero and the one word or bigram of its setting) outranks one that repeats the longest part
/// but misses another.
/// </summary>
internal static class Coordination
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Add(ReadOnlySpan<float> fieldScores, ReadOnlySpan<float> held, float exponent, Span<float> scores)
    {
        var inverse = 1 / Max(held);
        if (exponent != 1f)
        {
            for (var d = 0; d < fieldScores.Length; d++)
            {
                if (fieldScores[d] > 0)
                {
                    scores[d] += fieldScores[d] * MathF.Pow(held[d] * inverse, exponent);
                }
            }

            return;
        }

        // The default exponent 1 needs no branch and no Pow (a product without the synopsis term adds 0), so it runs
        // in SIMD lanes: this pass covers every document.
        var start = 0;
        if (Vector.IsHardwareAccelerated && fieldScores.Length >= Vector<float>.Count)
        {
            var vectorScores = MemoryMarshal.Cast<float, Vector<float>>(fieldScores);
            var vectorHeld = MemoryMarshal.Cast<float, Vector<float>>(held);
            var vectorTarget = MemoryMarshal.Cast<float, Vector<float>>(scores);
            for (var i = 0; i < vectorScores.Length; i++)
            {
                vectorTarget[i] += vectorScores[i] * vectorHeld[i] * inverse;
            }

            start = vectorScores.Length * Vector<float>.Count;
        }

        for (var d = start; d < fieldScores.Length; d++)
        {
            scores[d] += fieldScores[d] * held[d] * inverse;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Max(ReadOnlySpan<float> values)
    {
        var most = 0f;
        var start = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<float>.Count)
        {
            var lanes = Vector<float>.Zero;
            foreach (var vector in MemoryMarshal.Cast<float, Vector<float>>(values))
            {
                lanes = Vector.Max(lanes, vector);
            }

            for (var i = 0; i < Vector<float>.Count; i++)
            {
                most = Math.Max(most, lanes[i]);
            }

            start = values.Length / Vector<float>.Count * Vector<float>.Count;
        }

        for (var i = start; i < values.Length; i++)
        {
            most = Math.Max(most, values[i]);
        }

        return most;
    }
}
