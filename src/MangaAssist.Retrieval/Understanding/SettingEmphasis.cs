using System.Text.RegularExpressions;

namespace MangaAssist.Retrieval.Understanding;

/// <summary>
/// A setting the shopper marks as one ("set in Nara", "takes place in Kyoto", 舞台は奈良, 大阪を舞台にした, 月面が舞台の,
/// an "in …" of up to four words that ends the question: "… deals with a late-night diner in Nara", or a place that
/// opens it: "in Osaka, …", 温泉街で…) is a requirement of the story, usually one word against a hero or premise of
/// several. Its words are searched twice, which doubles their query weight (repeats sum), so a story in that setting is
/// not outranked by one that only shares the longer parts.
/// </summary>
internal static partial class SettingEmphasis
{
    public static string Emphasise(string searched)
    {
        // Every marker has "in", 舞台 or で: most questions skip the scans.
        var match = searched.Contains("舞台", StringComparison.Ordinal) || searched.Contains('で') ? MarkedJa().Match(searched) : null;
        if (match is not { Success: true } && searched.Contains("in ", StringComparison.Ordinal))
        {
            match = MarkedEn().Match(searched);
        }

        if (match is not { Success: true })
        {
            return searched;
        }

        var setting = First(match, "after", "before", "lead", "first", "last");
        return setting.Length == 0 ? searched : string.Concat(searched, " ", setting.ValueSpan);
    }

    private static Group First(Match match, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (match.Groups[name].Success)
            {
                return match.Groups[name];
            }
        }

        return match.Groups[names[^1]];
    }

    // The words after "set in" (or "takes place in") up to a clause word or punctuation; an opening "in …," ; else a
    // closing "in …" (where English puts the place).
    [GeneratedRegex(@"\b(?:set|takes\s+place|taking\s+place|located)\s+in\s+(?<after>[^,.;:!?()]+?)(?=\s+(?:about|where|with|and|that|which|who|featuring)\b|[,.;:!?()]|$)|^\s*in\s+(?<first>(?:\S+\s+){0,3}?[^\s,.;:!?()]+)\s*[,:]|\bin\s+(?<last>(?:\S+\s+){0,3}?[^\s,.;:!?()]+)\s*[.!?]?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex MarkedEn();

    // The phrase after 舞台は / 舞台が up to で, the one before が舞台 / を舞台に back to a clause boundary, or an opening
    // "Xで" (温泉街で…: a place, where a question starts with one).
    [GeneratedRegex(@"舞台[はが](?<after>[^、。,.!?！？（）()「」\sで]+)|(?<before>[^、。,.!?！？（）()「」\sでは]+)(?:が|を)舞台|^(?<lead>[^、。,.!?！？（）()「」\sでがをは]+)で", RegexOptions.CultureInvariant)]
    private static partial Regex MarkedJa();
}
