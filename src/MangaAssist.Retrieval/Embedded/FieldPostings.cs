namespace MangaAssist.Retrieval.Embedded;

/// <summary>One field's postings of a <see cref="Bm25Index"/>: a CSR table term → documents with the precomputed tf factors and idf.</summary>
internal sealed class FieldPostings
{
    public required int[] Offsets { get; init; }

    public required int[] Documents { get; init; }

    public required float[] Factors { get; init; }

    public required float[] Frequencies { get; init; }

    public required int[] CoverageLengths { get; init; }

    public required float[] Idf { get; init; }

    public static FieldPostings Build(List<(int Document, int Term, int Frequency)> entries, int[] lengths, int[] coverageLengths, int termCount, float k1, float b)
    {
        var offsets = new int[termCount + 1];
        foreach (var entry in entries)
        {
            offsets[entry.Term + 1]++;
        }

        for (var t = 0; t < termCount; t++)
        {
            offsets[t + 1] += offsets[t];
        }

        var documentCount = lengths.Length;
        var averageLength = Math.Max(1.0, lengths.Average());
        var next = offsets[..^1].ToArray();
        var documents = new int[entries.Count];
        var factors = new float[entries.Count];
        var frequencies = new float[entries.Count];

        // Entries arrive in document order, so every posting list ends up sorted by document.
        foreach (var (document, term, frequency) in entries)
        {
            var slot = next[term]++;
            documents[slot] = document;
            frequencies[slot] = frequency;
            var norm = k1 * (1 - b + b * lengths[document] / averageLength);
            factors[slot] = (float)(frequency * (k1 + 1) / (frequency + norm));
        }

        var idf = new float[termCount];
        for (var t = 0; t < termCount; t++)
        {
            var df = offsets[t + 1] - offsets[t];
            idf[t] = df == 0 ? 0 : (float)Math.Log(1 + (documentCount - df + 0.5) / (df + 0.5));
        }

        return new FieldPostings { Offsets = offsets, Documents = documents, Factors = factors, Frequencies = frequencies, CoverageLengths = coverageLengths, Idf = idf };
    }
}
