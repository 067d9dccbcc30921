using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Embedded;
using MangaAssist.Retrieval.Tests.Support;

namespace MangaAssist.Retrieval.Tests.Embedded;

public class HybridFusionTests
{
    // Two-dimensional "embeddings" make the vector side easy to reason about.
    private static readonly float[] Vectors =
    [
        1, 0,   // MA-1
        1, 0,   // MA-2
        0, 1,   // MA-3
        0.6f, 0.8f, // MA-4
        -1, 0,  // MA-5
        0, -1,  // MA-6
    ];

    [Fact]
    public void Search_NoLexicalMatch_RanksByVectorAlone()
    {
        var index = Build(new EmbeddedIndexSettings());

        var results = index.Search("zzzz qqqq", [0, 1], 3, null);

        results.Select(r => r.ProductId).ShouldBe(["MA-3", "MA-4", "MA-1"]);
    }

    [Fact]
    public void Search_VectorWeightZero_IsPureBm25()
    {
        var index = Build(new EmbeddedIndexSettings { Bm25Weight = 1, VectorWeight = 0 });

        index.Search("Iron Pitcher", [0, 1], 1, null)[0].ProductId.ShouldBe("MA-5");
    }

    [Fact]
    public void Search_MinMax_FusedScoreIsTheWeightedSumOfNormalisedScores()
    {
        var index = Build(new EmbeddedIndexSettings { Bm25Weight = 0.5f, VectorWeight = 0.5f, Normalization = HybridNormalization.MinMax });

        // MA-5 is the only lexical hit (normalised BM25 = 1) and the worst vector (normalised cosine = 0).
        var results = index.Search("Iron Pitcher", [-1, 0], 6, null);

        results.Single(r => r.ProductId == "MA-5").Score.ShouldBe(1.0, 1e-6);
        // MA-1 and MA-2 are no lexical hit and the worst cosine; MA-5's cosine of 1 is the best → 0.5 + 0.5.
        results[0].ProductId.ShouldBe("MA-5");
    }

    [Fact]
    public void Search_StrongVectorCanOutrankAWeakLexicalMatch()
    {
        var index = Build(new EmbeddedIndexSettings { Bm25Weight = 0.3f, VectorWeight = 0.7f });

        // "letter" matches MA-4 lexically; the vector points at MA-3.
        index.Search("letter", [0, 1], 1, null)[0].ProductId.ShouldBe("MA-4");
        index.Search("zzzz letter", [0, 1], 2, null).Select(r => r.ProductId).ShouldContain("MA-3");
    }

    [Fact]
    public void Search_ZScore_RanksTheSameClearWinner()
    {
        var index = Build(new EmbeddedIndexSettings { Normalization = HybridNormalization.ZScore });

        index.Search("Phantom Detective", [0, -1], 1, null)[0].ProductId.ShouldBe("MA-6");
    }

    [Fact]
    public void Search_WrongQueryVectorLength_FallsBackToBm25()
    {
        var index = Build(new EmbeddedIndexSettings());

        index.Search("Starry Letter", [1, 2, 3], 1, null)[0].ProductId.ShouldBe("MA-4");
    }

    [Fact]
    public void Search_TopK_IsClampedAndOrdered()
    {
        var index = Build(new EmbeddedIndexSettings());

        var results = index.Search("crimson", [1, 0], 100, null);

        results.Count.ShouldBe(6);
        results.Select(r => r.Score).ShouldBeInOrder(SortDirection.Descending);
    }

    [Fact]
    public void Search_SnippetFollowsTheQueryLanguage()
    {
        var index = Build(new EmbeddedIndexSettings());

        index.Search("Silent Kitchen", [0, 1], 1, null)[0].Snippet.ShouldStartWith("Silent Kitchen (静かなる厨房) by Mori Yuko");
        index.Search("静かなる厨房", [0, 1], 1, null)[0].Snippet.ShouldStartWith("静かなる厨房（Silent Kitchen） 著者: 森 裕子");
    }

    internal static EmbeddedProductIndex Build(EmbeddedIndexSettings settings) =>
        EmbeddedProductIndex.Build(TestCatalog.Small(), [.. Vectors], 2, settings);
}

public class FilterTests
{
    [Fact]
    public void Search_GenreFilter_KeepsOnlyMatchingProducts()
    {
        var results = Index().Search("crimson kitchen letter", [1, 0], 6, new RetrievalFilters { Genres = ["cooking"] });

        results.Select(r => r.ProductId).ShouldBe(["MA-3"]);
    }

    [Fact]
    public void Search_DemographicAndAvailability_AreCombinedWithAnd()
    {
        var filters = new RetrievalFilters { Demographics = [Demographic.Shonen], Availability = [Availability.Preorder] };

        Index().Search("crimson pitcher", [1, 0], 6, filters).Select(r => r.ProductId).ShouldBe(["MA-5"]);
    }

    [Fact]
    public void Search_ValuesWithinOneFilterAreAlternatives()
    {
        var filters = new RetrievalFilters { Demographics = [Demographic.Shojo, Demographic.Josei] };

        Index().Search("manga", [0, 1], 6, filters).Select(r => r.ProductId).ShouldBe(["MA-3", "MA-4"], ignoreOrder: true);
    }

    [Fact]
    public void Search_UnknownGenreOnly_MatchesNothing()
    {
        Index().Search("crimson", [1, 0], 6, new RetrievalFilters { Genres = ["no-such-genre"] }).ShouldBeEmpty();
    }

    [Fact]
    public void Search_VectorCandidatesRespectFilters()
    {
        // The vector points at MA-3 (josei, in stock); excluding in-stock products must hide it.
        var results = Index().Search("zzzz", [0, 1], 6, new RetrievalFilters { Availability = [Availability.OutOfStock] });

        results.Select(r => r.ProductId).ShouldBe(["MA-4"]);
    }

    private static EmbeddedProductIndex Index() => HybridFusionTests.Build(new EmbeddedIndexSettings());
}
