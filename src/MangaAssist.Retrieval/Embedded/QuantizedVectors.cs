namespace MangaAssist.Retrieval.Embedded;

/// <summary>
/// Two int8 levels of the unit-length document rows: the first codes each row, the second what the first misses
/// (about 1/254 of it). A scan over the first level reads a quarter of the floats' bytes, so it stays in a core's
/// cache; the second sharpens the few rows that might be among the best. Each level's norms bound its error.
/// </summary>
internal sealed class QuantizedVectors
{
    private QuantizedVectors(QuantizedLevel first, QuantizedLevel second, int dimensions)
    {
        First = first;
        Second = second;
        Dimensions = dimensions;
    }

    public int Dimensions { get; }

    public QuantizedLevel First { get; }

    public QuantizedLevel Second { get; }

    /// <summary>Bytes held by both levels.</summary>
    public long Bytes => First.Bytes + Second.Bytes;

    public static QuantizedVectors Build(ReadOnlySpan<float> vectors, int dimensions)
    {
        var values = new double[vectors.Length];
        for (var i = 0; i < vectors.Length; i++)
        {
            values[i] = vectors[i];
        }

        var held = new double[vectors.Length];
        var first = new QuantizedLevel(values, held, dimensions);
        var second = new QuantizedLevel(values, held, dimensions);
        return new QuantizedVectors(first, second, dimensions);
    }
}
