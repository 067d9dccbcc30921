using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Evaluation;
using MangaAssist.Retrieval.Tests.Support;

namespace MangaAssist.Retrieval.Tests.Evaluation;

/// <summary>The bar, computed on the shipped set with the emulator's embedding function (not hard-coded).</summary>
[Collection(ShippedIndexCollection.Name)]
public class EvaluationBarTests(ShippedIndexFixture fixture)
{
    [Fact]
    public async Task EmbeddedIndex_MeetsTheBar_OverallAndOnTheHeldOutSplit()
    {
        var report = await RetrievalEvaluator.RunAsync(fixture.Retriever, fixture.Queries, CancellationToken.None);

        report.Overall.Queries.ShouldBeGreaterThanOrEqualTo(150);
        report.Overall.RecallAt5.ShouldBeGreaterThanOrEqualTo(0.90);
        report.Overall.Mrr.ShouldBeGreaterThanOrEqualTo(0.75);
        var test = report.BySplit.Single(s => s.Name == "test");
        test.RecallAt5.ShouldBeGreaterThanOrEqualTo(0.90);
        test.Mrr.ShouldBeGreaterThanOrEqualTo(0.75);
        report.ByLanguage.Select(l => l.Name).ShouldBe(["en", "ja", "mixed"]);
    }

    [Fact]
    public async Task EmbeddedIndex_FindsAJapaneseTitleAskedWithHalfWidthKatakana()
    {
        var product = fixture.Catalog.Products.First(p => p.JapaneseTitle.Contains('・', StringComparison.Ordinal) && p.SeriesRole == SeriesRole.Original);
        var halfWidth = ToHalfWidthKatakana(product.JapaneseTitle);
        halfWidth.ShouldNotBe(product.JapaneseTitle);

        var results = await fixture.Retriever.SearchAsync(new RetrievalQuery(halfWidth + "はありますか", 5), CancellationToken.None);

        results[0].ProductId.ShouldBe(product.Id);
    }

    [Fact]
    public async Task EmbeddedIndex_FiltersOnTheShippedCatalog()
    {
        var filters = new RetrievalFilters { Genres = ["romance"], Demographics = [Demographic.Josei], Availability = [Availability.InStock] };

        var results = await fixture.Retriever.SearchAsync(new RetrievalQuery("a fake engagement", 10, filters), CancellationToken.None);

        results.ShouldNotBeEmpty();
        foreach (var result in results)
        {
            var product = fixture.Catalog.Find(result.ProductId)!;
            product.Genres.ShouldContain("romance");
            product.Demographic.ShouldBe(Demographic.Josei);
            product.Availability.ShouldBe(Availability.InStock);
        }
    }

    private static string ToHalfWidthKatakana(string text)
    {
        const string full = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンァィゥェォャュョッー・";
        const string half = "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝｧｨｩｪｫｬｭｮｯｰ･";
        const string voiced = "ガギグゲゴザジズゼゾダヂヅデドバビブベボ";
        const string voicedBase = "カキクケコサシスセソタチツテトハヒフヘホ";
        const string semi = "パピプペポ";
        const string semiBase = "ハヒフヘホ";
        var result = new System.Text.StringBuilder();
        foreach (var c in text)
        {
            var v = voiced.IndexOf(c, StringComparison.Ordinal);
            var s = semi.IndexOf(c, StringComparison.Ordinal);
            var i = full.IndexOf(c, StringComparison.Ordinal);
            if (v >= 0)
            {
                result.Append(half[full.IndexOf(voicedBase[v], StringComparison.Ordinal)]).Append('ﾞ');
            }
            else if (s >= 0)
            {
                result.Append(half[full.IndexOf(semiBase[s], StringComparison.Ordinal)]).Append('ﾟ');
            }
            else
            {
                result.Append(i >= 0 ? half[i] : c);
            }
        }

        return result.ToString();
    }
}
