using MangaAssist.Retrieval.Catalog;

namespace MangaAssist.Retrieval.Cli.Generation;

/// <summary>
/// The words a story-description question is written from, as the generator wrote the product: genre, premise,
/// setting and hero, in English and Japanese. Templates take them as {0} genre, {1} premise, {2} setting, {3} hero.
/// </summary>
internal sealed record StoryWords(
    string GenreEn, string GenreJa, string PremiseEn, string PremiseJa, string SettingEn, string SettingJa, string HeroEn, string HeroJa)
{
    public static StoryWords Of(ProductFacts target)
    {
        var story = target.Story;
        var premise = GenreVocabulary.Premises[target.PrimaryGenre][story.Premise];
        var setting = Vocabulary.Settings[story.Setting];
        var role = Vocabulary.Roles[story.Role];
        var genre = Genres.Find(target.PrimaryGenre)!;
        return new(genre.English.ToLowerInvariant(), genre.Japanese, premise.KeyEn, premise.KeyJa, setting.KeyEn, setting.KeyJa, role.En, role.Ja);
    }

    public string English(string template) => ShopperQuestionGenerator.Format(template, GenreEn, PremiseEn, SettingEn, HeroEn);

    public string Japanese(string template) => ShopperQuestionGenerator.Format(template, GenreJa, PremiseJa, SettingJa, HeroJa);
}
