using System.Runtime.CompilerServices;

namespace MangaAssist.Retrieval.Embedded;

/// <summary>
/// A query vector as 16-bit integer codes (query ≈ scale × codes) for <see cref="Int8Dot"/> against the document
/// levels, with as many bits as keep a whole dot product inside 32 bits, and the error bound that goes with it.
/// </summary>
internal readonly ref struct QueryCode
{
    private readonly ReadOnlySpan<short> _codes;
    private readonly float _scale;
    private readonly float _relativeMissed;

    /// <param name="codes">Where the codes go; one per dimension.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public QueryCode(ReadOnlySpan<float> query, Span<short> codes, float inverseNorm)
    {
        // |code| ≤ largest, |document code| ≤ 127, so the sum of n products stays within int range.
        var largest = Math.Min(short.MaxValue, int.MaxValue / (QuantizedLevel.MaxCode * Math.Max(1, query.Length)));
        var magnitude = 0f;
        foreach (var value in query)
        {
            magnitude = MathF.Max(magnitude, MathF.Abs(value));
        }

        var scale = magnitude / largest;
        double missed = 0;
        for (var i = 0; i < query.Length; i++)
        {
            var code = scale > 0 ? Math.Clamp(MathF.Round(query[i] / scale), -largest, largest) : 0;
            codes[i] = (short)code;
            var error = query[i] - (double)scale * code;
            missed += error * error;
        }

        _codes = codes;
        _scale = scale;
        _relativeMissed = QuantizedLevel.RoundUp(Math.Sqrt(missed) * inverseNorm);
    }

    /// <summary>This level's part of the cosine with <paramref name="document"/>.</summary>
    public float Approximate(QuantizedLevel level, int document, float inverseNorm) =>
        Int8Dot.Dot(_codes, level.Codes(document)) * (_scale * level.Scale(document)) * inverseNorm;

    /// <summary>Adds this level's part of the cosine to each of <paramref name="documents"/>' scores, four rows at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddApproximate(QuantizedLevel level, ReadOnlySpan<int> documents, float inverseNorm, Span<float> scores)
    {
        Span<int> dots = stackalloc int[4];
        var i = 0;
        for (; i + 4 <= documents.Length; i += 4)
        {
            Int8Dot.Dot(_codes, level.Codes(documents[i]), level.Codes(documents[i + 1]), level.Codes(documents[i + 2]), level.Codes(documents[i + 3]), dots);
            for (var j = 0; j < 4; j++)
            {
                scores[documents[i + j]] += dots[j] * (_scale * level.Scale(documents[i + j])) * inverseNorm;
            }
        }

        for (; i < documents.Length; i++)
        {
            scores[documents[i]] += Approximate(level, documents[i], inverseNorm);
        }
    }

    /// <summary>
    /// How far the cosine summed over the levels up to <paramref name="level"/> can be from the exact one:
    /// q·v − q̂·v̂ = q·(v − v̂) + (q − q̂)·v̂, each term bounded by Cauchy–Schwarz, over ‖q‖; plus rounding.
    /// </summary>
    public float Bound(QuantizedLevel level, int document, float slack) =>
        level.MissedNorm(document) + _relativeMissed * level.HeldNorm(document) + slack;
}
