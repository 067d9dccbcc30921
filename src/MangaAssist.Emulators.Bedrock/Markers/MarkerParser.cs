using System.Globalization;
using System.Text.RegularExpressions;
using MangaAssist.Emulators.Bedrock.Faults;

namespace MangaAssist.Emulators.Bedrock.Markers;

/// <summary>
/// Reads the case-sensitive scenario markers of a last user message:
/// <c>[[tokens:N]]</c>, <c>[[ttft:MS]]</c>, <c>[[tps:N]]</c>, <c>[[guardrail:N]]</c>, <c>[[fault:KIND[:N][:xK]]]</c> and <c>[[text:hostile]]</c>.
/// A <c>[[fault:…]]</c> with an unknown kind is an error, so a typo does not silently run a clean request.
/// </summary>
public static partial class MarkerParser
{
    private const int MaxAnswerTokens = 100_000;

    public static ScenarioMarkers Parse(string text)
    {
        if (!text.Contains("[[", StringComparison.Ordinal))
        {
            return ScenarioMarkers.None;
        }

        int? tokens = null, ttft = null, tps = null, guardrail = null;
        var faults = new List<FaultMarker>();

        foreach (Match match in AnyMarker().Matches(text))
        {
            var name = match.Groups["name"].Value;
            var argument = match.Groups["arg"].Value;

            if (name == "text")
            {
                if (argument != HostileTextMarker.Argument)
                {
                    return Invalid($"Unknown emulator marker '{match.Value}'. Use {HostileTextMarker.Marker}.");
                }

                continue;
            }

            if (name == "fault")
            {
                var fault = ParseFault(argument);
                if (fault is null)
                {
                    return Invalid($"Unknown emulator marker '{match.Value}'. Use [[fault:KIND]] or [[fault:KIND:N]] or [[fault:KIND:N:xK]] with KIND one of: {string.Join(", ", FaultKinds.MarkerNames)}.");
                }

                faults.Add(fault);
                continue;
            }

            if (!int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return Invalid($"Emulator marker '{match.Value}' needs a whole number.");
            }

            switch (name)
            {
                case "tokens" when value is >= 1 and <= MaxAnswerTokens:
                    tokens = value;
                    break;
                case "tokens":
                    return Invalid($"Emulator marker '{match.Value}' must be between 1 and {MaxAnswerTokens}.");
                case "ttft":
                    ttft = value;
                    break;
                case "tps":
                    tps = value;
                    break;
                case "guardrail":
                    guardrail = value;
                    break;
            }
        }

        return new ScenarioMarkers(tokens, ttft, tps, faults, null, guardrail);
    }

    /// <summary>The text without its markers (the question the answer quotes).</summary>
    public static string Strip(string text) =>
        text.Contains("[[", StringComparison.Ordinal) ? AnyMarker().Replace(text, string.Empty) : text;

    private static FaultMarker? ParseFault(string argument)
    {
        var match = FaultArgument().Match(argument);
        if (!match.Success || !FaultKinds.TryParseMarkerName(match.Groups["kind"].Value, out var kind))
        {
            return null;
        }

        var after = match.Groups["after"].Success ? int.Parse(match.Groups["after"].Value, CultureInfo.InvariantCulture) : 0;
        int? times = match.Groups["times"].Success ? int.Parse(match.Groups["times"].Value, CultureInfo.InvariantCulture) : null;
        return times == 0 ? null : new FaultMarker(kind, after, times);
    }

    private static ScenarioMarkers Invalid(string error) => ScenarioMarkers.None with { Error = error };

    [GeneratedRegex(@"\[\[(?<name>tokens|ttft|tps|fault|guardrail|text):(?<arg>[^\[\]]*)\]\]")]
    private static partial Regex AnyMarker();

    [GeneratedRegex(@"^(?<kind>[a-z0-9-]+)(?::(?<after>\d{1,6}))?(?::x(?<times>\d{1,6}))?$")]
    private static partial Regex FaultArgument();
}
