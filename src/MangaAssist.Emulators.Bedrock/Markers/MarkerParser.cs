using System.Globalization;
using System.Text.RegularExpressions;
using MangaAssist.Emulators.Bedrock.Faults;

namespace MangaAssist.Emulators.Bedrock.Markers;

/// <summary>
/// Reads the case-sensitive scenario markers of a last user message:
/// <c>[[tokens:N]]</c>, <c>[[ttft:MS]]</c>, <c>[[tps:N]]</c>, <c>[[guardrail:N]]</c>, <c>[[fault:KIND[:N][:xK]]]</c>,
/// <c>[[retry-after:S]]</c>, <c>[[context-limit:N]]</c> and <c>[[text:hostile]]</c>. Any marker may end with
/// <c>@TEXT</c>: it then applies only to model ids containing TEXT, so one message can script a chain of models.
/// A <c>[[fault:…]]</c> with an unknown kind is an error, so a typo does not silently run a clean request.
/// </summary>
public static partial class MarkerParser
{
    private const int MaxAnswerTokens = 100_000;

    /// <summary>The markers that apply to any model (scoped ones are left out).</summary>
    public static ScenarioMarkers Parse(string text) => Parse(text, string.Empty);

    /// <summary>The markers that apply to <paramref name="modelId"/>: unscoped ones and those whose <c>@TEXT</c> it contains.</summary>
    public static ScenarioMarkers Parse(string text, string modelId)
    {
        if (!text.Contains("[[", StringComparison.Ordinal))
        {
            return ScenarioMarkers.None;
        }

        int? tokens = null, ttft = null, tps = null, guardrail = null, retryAfter = null, contextLimit = null;
        var faults = new List<FaultMarker>();

        foreach (Match match in AnyMarker().Matches(text))
        {
            var name = match.Groups["name"].Value;
            var argument = match.Groups["arg"].Value;
            var scope = match.Groups["model"];
            if (scope.Success && !modelId.Contains(scope.Value, StringComparison.Ordinal))
            {
                continue;
            }

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
                var fault = ParseFault(argument, scope.Success ? scope.Value : null);
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
                case "retry-after":
                    retryAfter = value;
                    break;
                case "context-limit":
                    contextLimit = value;
                    break;
            }
        }

        return new ScenarioMarkers(tokens, ttft, tps, faults, null, guardrail, retryAfter, contextLimit);
    }

    /// <summary>The text without its markers (the question the answer quotes).</summary>
    public static string Strip(string text) =>
        text.Contains("[[", StringComparison.Ordinal) ? AnyMarker().Replace(text, string.Empty) : text;

    private static FaultMarker? ParseFault(string argument, string? modelFilter)
    {
        var match = FaultArgument().Match(argument);
        if (!match.Success || !FaultKinds.TryParseMarkerName(match.Groups["kind"].Value, out var kind))
        {
            return null;
        }

        var after = match.Groups["after"].Success ? int.Parse(match.Groups["after"].Value, CultureInfo.InvariantCulture) : 0;
        int? times = match.Groups["times"].Success ? int.Parse(match.Groups["times"].Value, CultureInfo.InvariantCulture) : null;
        return times == 0 ? null : new FaultMarker(kind, after, times, modelFilter);
    }

    private static ScenarioMarkers Invalid(string error) => ScenarioMarkers.None with { Error = error };

    [GeneratedRegex(@"\[\[(?<name>tokens|ttft|tps|fault|guardrail|text|retry-after|context-limit):(?<arg>[^\[\]@]*)(?:@(?<model>[^\[\]@]+))?\]\]")]
    private static partial Regex AnyMarker();

    [GeneratedRegex(@"^(?<kind>[a-z0-9-]+)(?::(?<after>\d{1,6}))?(?::x(?<times>\d{1,6}))?$")]
    private static partial Regex FaultArgument();
}
