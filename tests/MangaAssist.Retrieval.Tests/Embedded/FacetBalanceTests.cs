using MangaAssist.Retrieval.Embedded;
using MangaAssist.Retrieval.Tests.Support;
using MangaAssist.Retrieval.Text;

namespace MangaAssist.Retrieval.Tests.Embedded;

/// <summary>
/// The facet balance of the synopsis weights: a hero of three words no longer outweighs a premise and a setting
/// marked twice just by its length, and a question of one facet scores exactly as without the balance.
/// </summary>
public class FacetBalanceTests
{
    private static readonly EmbeddedIndexSettings Settings = new();

    // H has the three-word hero and the premise, in Kobe; S has the premise in Osaka with another hero. Hero words and
    // premise are in three synopses each, Osaka in two: weighed by words, H wins; by facets, the marked setting does.
    private static readonly MangaAssist.Retrieval.Catalog.MangaProduct[] Products =
    [
        TestCatalog.Product("MA-H", "One", "一", synopsisEn: "lonely runaway heiress bakery kobe", synopsisJa: string.Empty),
        TestCatalog.Product("MA-S", "Two", "二", synopsisEn: "timid clerk bakery osaka harbor", synopsisJa: string.Empty),
        TestCatalog.Product("MA-C", "Three", "三", synopsisEn: "lonely runaway farmer", synopsisJa: string.Empty),
        TestCatalog.Product("MA-D", "Four", "四", synopsisEn: "lonely heiress gala", synopsisJa: string.Empty),
        TestCatalog.Product("MA-E", "Five", "五", synopsisEn: "runaway heiress train", synopsisJa: string.Empty),
        TestCatalog.Product("MA-F", "Six", "六", synopsisEn: "bakery fire", synopsisJa: string.Empty),
        TestCatalog.Product("MA-G", "Seven", "七", synopsisEn: "osaka castle", synopsisJa: string.Empty),
        TestCatalog.Product("MA-I", "Eight", "八", synopsisEn: "timid cat", synopsisJa: string.Empty),
    ];

    [Fact]
    public void WithoutTheBalance_TheLongHeroWins_TheSetupTheFeatureIsFor()
    {
        var (unbalanced, _) = Scores("lonely runaway heiress, bakery, osaka osaka");

        unbalanced[0].ShouldBeGreaterThan(unbalanced[1]);
    }

    [Fact]
    public void WithTheBalance_ThePremiseInTheMarkedSettingWins()
    {
        var (_, balanced) = Scores("lonely runaway heiress, bakery, osaka osaka");

        balanced[1].ShouldBeGreaterThan(balanced[0]);
    }

    [Fact]
    public void AQuestionOfOneFacet_ScoresAsWithoutTheBalance()
    {
        var (unbalanced, balanced) = Scores("lonely runaway heiress bakery");

        balanced.ShouldBe(unbalanced, tolerance: 1e-4);
    }

    // H has the hero the question names (引退した殺し屋, retired hitman), P the premise (和菓子, wagashi contest); each in two
    // synopses, in both languages.
    private static readonly MangaAssist.Retrieval.Catalog.MangaProduct[] HeroAndPremise =
    [
        TestCatalog.Product("MA-H", "One", "一", synopsisEn: "retired hitman travels", synopsisJa: "引退した殺し屋が旅に出る"),
        TestCatalog.Product("MA-P", "Two", "二", synopsisEn: "girl wins wagashi contest", synopsisJa: "少女が和菓子の店を継ぐ"),
        TestCatalog.Product("MA-C", "Three", "三", synopsisEn: "retired hitman holiday", synopsisJa: "引退した殺し屋の休日"),
        TestCatalog.Product("MA-D", "Four", "四", synopsisEn: "wagashi contest festival", synopsisJa: "和菓子の祭り"),
        TestCatalog.Product("MA-E", "Five", "五", synopsisEn: "harbor lighthouse keeper", synopsisJa: "港町の灯台守"),
        TestCatalog.Product("MA-F", "Six", "六", synopsisEn: "snow country mail", synopsisJa: "雪国の郵便配達"),
    ];

    [Theory]
    [InlineData("引退した殺し屋が主人公の和菓子の話", "引退した殺し屋、和菓子の話")]
    [InlineData("主人公は引退した殺し屋、和菓子の話", "引退した殺し屋、和菓子の話")]
    [InlineData("I want a story where a retired hitman deals with a wagashi contest", "a retired hitman, wagashi contest")]
    [InlineData("in Kyoto, a retired hitman gets caught up in a wagashi contest", "a retired hitman, wagashi contest")]
    [InlineData("a wagashi contest with a retired hitman as the lead", "a retired hitman, wagashi contest")]
    public void AHeroTheShopperMarks_WeighsLessThanThePremise(string question, string unmarkedQuestion)
    {
        var (_, unmarked) = Scores(unmarkedQuestion, HeroAndPremise);
        var (_, marked) = Scores(question, HeroAndPremise);

        marked[1].ShouldBeGreaterThan(marked[0], "the premise outranks the marked hero");
        (marked[0] / marked[1]).ShouldBeLessThan(unmarked[0] / unmarked[1], "marking the hero lowers it against the premise");
    }

    private static (float[] Unbalanced, float[] Balanced) Scores(string question) => Scores(question, Products);

    private static (float[] Unbalanced, float[] Balanced) Scores(string question, MangaAssist.Retrieval.Catalog.MangaProduct[] products)
    {
        var index = Bm25Index.Build(products.Select(EmbeddedProductIndex.DocumentFieldsOf).ToArray(), Settings.K1, Settings.B);
        var termIds = new int[QueryTermSink.MaxTerms];
        var weights = new float[QueryTermSink.MaxTerms];
        var sink = new QueryTermSink(index, null, termIds, weights);
        var normalized = TextNormalizer.Normalize(question);
        Tokenizer.Tokenize(normalized, ref sink, dropStopWords: true);
        var fieldWeights = new float[IndexFields.Count];
        fieldWeights[(int)IndexField.Synopsis] = 1f;
        var unbalanced = new float[products.Length];
        var balanced = new float[products.Length];

        index.Score(termIds.AsSpan(0, sink.Count), weights.AsSpan(0, sink.Count), fieldWeights, Settings.CoverageFloor, Settings.ExactNameBoost, unbalanced);
        index.Score(normalized, termIds.AsSpan(0, sink.Count), weights.AsSpan(0, sink.Count), fieldWeights, Settings.CoverageFloor, Settings.ExactNameBoost, balanced);
        return (unbalanced, balanced);
    }
}
