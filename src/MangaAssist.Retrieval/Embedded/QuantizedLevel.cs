namespace MangaAssist.Retrieval.Embedded;

/// <summary>
/// One int8 level of <see cref="QuantizedVectors"/>: codes per row (value ≈ scale × code, one scale per row) and the
/// two norms that bound its error: ‖what the level misses‖₂ and ‖what it holds‖₂, each rounded up.
/// </summary>
internal sealed class QuantizedLevel
{
    /// <summary>The largest code; symmetric, so no product of codes overflows what <see cref="Int8Dot"/> sums.</summary>
    internal const int MaxCode = 127;

    private readonly sbyte[] _codes;
    private readonly float[] _scales;
    private readonly float[] _missedNorms;
    private readonly float[] _heldNorms;
    private readonly int _dimensions;

    /// <summary>
    /// Codes <paramref name="values"/> (row-major, <paramref name="dimensions"/> per row) and leaves in it what the
    /// codes miss, for a next level to code.
    /// </summary>
    /// <param name="values">The rows this level codes, holding what the codes miss when it returns.</param>
    /// <param name="held">Per row, what all levels so far hold (this one added); the held-norm is taken over it.</param>
    public QuantizedLevel(Span<double> values, Span<double> held, int dimensions)
    {
        _dimensions = dimensions;
        var count = dimensions == 0 ? 0 : values.Length / dimensions;
        _codes = new sbyte[count * dimensions];
        _scales = new float[count];
        _missedNorms = new float[count];
        _heldNorms = new float[count];
        for (var d = 0; d < count; d++)
        {
            var row = values.Slice(d * dimensions, dimensions);
            var largest = 0d;
            foreach (var value in row)
            {
                largest = Math.Max(largest, Math.Abs(value));
            }

            var scale = (float)(largest / MaxCode);
            double missed = 0, kept = 0;
            for (var i = 0; i < dimensions; i++)
            {
                var code = scale > 0 ? Math.Clamp(Math.Round(row[i] / scale), -MaxCode, MaxCode) : 0;
                _codes[d * dimensions + i] = (sbyte)code;
                // What the dot products will use: the float scale times the code, exactly.
                var coded = (double)scale * code;
                row[i] -= coded;
                held[d * dimensions + i] += coded;
                missed += row[i] * row[i];
                kept += held[d * dimensions + i] * held[d * dimensions + i];
            }

            _scales[d] = scale;
            _missedNorms[d] = RoundUp(Math.Sqrt(missed));
            _heldNorms[d] = RoundUp(Math.Sqrt(kept));
        }
    }

    public long Bytes => _codes.LongLength + 3L * sizeof(float) * _scales.Length;

    public ReadOnlySpan<sbyte> Codes(int document) => _codes.AsSpan(document * _dimensions, _dimensions);

    public float Scale(int document) => _scales[document];

    /// <summary>‖row − what the levels up to this one hold‖₂.</summary>
    public float MissedNorm(int document) => _missedNorms[document];

    /// <summary>‖what the levels up to this one hold‖₂.</summary>
    public float HeldNorm(int document) => _heldNorms[document];

    /// <summary>Rounds a non-negative norm up to a float at least as large, so a bound built from it is never too small.</summary>
    internal static float RoundUp(double value) => MathF.BitIncrement((float)value);
}
