using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Evaluation;

namespace MangaAssist.Retrieval.Cli.Generation;

/// <summary>
/// Dev-only story descriptions that name a hero (a phrase of several words) and a setting (usually one word) next to
/// the premise, hero first or setting first, EN, JA and mixed: the kind of question where a story with the asked hero in
/// another place can outrank the asked premise in the asked place. Labelled from the generator's facts like
/// <see cref="DescriptionQuestions"/>, on their own random stream so every earlier question stays byte for byte.
/// </summary>
internal static class DevFacetQuestions
{
    /// <summary>Placeholders: {0} genre, {1} premise keywords, {2} setting, {3} hero.</summary>
    private static readonly string[] English =
    [
        "a story about {3} in {2}: {1}",
        "{3} and {1} in {2}",
        "in {2}, {3} gets caught up in {1}",
        "{2} {0} manga with {3}, {1}",
        "looking for {1} with {3} as the lead, somewhere in {2}",
    ];

    private static readonly string[] Japanese =
    [
        "{2}を舞台にした{3}の{1}の話",
        "{3}が主人公の{1}の漫画、舞台は{2}",
        "舞台は{2}で主人公は{3}、{1}の{0}漫画",
        "{3}が出てくる{2}の{1}の物語",
        "{2}で{3}が活躍する{0}作品、{1}",
    ];

    /// <summary>Mixed: hero and setting in one language, premise in the other.</summary>
    private static readonly string[] Mixed =
    [
        "{0} in {1}, {2}の話",
        "{0}が主人公で{1}が舞台, {2}",
    ];

    public static void Add(DeterministicRandom random, GeneratedCatalog catalog, HashSet<string> used, int count, AddQuestion add) =>
        DevStoryQuestions.Add(random, catalog, used, count, add, English, Japanese, static (random, words) =>
            random.Chance(0.5)
                ? ShopperQuestionGenerator.Format(Mixed[0], words.HeroEn, words.SettingEn, words.PremiseJa)
                : ShopperQuestionGenerator.Format(Mixed[1], words.HeroJa, words.SettingJa, words.PremiseEn));
}
