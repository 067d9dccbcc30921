using MangaAssist.Retrieval.Embedded;
using MangaAssist.Retrieval.Text;
using MangaAssist.Retrieval.Tests.Support;

namespace MangaAssist.Retrieval.Tests.Embedded;

public class Bm25IndexTests
{
    private static readonly EmbeddedIndexSettings Settings = new();

    [Fact]
    public void Build_CountsDocumentFrequencyPerField()
    {
        var index = Bm25Index.Build(TestCatalog.Small().Select(EmbeddedProductIndex.DocumentFieldsOf).ToArray(), Settings.K1, Settings.B);

        index.TryGetTerm("wcrimson", out var crimson).ShouldBeTrue();
        index.DocumentFrequency(IndexField.TitleEn, crimson).ShouldBe(2);
        index.DocumentFrequency(IndexField.Synopsis, crimson).ShouldBe(0);
        index.TryGetTerm("wharuto", out var haruto).ShouldBeTrue();
        index.DocumentFrequency(IndexField.Synopsis, haruto).ShouldBe(2);
        index.TryGetTerm("b厨房", out var kitchen).ShouldBeTrue();
        index.DocumentFrequency(IndexField.TitleJa, kitchen).ShouldBe(1);
        index.TryGetTerm("wnonexistent", out _).ShouldBeFalse();
    }

    [Fact]
    public void Search_RareTermOutweighsCommonTerm()
    {
        var products = new[]
        {
            TestCatalog.Product("MA-A", "One", "一", synopsisEn: "harbor lighthouse"),
            TestCatalog.Product("MA-B", "Two", "二", synopsisEn: "harbor market"),
            TestCatalog.Product("MA-C", "Three", "三", synopsisEn: "harbor bridge"),
            TestCatalog.Product("MA-D", "Four", "四", synopsisEn: "mountain lighthouse"),
        };
        var index = EmbeddedProductIndex.Build(products, [], 0, Settings);

        // "harbor" is in three synopses, "market" in one: the rarer word decides.
        index.Search("harbor market", default, 4, null)[0].ProductId.ShouldBe("MA-B");
        index.Search("harbor lighthouse", default, 4, null)[0].ProductId.ShouldBe("MA-A");
    }

    [Fact]
    public void Search_FullTitleMatchOutranksLongerTitleWithTheSameWords()
    {
        var index = Build();

        var results = index.Search("Crimson Blade", default, 2, null);

        results.Select(r => r.ProductId).ShouldBe(["MA-1", "MA-2"]);
        results[0].Score.ShouldBeGreaterThan(results[1].Score);
    }

    [Fact]
    public void Search_TitleCoverage_PrefersTheNamedTitleOverOneSharingAWordWithADescription()
    {
        var products = new[]
        {
            TestCatalog.Product("MA-A", "Forest Academy", "森の学園", synopsisEn: "A quiet slice of life."),
            TestCatalog.Product("MA-B", "Golden Forest Kingdom Road", "黄金の森", synopsisEn: "Aoi forms a contract with a spirit of the forest in Okinawa."),
        };
        var index = EmbeddedProductIndex.Build(products, [], 0, Settings);

        index.Search("Forest Academy", default, 2, null)[0].ProductId.ShouldBe("MA-A");
        index.Search("a contract with a forest spirit in Okinawa", default, 2, null)[0].ProductId.ShouldBe("MA-B");
    }

    [Fact]
    public void Search_Typo_IsFoundThroughTrigrams()
    {
        Build().Search("crimsn blaed", default, 1, null)[0].ProductId.ShouldBe("MA-1");
    }

    [Fact]
    public void Search_JapaneseTitleWithRequestPhrase_FindsTheTitle()
    {
        Build().Search("静かなる厨房はありますか？", default, 1, null)[0].ProductId.ShouldBe("MA-3");
    }

    [Fact]
    public void Search_Author_InEitherScript()
    {
        var index = Build();

        index.Search("manga by Abe Koji", default, 2, null).Select(r => r.ProductId).ShouldBe(["MA-5", "MA-6"], ignoreOrder: true);
        index.Search("阿部浩二の作品", default, 2, null).Select(r => r.ProductId).ShouldBe(["MA-5", "MA-6"], ignoreOrder: true);
    }

    [Fact]
    public void Grams_AWordSharingTwoTrigramsWithATitle_WeighsTheShareOfTheNameItCovers()
    {
        // "comeback" (a story word no product has) shares "ack" and "ck " with "Black": a slip of no name, so its
        // trigram match must not weigh like a typed title.
        var products = new[]
        {
            TestCatalog.Product("MA-A", "Black Sword", "黒い剣", synopsisEn: "A swordsman guards a mountain temple."),
            TestCatalog.Product("MA-B", "Quiet Harbor", "静かな港", synopsisEn: "A pianist prepares for a piano competition."),
        };
        var index = Bm25Index.Build(products.Select(EmbeddedProductIndex.DocumentFieldsOf).ToArray(), Settings.K1, Settings.B);
        var termIds = new int[QueryTermSink.MaxTerms];
        var weights = new float[QueryTermSink.MaxTerms];
        var sink = new QueryTermSink(index, null, termIds, weights);
        Tokenizer.Tokenize("comeback", ref sink, dropStopWords: true);
        var fieldWeights = new float[IndexFields.Count];
        fieldWeights[(int)IndexField.Grams] = 1f;
        var scaled = new float[products.Length];
        var unscaled = new float[products.Length];

        index.Score(termIds.AsSpan(0, sink.Count), weights.AsSpan(0, sink.Count), fieldWeights, Settings.CoverageFloor, Settings.ExactNameBoost, scaled);
        index.Score(termIds.AsSpan(0, sink.Count), weights.AsSpan(0, sink.Count), fieldWeights, coverageFloor: 1f, exactNameBoost: 1f, unscaled);

        unscaled[0].ShouldBeGreaterThan(0f);
        scaled[0].ShouldBeLessThan(unscaled[0] * 0.3f);
    }

    private static EmbeddedProductIndex Build() => EmbeddedProductIndex.Build(TestCatalog.Small(), [], 0, Settings);
}
