using System.Text.RegularExpressions;

namespace MangaAssist.Retrieval.Understanding;

/// <summary>
/// A setting the shopper marks as one ("set in Nara", "takes place in Kyoto", 舞台は奈良, 大阪を舞台にした, 月面が舞台の,
/// or an "in …" of up to four words that ends the question: "… deals with a late-night diner in Nara") is a requirement of the
/// story, usually one word against a hero or premise of several. Its words are searched twice, which doubles their
/// query weight (repeats sum), so a story in that setting is not outranked by one that only shares the longer parts.
/// </summary>
internal static partial class SettingEmphasis
{
    public static string Emphasise(string searched)
    {
        var match = Marked().Match(searched);
        if (!match.Success)
        {
            return searched;
        }

        var setting = match.Groups["en"].Success ? match.Groups["en"] : match.Groups["ja"].Success ? match.Groups["ja"] : match.Groups["before"].Success ? match.Groups["before"] : match.Groups["last"];
        return setting.Length == 0 ? searched : string.Concat(searched, " ", setting.ValueSpan);
    }

    // English: the words after "set in" (or "takes place in") up to a clause word or punctuation; Japanese: the phrase after 舞台は / 舞台が, or the one
    // before が舞台 / を舞台に back to a clause boundary; else a closing "in …" (where English puts the place).
    [GeneratedRegex(@"\b(?:set|takes\s+place|taking\s+place|located)\s+in\s+(?<en>[^,.;:!?()]+?)(?=\s+(?:about|where|with|and|that|which|who|featuring)\b|[,.;:!?()]|$)|舞台[はが](?<ja>[^、。,.!?！？（）()「」\s]+)|(?<before>[^、。,.!?！？（）()「」\sでは]+)(?:が|を)舞台|\bin\s+(?<last>(?:\S+\s+){0,3}?[^\s,.;:!?()]+)\s*[.!?]?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Marked();
}
