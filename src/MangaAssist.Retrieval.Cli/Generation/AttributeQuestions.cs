using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Evaluation;

namespace MangaAssist.Retrieval.Cli.Generation;

/// <summary>
/// Questions that are constraints, not names: status, volume ranges, decades and years, price, availability,
/// demographic and genre, "for kids". Every product that satisfies all constraints is relevant (grade 2); a
/// question is kept only when 1–60 products qualify.
/// </summary>
internal static class AttributeQuestions
{
    private sealed record Template(string Text, QueryLanguage Language, Func<MangaProduct, Facts, bool> Matches);

    /// <summary>The values a template is filled with, drawn from one catalog product so that something qualifies.</summary>
    private sealed record Facts(GenreInfo Genre, Demographic Demographic, int Volumes, int Decade, int Year, int Price);

    private static readonly Template[] Templates =
    [
        new("completed {demo} {genre} under {vol} volumes", QueryLanguage.En, (p, f) => p.Status == PublicationStatus.Completed && p.Demographic == f.Demographic && Has(p, f) && p.Volumes < f.Volumes),
        new("short {demo} {genre}, {vol} volumes or less", QueryLanguage.En, (p, f) => p.Demographic == f.Demographic && Has(p, f) && p.Volumes <= f.Volumes),
        new("{genre} manga from the {decade2}s", QueryLanguage.En, (p, f) => Has(p, f) && p.FirstPublishedYear / 10 * 10 == f.Decade),
        new("ongoing {genre} manga in stock", QueryLanguage.En, (p, f) => Has(p, f) && p.Status == PublicationStatus.Ongoing && InStock(p)),
        new("{demo} {genre} under {price} yen", QueryLanguage.En, (p, f) => p.Demographic == f.Demographic && Has(p, f) && p.PriceJpy < f.Price),
        new("{genre} manga for kids", QueryLanguage.En, (p, f) => Has(p, f) && p.Demographic == Demographic.Kodomo),
        new("finished {genre} series published after {year}", QueryLanguage.En, (p, f) => Has(p, f) && p.Status == PublicationStatus.Completed && p.FirstPublishedYear > f.Year),
        new("{demo} {genre} that is completed and in stock", QueryLanguage.En, (p, f) => p.Demographic == f.Demographic && Has(p, f) && p.Status == PublicationStatus.Completed && InStock(p)),
        new("完結済みの{demoJa}{genreJa}漫画、{vol}巻以内", QueryLanguage.Ja, (p, f) => p.Status == PublicationStatus.Completed && p.Demographic == f.Demographic && Has(p, f) && p.Volumes <= f.Volumes),
        new("{decade}年代の{genreJa}漫画", QueryLanguage.Ja, (p, f) => Has(p, f) && p.FirstPublishedYear / 10 * 10 == f.Decade),
        new("連載中の{genreJa}で在庫あり", QueryLanguage.Ja, (p, f) => Has(p, f) && p.Status == PublicationStatus.Ongoing && InStock(p)),
        new("{price}円以下の{demoJa}{genreJa}", QueryLanguage.Ja, (p, f) => p.Demographic == f.Demographic && Has(p, f) && p.PriceJpy <= f.Price),
        new("子供向けの{genreJa}漫画", QueryLanguage.Ja, (p, f) => Has(p, f) && p.Demographic == Demographic.Kodomo),
        new("{year}年以降に始まった完結した{genreJa}", QueryLanguage.Ja, (p, f) => Has(p, f) && p.Status == PublicationStatus.Completed && p.FirstPublishedYear >= f.Year),
        new("完結した {demo} {genre}, {vol}巻以下", QueryLanguage.Mixed, (p, f) => p.Status == PublicationStatus.Completed && p.Demographic == f.Demographic && Has(p, f) && p.Volumes <= f.Volumes),
        new("{genre} manga 連載中 in stock", QueryLanguage.Mixed, (p, f) => Has(p, f) && p.Status == PublicationStatus.Ongoing && InStock(p)),
    ];

    private static readonly string[] DemographicsEn = ["shonen", "shojo", "seinen", "josei", "kids"];

    public static void Add(DeterministicRandom random, IReadOnlyList<MangaProduct> products, int count, AddQuestion add)
    {
        var added = 0;
        for (var attempt = 0; added < count && attempt < count * 50; attempt++)
        {
            var template = Templates[added % Templates.Length];
            var seed = products[random.Next(products.Count)];
            var genre = Genres.Find(random.Pick(seed.Genres))!;
            var facts = new Facts(genre, seed.Demographic, Math.Max(2, RoundUp(seed.Volumes + random.Next(1, 6), 5)), seed.FirstPublishedYear / 10 * 10,
                seed.FirstPublishedYear - random.Next(0, 4), RoundUp(seed.PriceJpy + 1, 100));
            if (template.Text.Contains("{demo", StringComparison.Ordinal) && seed.Demographic == Demographic.Kodomo)
            {
                continue;
            }

            var relevant = products.Where(p => template.Matches(p, facts)).Select(p => new RelevantProduct(p.Id, 2)).ToList();
            if (relevant.Count is < 1 or > 60)
            {
                continue;
            }

            var text = template.Text
                .Replace("{demoJa}", Demographics.Japanese(facts.Demographic), StringComparison.Ordinal)
                .Replace("{genreJa}", genre.Japanese, StringComparison.Ordinal)
                .Replace("{demo}", DemographicsEn[(int)facts.Demographic], StringComparison.Ordinal)
                .Replace("{genre}", genre.English.ToLowerInvariant(), StringComparison.Ordinal)
                .Replace("{vol}", facts.Volumes.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{decade2}", (facts.Decade % 100).ToString("D2", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{decade}", facts.Decade.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{year}", facts.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{price}", facts.Price.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            add(text, template.Language, QueryKind.Attribute, relevant);
            added++;
        }
    }

    /// <summary>"In stock" includes the last few copies (low stock): a shopper can buy either today.</summary>
    private static bool InStock(MangaProduct p) => p.Availability is Availability.InStock or Availability.LowStock;

    private static bool Has(MangaProduct p, Facts f) => p.Genres.Contains(f.Genre.Key, StringComparer.Ordinal);

    private static int RoundUp(int value, int step) => (value + step - 1) / step * step;
}
