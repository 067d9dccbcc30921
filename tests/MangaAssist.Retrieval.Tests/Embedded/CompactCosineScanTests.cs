using MangaAssist.Emulators.Bedrock.Embeddings;
using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Embedded;
using MangaAssist.Retrieval.Embeddings;
using MangaAssist.Retrieval.Evaluation;

namespace MangaAssist.Retrieval.Tests.Embedded;

/// <summary>
/// The int8 scan with its exact re-score must hand fusion the same best documents with the same float bits as the
/// full float scan (<see cref="VectorScan"/>): on the shipped catalog's vectors and on dense seeded ones, where int8
/// alone ranks differently.
/// </summary>
public sealed class CompactCosineScanTests
{
    private const int Keep = 200;

    [Theory]
    [InlineData(512)]
    [InlineData(1024)]
    public void ShippedCatalog_BestDocumentsAndTheirBits_EqualTheFloatScan(int dimensions)
    {
        var products = ProductCatalog.LoadShipped().Products;
        var vectors = new float[products.Count * dimensions];
        for (var d = 0; d < products.Count; d++)
        {
            FeatureHashingEmbedder.Embed(PassageText.ForEmbedding(products[d]), dimensions, normalize: true).CopyTo(vectors, d * dimensions);
        }

        var compact = QuantizedVectors.Build(vectors, dimensions);
        var attributes = products.Select(DocumentAttributes.Of).ToArray();
        foreach (var question in EvaluationSet.LoadShipped().Take(40))
        {
            var query = FeatureHashingEmbedder.Embed(QueryEmbedder.CacheKey(question.Text), dimensions, normalize: true);
            AssertSameBest(query, vectors, compact, CompiledFilter.From(null), attributes, Keep, question.Id);
        }
    }

    [Theory]
    [InlineData(1, 1000, 256, 100)]
    [InlineData(2, 700, 1024, 200)]
    [InlineData(4, 900, 512, 200)]
    [InlineData(3, 333, 77, 50)]
    public void DenseSeededVectors_BestDocumentsAndTheirBits_EqualTheFloatScan(int seed, int documents, int dimensions, int keep)
    {
        var random = new Random(seed);
        var vectors = Clustered(random, documents, dimensions);
        var compact = QuantizedVectors.Build(vectors, dimensions);
        var attributes = Attributes(documents, _ => Demographic.Shonen);
        for (var q = 0; q < 5; q++)
        {
            var query = Enumerable.Range(0, dimensions).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
            AssertSameBest(query, vectors, compact, CompiledFilter.From(null), attributes, keep, $"query {q}");
        }
    }

    [Fact]
    public void Filter_LeavesRejectedDocumentsOut_AndTheBestOfTheRestAreExact()
    {
        const int documents = 900, dimensions = 128;
        var random = new Random(11);
        var vectors = Clustered(random, documents, dimensions);
        var compact = QuantizedVectors.Build(vectors, dimensions);
        var attributes = Attributes(documents, d => d % 4 == 0 ? Demographic.Seinen : Demographic.Shonen);
        var filter = CompiledFilter.From(new RetrievalFilters { Demographics = [Demographic.Seinen] });
        var query = Enumerable.Range(0, dimensions).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();

        var scores = AssertSameBest(query, vectors, compact, filter, attributes, 60, "filtered");

        for (var d = 0; d < documents; d++)
        {
            float.IsNegativeInfinity(scores[d]).ShouldBe(d % 4 != 0, $"document {d}");
        }
    }

    [Fact]
    public void FewerDocumentsThanKept_AreAllExact()
    {
        const int documents = 40, dimensions = 64;
        var random = new Random(5);
        var vectors = Clustered(random, documents, dimensions);
        var query = Enumerable.Range(0, dimensions).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var exact = new ulong[SemanticQuery.WordsFor(documents)];
        var scores = new float[documents];

        var rescored = CompactCosineScan.Cosine(new SemanticQuery(query, vectors, dimensions, exact), QuantizedVectors.Build(vectors, dimensions), CompiledFilter.From(null), Attributes(documents, _ => Demographic.Shonen), 100, scores);

        rescored.ShouldBe(documents);
        scores.Select(Bits).ShouldBe(ExactScores(query, vectors, dimensions).Select(Bits));
    }

    [Fact]
    public void EnsureExact_ReplacesAnApproximationByTheFloatScansBits()
    {
        const int documents = 500, dimensions = 96;
        var random = new Random(9);
        var vectors = Clustered(random, documents, dimensions);
        var query = Enumerable.Range(0, dimensions).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var exact = new ulong[SemanticQuery.WordsFor(documents)];
        var scores = new float[documents];
        var semanticQuery = new SemanticQuery(query, vectors, dimensions, exact);
        CompactCosineScan.Cosine(semanticQuery, QuantizedVectors.Build(vectors, dimensions), CompiledFilter.From(null), Attributes(documents, _ => Demographic.Shonen), 10, scores);
        var expected = ExactScores(query, vectors, dimensions);
        var approximate = Enumerable.Range(0, documents).First(d => (exact[d >> 6] & (1UL << d)) == 0);
        Bits(scores[approximate]).ShouldNotBe(Bits(expected[approximate]), "an approximation is not the float scan's value");

        semanticQuery.EnsureExact(approximate, scores);

        Bits(scores[approximate]).ShouldBe(Bits(expected[approximate]));
    }

