using MangaAssist.Retrieval.Embedded;

namespace MangaAssist.Retrieval.Tests.Embedded;

public class TopKTests
{
    [Fact]
    public void Offer_KeepsTheBestInDescendingOrder()
    {
        Span<float> scores = stackalloc float[3];
        Span<int> documents = stackalloc int[3];
        var top = new TopK(scores, documents);
        float[] offered = [0.2f, 0.9f, 0.1f, 0.5f, 0.7f, 0.3f];
        for (var d = 0; d < offered.Length; d++)
        {
            top.Offer(d, offered[d]);
        }

        top.SortDescending().ShouldBe(3);
        new[] { top.DocumentAt(0), top.DocumentAt(1), top.DocumentAt(2) }.ShouldBe([1, 4, 3]);
        top.ScoreAt(0).ShouldBe(0.9f);
    }

    [Fact]
    public void Offer_TiesGoToTheLowerDocumentNumber()
    {
        Span<float> scores = stackalloc float[2];
        Span<int> documents = stackalloc int[2];
        var top = new TopK(scores, documents);
        top.Offer(7, 1f);
        top.Offer(3, 1f);
        top.Offer(5, 1f);

        top.SortDescending();
        new[] { top.DocumentAt(0), top.DocumentAt(1) }.ShouldBe([3, 5]);
    }
}
