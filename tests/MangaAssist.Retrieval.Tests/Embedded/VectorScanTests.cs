using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Embedded;
using MangaAssist.Retrieval.Embeddings;

namespace MangaAssist.Retrieval.Tests.Embedded;

public sealed class VectorScanTests
{
    /// <summary>
    /// The four-rows-at-a-time scan must give every document exactly the score the one-row dot product gives (same
    /// float additions in the same order): ranking and fused scores may not move by a last bit.
    /// </summary>
    [Theory]
    [InlineData(5, 1024)]
    [InlineData(9, 1027)]
    [InlineData(3, 7)]
    [InlineData(17, 64)]
    public void Cosine_IsBitIdenticalToOneDotProductPerRow(int documents, int dimensions)
    {
        var random = new Random(documents * 31 + dimensions);
        var vectors = Enumerable.Range(0, documents * dimensions).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var query = Enumerable.Range(0, dimensions).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var scores = new float[documents];

        VectorScan.Cosine(query, vectors, dimensions, CompiledFilter.From(null), Attributes(documents, _ => Demographic.Shonen), scores);

        var scale = 1 / MathF.Sqrt(VectorMath.Dot(query, query));
        for (var d = 0; d < documents; d++)
        {
            var expected = VectorMath.Dot(query, vectors.AsSpan(d * dimensions, dimensions)) * scale;
            BitConverter.SingleToInt32Bits(scores[d]).ShouldBe(BitConverter.SingleToInt32Bits(expected), $"document {d}");
        }
    }

    [Fact]
    public void Cosine_SkipsDocumentsTheFilterRejects_AndScoresTheRestAsAlone()
    {
        const int documents = 11, dimensions = 32;
        var random = new Random(7);
        var vectors = Enumerable.Range(0, documents * dimensions).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var query = Enumerable.Range(0, dimensions).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var filter = CompiledFilter.From(new RetrievalFilters { Demographics = [Demographic.Seinen] });
        var attributes = Attributes(documents, d => d % 3 == 0 ? Demographic.Seinen : Demographic.Shonen);
        var scores = new float[documents];

        VectorScan.Cosine(query, vectors, dimensions, filter, attributes, scores);

        var scale = 1 / MathF.Sqrt(VectorMath.Dot(query, query));
        for (var d = 0; d < documents; d++)
        {
            var expected = d % 3 == 0 ? VectorMath.Dot(query, vectors.AsSpan(d * dimensions, dimensions)) * scale : float.NegativeInfinity;
            BitConverter.SingleToInt32Bits(scores[d]).ShouldBe(BitConverter.SingleToInt32Bits(expected), $"document {d}");
        }
    }

    private static DocumentAttributes[] Attributes(int documents, Func<int, Demographic> demographic) =>
        Enumerable.Range(0, documents).Select(d => new DocumentAttributes(0, (byte)demographic(d), 0, 0, 1, 2000, 500)).ToArray();
}
