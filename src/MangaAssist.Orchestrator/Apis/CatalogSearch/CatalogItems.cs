using System.Text.Json;
using MangaAssist.Retrieval;
using MangaAssist.Retrieval.Catalog;

namespace MangaAssist.Orchestrator.Apis.CatalogSearch;

/// <summary>Turns a retrieved passage into the API's curated item, with the catalog's fields when the product is known.</summary>
internal static class CatalogItems
{
    /// <summary>Long enough to tell two titles apart, short enough not to republish the synopsis.</summary>
    public const int BlurbChars = 160;

    public static CatalogSearchItem From(RetrievedPassage passage, MangaProduct? product)
    {
        if (product is null)
        {
            // A search backend with products this instance's catalog lacks: what the passage itself names, no text.
            return new CatalogSearchItem(passage.ProductId, passage.Score, passage.Title, passage.JapaneseTitle, null, null, [], null, null, null, null,
                passage.PriceJpy, null, passage.Url, null);
        }

        return new CatalogSearchItem(
            product.Id,
            passage.Score,
            product.Title,
            product.JapaneseTitle,
            product.Author.Name,
            product.SeriesId,
            product.Genres,
            Name(product.Demographic),
            product.Volumes,
            Name(product.Status),
            product.FirstPublishedYear,
            product.PriceJpy,
            Name(product.Availability),
            product.Url,
            Blurb(product.SynopsisEn));
    }

    private static string Name<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    private static string Blurb(string synopsis)
    {
        if (synopsis.Length <= BlurbChars)
        {
            return synopsis;
        }

        var cut = synopsis.LastIndexOf(' ', BlurbChars - 1);
        return string.Concat(synopsis.AsSpan(0, cut > BlurbChars / 2 ? cut : BlurbChars - 1), "…");
    }
}
