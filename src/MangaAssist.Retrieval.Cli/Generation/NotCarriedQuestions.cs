using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Evaluation;

namespace MangaAssist.Retrieval.Cli.Generation;

/// <summary>Questions about titles and authors the store does not carry: no relevant product, the right result is none.</summary>
internal static class NotCarriedQuestions
{
    private static readonly string[] TitleEn = ["Do you have {0}?", "{0}", "is {0} in stock", "{0} volume 1", "how much is {0}"];
    private static readonly string[] TitleJa = ["{0}はありますか？", "{0}の在庫ある？", "{0}", "{0}を探しています"];
    private static readonly string[] AuthorEn = ["manga by {0}", "{0} books", "anything by {0}?"];
    private static readonly string[] AuthorJa = ["{0}の作品を教えて", "{0}先生の漫画"];

    public static void Add(DeterministicRandom random, IReadOnlyList<MangaProduct> products, int count, AddQuestion add)
    {
        var titles = products.Select(p => p.Title).ToHashSet(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < count; i++)
        {
            switch (i % 8)
            {
                case 0:
                    add(ShopperQuestionGenerator.Format(random.Pick(TitleEn), random.Pick(NotCarried.RealTitlesEn)), QueryLanguage.En, QueryKind.NotInCatalog, []);
                    break;
                case 1:
                    add(ShopperQuestionGenerator.Format(random.Pick(TitleJa), random.Pick(NotCarried.RealTitlesJa)), QueryLanguage.Ja, QueryKind.NotInCatalog, []);
                    break;
                case 2:
                    add(ShopperQuestionGenerator.Format(random.Pick(TitleEn), random.Pick(NotCarried.RealTitlesRomaji)), QueryLanguage.Romaji, QueryKind.NotInCatalog, []);
                    break;
                case 3:
                    add(ShopperQuestionGenerator.Format(random.Pick(AuthorEn), random.Pick(NotCarried.RealAuthorsEn)), QueryLanguage.En, QueryKind.NotInCatalog, []);
                    break;
                case 4:
                    add(ShopperQuestionGenerator.Format(random.Pick(AuthorJa), random.Pick(NotCarried.RealAuthorsJa)), QueryLanguage.Ja, QueryKind.NotInCatalog, []);
                    break;
                case 5:
                {
                    var adjective = random.Pick(NotCarried.InventedAdjectives);
                    var noun = random.Pick(NotCarried.InventedNouns);
                    var title = random.Chance(0.5) ? $"The {adjective.En} {noun.En}" : $"{noun.En} of the {adjective.En} {random.Pick(NotCarried.InventedNouns).En}";
                    if (!titles.Contains(title))
                    {
                        add(ShopperQuestionGenerator.Format(random.Pick(TitleEn), title), QueryLanguage.En, QueryKind.NotInCatalog, []);
                    }

                    break;
                }

                case 6:
                {
                    var title = random.Pick(NotCarried.InventedAdjectives).Ja + random.Pick(NotCarried.InventedNouns).Ja;
                    add(ShopperQuestionGenerator.Format(random.Pick(TitleJa), title), QueryLanguage.Ja, QueryKind.NotInCatalog, []);
                    break;
                }

                default:
                    add(random.Pick(NotCarried.RealTitlesEn) + "の新刊ある？", QueryLanguage.Mixed, QueryKind.NotInCatalog, []);
                    break;
            }
        }
    }
}