    [Theory]
    [InlineData(1, 1, 7)]
    [InlineData(2, 200, 2305)]
    [InlineData(3, 50, 50)]
    [InlineData(4, 3, 1000)]
    public void FloorOfKthLargest_IsAtMostTheKthLargest_AndCloseToIt(int seed, int k, int count)
    {
        var random = new Random(seed);
        var values = Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 3 - 1)).ToArray();
        var kth = values.OrderDescending().ElementAt(k - 1);
        var range = values.Max() - values.Min();

        var floor = Selection.FloorOfKthLargest(values, k);

        floor.ShouldBeLessThanOrEqualTo(kth);
        (kth - floor).ShouldBeLessThanOrEqualTo(range / 1024 * 2 + 1e-6f);
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(77)]
    [InlineData(15)]
    public void Int8Dot_FourRowsAtATime_EqualsOneByOne_AndTheScalarSum(int dimensions)
    {
        var random = new Random(dimensions);
        var query = Enumerable.Range(0, dimensions).Select(_ => (short)random.Next(-16000, 16001)).ToArray();
        var rows = Enumerable.Range(0, 4).Select(_ => Enumerable.Range(0, dimensions).Select(_ => (sbyte)random.Next(-127, 128)).ToArray()).ToArray();
        var results = new int[4];

        Int8Dot.Dot(query, rows[0], rows[1], rows[2], rows[3], results);

        for (var r = 0; r < 4; r++)
        {
            var expected = query.Zip(rows[r], (a, b) => a * b).Sum();
            results[r].ShouldBe(expected);
            Int8Dot.Dot(query, rows[r]).ShouldBe(expected);
        }
    }

    private static float[] AssertSameBest(float[] query, float[] vectors, QuantizedVectors compact, CompiledFilter filter, DocumentAttributes[] attributes, int keep, string label)
    {
        var dimensions = compact.Dimensions;
        var documents = attributes.Length;
        var expected = new float[documents];
        VectorScan.Cosine(query, vectors, dimensions, filter, attributes, expected);
        var scores = new float[documents];
        var exact = new ulong[SemanticQuery.WordsFor(documents)];

        CompactCosineScan.Cosine(new SemanticQuery(query, vectors, dimensions, exact), compact, filter, attributes, keep, scores);

        Best(scores, keep).ShouldBe(Best(expected, keep), label);
        for (var d = 0; d < documents; d++)
        {
            if ((exact[d >> 6] & (1UL << d)) != 0)
            {
                Bits(scores[d]).ShouldBe(Bits(expected[d]), $"{label}: exact document {d}");
            }
        }

        return scores;
    }

    /// <summary>The best documents as fusion's heap keeps them (ties to the lower number), with each score's bits.</summary>
    private static (int Document, int Bits)[] Best(float[] scores, int keep)
    {
        Span<float> heapScores = stackalloc float[keep];
        Span<int> heapDocuments = stackalloc int[keep];
        var top = new TopK(heapScores, heapDocuments);
        for (var d = 0; d < scores.Length; d++)
        {
            if (!float.IsNegativeInfinity(scores[d]))
            {
                top.Offer(d, scores[d]);
            }
        }

        var count = top.SortDescending();
        var best = new (int, int)[count];
        for (var i = 0; i < count; i++)
        {
            best[i] = (top.DocumentAt(i), Bits(top.ScoreAt(i)));
        }

        return best;
    }

    private static float[] ExactScores(float[] query, float[] vectors, int dimensions)
    {
        var scale = 1 / MathF.Sqrt(VectorMath.Dot(query, query));
        return Enumerable.Range(0, vectors.Length / dimensions).Select(d => VectorMath.Dot(query, vectors.AsSpan(d * dimensions, dimensions)) * scale).ToArray();
    }

    /// <summary>Unit rows around a few shared directions: many near-equal cosines, where int8 alone misorders.</summary>
    private static float[] Clustered(Random random, int documents, int dimensions)
    {
        var centres = Enumerable.Range(0, 4).Select(_ => Enumerable.Range(0, dimensions).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray()).ToArray();
        var vectors = new float[documents * dimensions];
        for (var d = 0; d < documents; d++)
        {
            var centre = centres[d % centres.Length];
            for (var i = 0; i < dimensions; i++)
            {
                vectors[d * dimensions + i] = centre[i] + (float)(random.NextDouble() * 2 - 1) * 0.3f;
            }

            VectorMath.Normalize(vectors.AsSpan(d * dimensions, dimensions));
        }

        return vectors;
    }

    private static DocumentAttributes[] Attributes(int documents, Func<int, Demographic> demographic) =>
        Enumerable.Range(0, documents).Select(d => new DocumentAttributes(0, (byte)demographic(d), 0, 0, 1, 2000, 500)).ToArray();

    private static int Bits(float value) => BitConverter.SingleToInt32Bits(value);
}
