using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Evaluation;

namespace MangaAssist.Retrieval.Cli.Generation;

/// <summary>
/// More story descriptions for the dev split only, in phrasings the first 44 do not use (EN, JA and mixed), so that
/// tuning descriptions has enough dev questions to see a change. Each asks for a story no earlier question labels,
/// labelled from the generator's facts (genre, premise, setting, hero) like <see cref="DescriptionQuestions"/>, and
/// drawn from its own random stream so the questions written before them stay byte for byte as they were.
/// </summary>
internal static class DevDescriptionQuestions
{
    /// <summary>Placeholders: {0} genre, {1} premise keywords, {2} setting, {3} hero.</summary>
    private static readonly string[] English =
    [
        "any {0} manga set in {2} about {1}?",
        "I want a story where {3} deals with {1} in {2}",
        "{1}, takes place in {2}, {0}",
        "recommend something about {1} set in {2}",
    ];

    private static readonly string[] Japanese =
    [
        "{2}を舞台にした{1}の漫画ある？",
        "{1}の話で、舞台が{2}のやつ",
        "{3}が主人公で{2}が舞台の{0}漫画を探しています。{1}の話です",
        "舞台は{2}、{1}がテーマの作品",
    ];

    /// <summary>Mixed: {0} premise in one language, {1} setting in the other.</summary>
    private static readonly string[] Mixed =
    [
        "{1}が舞台の{0}の manga",
        "{0} story, 舞台は{1}",
    ];

    public static void Add(DeterministicRandom random, GeneratedCatalog catalog, HashSet<string> used, int count, AddQuestion add) =>
        DevStoryQuestions.Add(random, catalog, used, count, add, English, Japanese, static (random, words) =>
        {
            var japanesePremise = random.Chance(0.5);
            return ShopperQuestionGenerator.Format(
                random.Pick(Mixed), japanesePremise ? words.PremiseJa : words.PremiseEn, japanesePremise ? words.SettingEn : words.SettingJa);
        });
}
