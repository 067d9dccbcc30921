using MangaAssist.Retrieval.Embedded;
using MangaAssist.Retrieval.Ranking;
using MangaAssist.Retrieval.Tests.Embedded;

namespace MangaAssist.Retrieval.Tests.Ranking;

/// <summary>
/// The shared second stage: a pool handed over by another first stage (OpenSearch) is ranked exactly as the embedded
/// index ranks its own, whatever order or extra candidates the pool comes with.
/// </summary>
public class SecondStageTests
{
    private static readonly (string Id, float[] Vector)[] Products =
    [
        ("MA-1", [1, 0]), ("MA-2", [1, 0]), ("MA-3", [0, 1]), ("MA-4", [0.6f, 0.8f]), ("MA-5", [-1, 0]), ("MA-6", [0, -1]),
    ];

    [Theory]
    [InlineData("crimson", 1f, 0f)]
    [InlineData("Mori Yuko", 0f, 1f)]
    [InlineData("ramen shop in Osaka", 0.6f, 0.8f)]
    [InlineData("zzzz qqqq", 0f, 1f)]
    public void RankPool_AnyOrderOfThePool_RanksAsTheIndexRanksItsOwn(string question, float x, float y)
    {
        var index = HybridFusionTests.Build(new EmbeddedIndexSettings());
        float[] query = [x, y];

        var own = index.Search(question, query, 6, null);
        var reversed = index.RankPool(question, query, [.. Products.Reverse().Select(p => new PoolCandidate(p.Id, p.Vector))], 6, null, 0);

        reversed.Select(r => (r.ProductId, r.Score)).ShouldBe(own.Select(r => (r.ProductId, r.Score)));
    }

    [Fact]
    public void RankPool_CandidatesTheCatalogDoesNotHoldOrTheFiltersExclude_AreLeftOut()
    {
        var index = HybridFusionTests.Build(new EmbeddedIndexSettings());
        var pool = Products.Select(p => new PoolCandidate(p.Id, p.Vector)).Append(new PoolCandidate("MA-999", new float[] { 1, 0 })).ToList();

        var results = index.RankPool("crimson", [1, 0], pool, 10, new RetrievalFilters { Demographics = [MangaAssist.Retrieval.Catalog.Demographic.Josei] }, 0);

        results.Select(r => r.ProductId).ShouldBe(["MA-3"]);
    }

    [Fact]
    public void RankPool_BestBelowTheThreshold_AnswersNothing()
    {
        var index = HybridFusionTests.Build(new EmbeddedIndexSettings());
        var pool = Products.Select(p => new PoolCandidate(p.Id, p.Vector)).ToList();

        index.RankPool("Chainsaw Man by Fujimoto", [1, 0], pool, 5, null, 0.66f).ShouldBeEmpty();
        index.RankPool("Crimson Blade", [1, 0], pool, 5, null, 0.66f)[0].ProductId.ShouldBe("MA-1");
    }

    [Fact]
    public void RankPool_WithoutEmbeddings_RanksByTheLexicalScoreAlone()
    {
        var index = HybridFusionTests.Build(new EmbeddedIndexSettings());
        var pool = Products.Select(p => new PoolCandidate(p.Id, ReadOnlyMemory<float>.Empty)).ToList();

        index.RankPool("Starry Letter", [0, 1], pool, 1, null, 0)[0].ProductId.ShouldBe("MA-4");
        index.Search("Starry Letter", [], 6, null).Select(r => r.ProductId).ShouldBe(index.RankPool("Starry Letter", [], pool, 6, null, 0).Select(r => r.ProductId));
    }

    [Fact]
    public void Score_IsTheWeightedShareOfTheBestLexicalScorePlusTheCosine()
    {
        var stage = new SecondStage(0.7f, 0.3f);

        stage.Score(2, 4, 0.5f).ShouldBe(0.7f * 0.5f + 0.3f * 0.5f, 1e-6f);
        stage.Score(2, 0, 0.5f).ShouldBe(0.15f, 1e-6f);
    }
}
