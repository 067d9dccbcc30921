using MangaAssist.Retrieval.Embedded;
using MangaAssist.Retrieval.Tests.Support;

namespace MangaAssist.Retrieval.Tests.Embedded;

/// <summary>
/// The synopsis coordination: a story holding every part of the question (premise and setting) outranks one that
/// repeats the premise but misses the setting, which plain BM25 ranks first.
/// </summary>
public class SynopsisCoordinationTests
{
    private static readonly EmbeddedIndexSettings Settings = new();

    private static readonly string[] QueryTerms = ["wramen", "wshop", "wosaka"];

    [Fact]
    public void WithoutCoordination_RepeatingThePremiseWins_TheSetupTheFeatureIsFor() =>
        Rank(coordination: 0).ShouldBe(["MA-A", "MA-B"]);

    [Fact]
    public void WithTheDefaultCoordination_TheStoryWithEveryPartWins() =>
        Rank(Bm25Index.DefaultSynopsisCoordination).ShouldBe(["MA-B", "MA-A"]);

    private static string[] Rank(float coordination)
    {
        // "osaka" is a common setting (four synopses), "ramen" and "shop" rarer; A says ramen three times, B has Osaka.
        var products = new[]
        {
            TestCatalog.Product("MA-A", "One", "一", synopsisEn: "ramen ramen ramen shop kobe", synopsisJa: string.Empty),
            TestCatalog.Product("MA-B", "Two", "二", synopsisEn: "ramen shop osaka", synopsisJa: string.Empty),
            TestCatalog.Product("MA-C", "Three", "三", synopsisEn: "osaka bridge", synopsisJa: string.Empty),
            TestCatalog.Product("MA-D", "Four", "四", synopsisEn: "osaka market", synopsisJa: string.Empty),
            TestCatalog.Product("MA-E", "Five", "五", synopsisEn: "osaka harbor", synopsisJa: string.Empty),
            TestCatalog.Product("MA-F", "Six", "六", synopsisEn: "kobe lighthouse", synopsisJa: string.Empty),
        };
        var index = Bm25Index.Build(products.Select(EmbeddedProductIndex.DocumentFieldsOf).ToArray(), Settings.K1, Settings.B, coordination);
        var terms = QueryTerms.Select(t => index.TryGetTerm(t, out var id) ? id : throw new InvalidOperationException(t)).ToArray();
        var fieldWeights = new float[IndexFields.Count];
        fieldWeights[(int)IndexField.Synopsis] = 1f;
        var scores = new float[products.Length];

        index.Score(terms, [1f, 1f, 1f], fieldWeights, Settings.CoverageFloor, Settings.ExactNameBoost, scores);

        return [.. scores.Select((score, d) => (score, d)).OrderByDescending(s => s.score).Take(2).Select(s => products[s.d].Id)];
    }
}
