using System.Text;
using MangaAssist.Retrieval.Catalog;

namespace MangaAssist.Retrieval.Cli.Generation;

/// <summary>
/// Composes a product's synopsis in English and in Japanese from its <see cref="Story"/>: the premise of the main
/// genre, a line of flavour per further genre and a closing hook; sequels and spin-offs name the work they follow.
/// </summary>
internal static class SynopsisWriter
{
    public static string English(Story story, string primary, IReadOnlyList<string> genres, (string Title, int Hero)? basedOn, SeriesRole role)
    {
        var premise = GenreVocabulary.Premises[primary][story.Premise].En;
        var roleText = Vocabulary.Roles[story.Role].En;
        var setting = Vocabulary.Settings[story.Setting].En;
        var name = Vocabulary.CharacterNames[story.Hero].En;
        var text = new StringBuilder();
        switch (role)
        {
            case SeriesRole.Sequel:
                text.Append("The sequel to ").Append(basedOn!.Value.Title).Append(". Years later, ").Append(name).Append(", now ").Append(roleText)
                    .Append(", ").Append(premise).Append(' ').Append(setting).Append('.');
                break;
            case SeriesRole.SpinOff:
                text.Append("A spin-off of ").Append(basedOn!.Value.Title).Append(" starring ").Append(name).Append(", ").Append(roleText)
                    .Append(", who ").Append(premise).Append(' ').Append(setting).Append('.');
                break;
            default:
                text.Append(name).Append(", ").Append(roleText).Append(", ").Append(premise).Append(' ').Append(setting).Append('.');
                break;
        }

        foreach (var genre in genres.Skip(1))
        {
            text.Append(' ').Append(GenreVocabulary.Flavour[genre].En);
        }

        text.Append(' ').Append(Vocabulary.Hooks[(story.Premise + story.Setting * 3 + story.Role) % Vocabulary.Hooks.Length].En);
        return text.ToString();
    }

    public static string Japanese(Story story, string primary, IReadOnlyList<string> genres, (string Title, int Hero)? basedOn, SeriesRole role)
    {
        var premise = GenreVocabulary.Premises[primary][story.Premise].Ja;
        var roleText = Vocabulary.Roles[story.Role].Ja;
        var setting = Vocabulary.Settings[story.Setting].Ja;
        var name = Vocabulary.CharacterNames[story.Hero].Ja;
        var text = new StringBuilder();
        switch (role)
        {
            case SeriesRole.Sequel:
                text.Append('「').Append(basedOn!.Value.Title).Append("」の続編。数年後、").Append(roleText).Append("となった").Append(name)
                    .Append("は、").Append(setting).Append(premise).Append('。');
                break;
            case SeriesRole.SpinOff:
                text.Append('「').Append(basedOn!.Value.Title).Append("」のスピンオフ。").Append(roleText).Append('の').Append(name)
                    .Append("を主人公に、").Append(setting).Append(premise).Append("姿を描く。");
                break;
            default:
                text.Append(setting).Append('、').Append(roleText).Append('の').Append(name).Append('は').Append(premise).Append('。');
                break;
        }

        foreach (var genre in genres.Skip(1))
        {
            text.Append(GenreVocabulary.Flavour[genre].Ja);
        }

        text.Append(Vocabulary.Hooks[(story.Premise + story.Setting * 3 + story.Role) % Vocabulary.Hooks.Length].Ja);
        return text.ToString();
    }
}
