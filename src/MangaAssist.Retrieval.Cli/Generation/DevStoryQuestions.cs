using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Evaluation;

namespace MangaAssist.Retrieval.Cli.Generation;

/// <summary>
/// The loop the dev-only description sets share: each question asks for a story no earlier question labels, labelled
/// from the generator's facts, two in five English, two Japanese, one mixed. The sets differ only in their phrasings.
/// </summary>
internal static class DevStoryQuestions
{
    /// <param name="english">Templates with {0} genre, {1} premise keywords, {2} setting, {3} hero (also <paramref name="japanese"/>).</param>
    /// <param name="mixed">Writes the mixed-language question; called where the loop would draw it, so the random stream stays as it was.</param>
    public static void Add(
        DeterministicRandom random,
        GeneratedCatalog catalog,
        HashSet<string> used,
        int count,
        AddQuestion add,
        string[] english,
        string[] japanese,
        Func<DeterministicRandom, StoryWords, string> mixed)
    {
        for (var i = 0; i < count; i++)
        {
            var (target, relevant) = DescriptionQuestions.PickStory(random, catalog.Facts, used);
            used.UnionWith(relevant.Select(r => r.ProductId));
            var words = StoryWords.Of(target);
            switch (i % 5)
            {
                case 0 or 1:
                    add(words.English(random.Pick(english)), QueryLanguage.En, QueryKind.Description, relevant);
                    break;
                case 2 or 3:
                    add(words.Japanese(random.Pick(japanese)), QueryLanguage.Ja, QueryKind.Description, relevant);
                    break;
                default:
                    add(mixed(random, words), QueryLanguage.Mixed, QueryKind.Description, relevant);
                    break;
            }
        }
    }
}
