using System.Text.RegularExpressions;

namespace MangaAssist.Orchestrator.Grounding;

/// <summary>
/// The part of a shopper's message the catalog is searched with. Double-bracketed spans (<c>[[tps:40]]</c>) are
/// scenario instructions for the Bedrock emulator, never shopper content; left in, their unknown words would count
/// against the retriever's relevance decision and make it refuse a question it can answer.
/// </summary>
public static partial class SearchText
{
    public static string From(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Contains("[[", StringComparison.Ordinal) ? ScenarioMarker().Replace(message, " ") : message;
    }

    [GeneratedRegex(@"\[\[[^\[\]]{0,200}\]\]", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex ScenarioMarker();
}
