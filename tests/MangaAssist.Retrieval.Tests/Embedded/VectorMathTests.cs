using MangaAssist.Retrieval.Embeddings;

namespace MangaAssist.Retrieval.Tests.Embedded;

public sealed class VectorMathTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(100)]
    [InlineData(1024)]
    public void Dot_MatchesTheTextbookSum_ForEveryLengthAndTail(int length)
    {
        var random = new Random(length);
        var a = Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var b = Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var expected = 0.0;
        for (var i = 0; i < length; i++)
        {
            expected += (double)a[i] * b[i];
        }

        VectorMath.Dot(a, b).ShouldBe((float)expected, tolerance: 1e-4f);
    }

    [Fact]
    public void Dot_OfAUnitVectorWithItself_IsOne()
    {
        var vector = Enumerable.Range(1, 1024).Select(i => (float)Math.Sin(i)).ToArray();

        VectorMath.Normalize(vector);

        VectorMath.Dot(vector, vector).ShouldBe(1f, tolerance: 1e-5f);
    }
}
