using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Cli.Commands;
using MangaAssist.Retrieval.Cli.Generation;
using MangaAssist.Retrieval.Evaluation;

namespace MangaAssist.Retrieval.Tests.Catalog;

public class ShippedDataTests
{
    private static readonly ProductCatalog Catalog = ProductCatalog.LoadShipped();
    private static readonly IReadOnlyList<EvaluationQuery> Queries = EvaluationSet.LoadShipped();

    [Fact]
    public void ShippedCatalog_HasEnoughCompleteProducts()
    {
        Catalog.Products.Count.ShouldBeGreaterThanOrEqualTo(2000);
        foreach (var p in Catalog.Products)
        {
            p.Id.ShouldMatch(@"^MA-\d{5}$");
            p.Title.ShouldNotBeNullOrWhiteSpace();
            p.JapaneseTitle.ShouldNotBeNullOrWhiteSpace();
            p.SynopsisEn.ShouldNotBeNullOrWhiteSpace();
            p.SynopsisJa.ShouldNotBeNullOrWhiteSpace();
            p.Genres.ShouldNotBeEmpty();
            p.Genres.ShouldAllBe(g => Genres.Find(g) != null);
            p.PriceJpy.ShouldBeGreaterThan(0);
            p.Volumes.ShouldBeGreaterThan(0);
            p.Url.ShouldStartWith("https://store.mangaassist.example/products/" + p.Id);
        }
    }

    [Fact]
    public void ShippedCatalog_IsHardEnough_SharedAuthorsWordsAndSeries()
    {
        Catalog.Products.GroupBy(p => p.Author.Name).Count(g => g.Count() >= 3).ShouldBeGreaterThan(100);
        Catalog.Products.Count(p => p.SeriesRole == SeriesRole.Sequel).ShouldBeGreaterThan(200);
        Catalog.Products.Count(p => p.SeriesRole == SeriesRole.SpinOff).ShouldBeGreaterThan(100);
        Catalog.Products.SelectMany(p => p.Title.Split(' ')).GroupBy(w => w).Max(g => g.Count()).ShouldBeGreaterThan(50);
        Enum.GetValues<Demographic>().ShouldAllBe(d => Catalog.Products.Any(p => p.Demographic == d));
    }

    [Fact]
    public void ShippedEvaluationSet_CoversEveryKindAndLanguage_WithLabelsFromTheCatalog()
    {
        Queries.Count.ShouldBeGreaterThanOrEqualTo(150);
        // The kinds and languages this first set was written for (the shopper set covers the later ones).
        new[] { QueryKind.Title, QueryKind.Typo, QueryKind.Author, QueryKind.Description, QueryKind.LikeTitle }.ShouldAllBe(k => Queries.Count(q => q.Kind == k) >= 20);
        new[] { QueryLanguage.En, QueryLanguage.Ja, QueryLanguage.Mixed }.ShouldAllBe(l => Queries.Count(q => q.Language == l) >= 20);
        Queries.Select(q => q.Id).ShouldBeUnique();
        Queries.ShouldAllBe(q => q.Relevant.Count > 0 && q.Relevant.Count <= 5);
        Queries.SelectMany(q => q.Relevant).ShouldAllBe(r => Catalog.Find(r.ProductId) != null);
        Queries.Count(q => q.Split == EvaluationSplit.Test).ShouldBeGreaterThan(60);
    }

    [Fact]
    public void Generator_ReproducesTheShippedFilesByteForByte()
    {
        var directory = Path.Combine(Path.GetTempPath(), "mangaassist-catalog-" + Guid.NewGuid().ToString("N"));
        try
        {
            GenerateCatalogCommand.Write(directory, CatalogGenerator.DefaultSeriesCount, CatalogGenerator.DefaultSeed);

            Sha(Path.Combine(directory, "catalog.json")).ShouldBe(ShaOfResource(ProductCatalog.ShippedResourceName));
            Sha(Path.Combine(directory, "evaluation.json")).ShouldBe(ShaOfResource(EvaluationSet.ShippedResourceName));
            Sha(Path.Combine(directory, "shopper-questions.json")).ShouldBe(ShaOfResource(EvaluationSet.ShopperResourceName));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Typo_ChangesTheTitleButKeepsItRecognisable()
    {
        var random = new DeterministicRandom(7);
        for (var i = 0; i < 50; i++)
        {
            var typo = EvaluationSetGenerator.Typo(random, "Lantern of the Frozen Alchemist");
            typo.ShouldNotBe("Lantern of the Frozen Alchemist");
            Math.Abs(typo.Length - "Lantern of the Frozen Alchemist".Length).ShouldBeLessThanOrEqualTo(2);
        }
    }

    private static string Sha(string path) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));

    private static string ShaOfResource(string name)
    {
        using var stream = typeof(ProductCatalog).Assembly.GetManifestResourceStream(name)!;
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(stream));
    }
}
