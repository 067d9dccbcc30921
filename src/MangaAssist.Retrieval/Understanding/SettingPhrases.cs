using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace MangaAssist.Retrieval.Understanding;

/// <summary>
/// "takes place in" is how shoppers ask for a setting, like "set in" or 舞台は (request words already): "place" is no
/// part of the story asked for, yet as a search word it matched every synopsis that says "finding your place" and
/// counted against the relevance decision where it didn't. The phrase is removed from the searched text.
/// </summary>
internal static partial class SettingPhrases
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string Remove(string normalized) =>
        normalized.Contains("place", StringComparison.Ordinal) ? TakesPlace().Replace(normalized, " ") : normalized;

    [GeneratedRegex(@"\b(?:takes|taking|took|take)\s+place\b", RegexOptions.CultureInvariant)]
    private static partial Regex TakesPlace();
}
