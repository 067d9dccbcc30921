using MangaAssist.Retrieval.Evaluation;

namespace MangaAssist.Retrieval.Tests.Evaluation;

public class RetrievalMetricsTests
{
    private static readonly RelevantProduct[] Relevant = [new("A", 3), new("B", 1)];

    [Fact]
    public void RecallAt_CountsRelevantInTheTopK()
    {
        RetrievalMetrics.RecallAt(5, ["X", "A", "Y", "Z", "W", "B"], Relevant).ShouldBe(0.5);
        RetrievalMetrics.RecallAt(6, ["X", "A", "Y", "Z", "W", "B"], Relevant).ShouldBe(1.0);
        RetrievalMetrics.RecallAt(5, [], Relevant).ShouldBe(0.0);
    }

    [Fact]
    public void ReciprocalRank_IsOneOverTheFirstRelevantRank()
    {
        RetrievalMetrics.ReciprocalRank(["X", "Y", "B", "A"], Relevant).ShouldBe(1.0 / 3);
        RetrievalMetrics.ReciprocalRank(["A"], Relevant).ShouldBe(1.0);
        RetrievalMetrics.ReciprocalRank(["X"], Relevant).ShouldBe(0.0);
    }

    [Fact]
    public void NdcgAt_MatchesTheFormula()
    {
        // DCG = (2^1−1)/log2(2) + (2^3−1)/log2(3); IDCG = (2^3−1)/log2(2) + (2^1−1)/log2(3).
        var expected = (1 + 7 / Math.Log2(3)) / (7 + 1 / Math.Log2(3));

        RetrievalMetrics.NdcgAt(10, ["B", "A"], Relevant).ShouldBe(expected, 1e-12);
        RetrievalMetrics.NdcgAt(10, ["A", "B"], Relevant).ShouldBe(1.0, 1e-12);
        RetrievalMetrics.NdcgAt(1, ["X", "A"], Relevant).ShouldBe(0.0);
    }

    [Fact]
    public void Summary_AveragesOverQuestions()
    {
        var query = new EvaluationQuery("q", "t", QueryLanguage.En, QueryKind.Title, EvaluationSplit.Dev, Relevant);
        var summary = MetricSummary.Of("x", [new QueryResult(query, [], 1, 1, 1), new QueryResult(query, [], 0, 0.5, 0)]);

        summary.RecallAt5.ShouldBe(0.5);
        summary.Mrr.ShouldBe(0.75);
        summary.NdcgAt10.ShouldBe(0.5);
    }
}
