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
        // Every marker has "in" or 舞台: most questions skip the scans.
        var match = searched.Contains("舞台", StringComparison.Ordinal) ? MarkedJa().Match(searched) : null;
        if (match is not { Success: true } && searched.Contains("in ", StringComparison.Ordinal))
        {
            match = MarkedEn().Match(searched);
        }

        if (match is not { Success: true })
        {
            return searched;
        }

        var setting = match.Groups["after"].Success ? match.Groups["after"] : match.Groups["before"].Success ? match.Groups["before"] : match.Groups["last"];
        return setting.Length == 0 ? searched : string.Concat(searched, " ", setting.ValueSpan);
    }

    // The words after "set in" (or "takes place in") up to a clause word or punctuation; else a closing "in …" (where
    // English puts the place).
    [GeneratedRegex(@"\b(?:set|takes\s+place|taking\s+place|located)\s+in\s+(?<after>[^,.;:!?()]+?)(?=\s+(?:about|where|with|and|that|which|who|featuring)\b|[,.;:!?()]|$)|\bin\s+(?<last>(?:\S+\s+){0,3}?[^\s,.;:!?()]+)\s*[.!?]?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex MarkedEn();

    // The phrase after 舞台は / 舞台が, or the one before が舞台 / を舞台に back to a clause boundary.
    [GeneratedRegex(@"舞台[はが](?<after>[^、。,.!?！？（）()「」\s]+)|(?<before>[^、。,.!?！？（）()「」\sでは]+)(?:が|を)舞台", RegexOptions.CultureInvariant)]
    private static partial Regex MarkedJa();
}
