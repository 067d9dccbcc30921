using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Evaluation;

namespace MangaAssist.Retrieval.Cli.Generation;

/// <summary>Story descriptions (premise, setting, hero) in the shopper's words, labelled from the generator's facts.</summary>
internal static class DescriptionQuestions
{
    private static readonly string[] English =
    [
        "a {0} manga about {1} in {2}",
        "looking for a story with {3} and {1}, set in {2}",
        "manga where {3} ends up {1} ({2})",
        "{1} story set in {2}",
    ];

    private static readonly string[] Japanese =
    [
        "{2}が舞台の{0}漫画で、{3}が主人公の{1}の話",
        "{1}を描いた{0}作品（舞台は{2}）",
        "{3}が{2}で活躍する{1}の漫画",
    ];

    public static void Add(DeterministicRandom random, GeneratedCatalog catalog, HashSet<string> used, int count, AddQuestion add)
    {
        for (var i = 0; i < count; i++)
        {
            var (target, relevant) = PickStory(random, catalog.Facts, used);
            var words = StoryWords.Of(target);
            if (i % 2 == 0)
            {
                add(words.English(random.Pick(English)), QueryLanguage.En, QueryKind.Description, relevant);
            }
            else
            {
                add(words.Japanese(random.Pick(Japanese)), QueryLanguage.Ja, QueryKind.Description, relevant);
            }
        }
    }

    /// <summary>
    /// A product not asked about yet whose genre, premise and setting at most three products share, and its labels:
    /// 3 for those with the same hero too, 2 for the others.
    /// </summary>
    internal static (ProductFacts Target, List<RelevantProduct> Relevant) PickStory(DeterministicRandom random, IReadOnlyList<ProductFacts> facts, HashSet<string> used)
    {
        ProductFacts target;
        do
        {
            target = facts[random.Next(facts.Count)];
        }
        while (used.Contains(target.ProductId) || facts.Count(o => Same(o, target)) > 3);

        used.Add(target.ProductId);
        var relevant = facts.Where(o => Same(o, target))
            .Select(o => new RelevantProduct(o.ProductId, o.Story.Role == target.Story.Role ? 3 : 2))
            .OrderByDescending(r => r.Grade)
            .ToList();
        return (target, relevant);
    }

    private static bool Same(ProductFacts a, ProductFacts b) =>
        a.PrimaryGenre == b.PrimaryGenre && a.Story.Premise == b.Story.Premise && a.Story.Setting == b.Story.Setting;
}
