using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Evaluation;

namespace MangaAssist.Retrieval.Tests.Catalog;

public class ShopperQuestionSetTests
{
    private static readonly ProductCatalog Catalog = ProductCatalog.LoadShipped();
    private static readonly IReadOnlyList<EvaluationQuery> Queries = EvaluationSet.LoadShopper();

    [Fact]
    public void ShopperSet_HasEveryKindAndLanguage_OnBothSplits()
    {
        Queries.Count.ShouldBeGreaterThanOrEqualTo(400);
        Queries.Select(q => q.Id).ShouldBeUnique();
        foreach (var kind in new[] { QueryKind.Title, QueryKind.Typo, QueryKind.Author, QueryKind.Series, QueryKind.Description, QueryKind.Romaji, QueryKind.Attribute, QueryKind.NotInCatalog })
        {
            Queries.Count(q => q.Kind == kind && q.Split == EvaluationSplit.Dev).ShouldBeGreaterThanOrEqualTo(10, kind.ToString());
            Queries.Count(q => q.Kind == kind && q.Split == EvaluationSplit.Test).ShouldBeGreaterThanOrEqualTo(10, kind.ToString());
        }

        Enum.GetValues<QueryLanguage>().ShouldAllBe(l => Queries.Count(q => q.Language == l) >= 30);
    }

    [Fact]
    public void ShopperSet_LabelsExistingProducts_AndOnlyNotInCatalogHasNone()
    {
        Queries.SelectMany(q => q.Relevant).ShouldAllBe(r => Catalog.Find(r.ProductId) != null);
        Queries.Where(q => q.Kind == QueryKind.NotInCatalog).ShouldAllBe(q => q.Relevant.Count == 0);
        Queries.Where(q => q.Kind != QueryKind.NotInCatalog).ShouldAllBe(q => q.Relevant.Count > 0);
    }

    [Fact]
    public void AttributeQuestions_AreLabelledByTheProductsAttributes()
    {
        // "completed … under N volumes": every labelled product is completed and shorter than N.
        var completed = Queries.Where(q => q.Kind == QueryKind.Attribute && q.Text.StartsWith("completed ", StringComparison.Ordinal)).ToList();
        completed.ShouldNotBeEmpty();
        foreach (var query in completed)
        {
            var limit = int.Parse(query.Text.Split(' ')[^2], System.Globalization.CultureInfo.InvariantCulture);
            query.Relevant.Select(r => Catalog.Find(r.ProductId)!).ShouldAllBe(p => p.Status == PublicationStatus.Completed && p.Volumes < limit);
        }
    }

    [Fact]
    public void ShippedCatalog_CarriesAReadingForEveryTitle()
    {
        Catalog.Products.ShouldAllBe(p => p.JapaneseTitleReading.Length > 0);
        Catalog.Products.Where(p => !p.JapaneseTitle.Any(char.IsAsciiLetter))
            .ShouldAllBe(p => p.JapaneseTitleReading.All(c => c == ' ' || c == 'ー' || (c >= '\u3041' && c <= '\u3096')));
    }
}
