using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using MangaAssist.Retrieval.Text;

namespace MangaAssist.Retrieval.Understanding;

/// <summary>
/// Words shoppers use for settings and tropes that the catalog's synopses spell out instead ("steampunk" for "a
/// walled city of steam and gears"). The word is replaced, not kept: a word no synopsis uses would only count
/// against the relevance decision. Hand-written and short; every entry maps to words the catalog does use.
/// </summary>
internal static partial class ShopperSynonyms
{
    private static readonly (Regex Pattern, string Replacement)[] Entries =
    [
        (Steampunk(), "steam and gears"),
        (PostApocalyptic(), "ruins after the collapse"),
        (LoveTriangle(), "rival falls for"),
        // Written as the normaliser leaves text (katakana folded to hiragana): the searched text is not normalised again.
        (LoveTriangleJa(), TextNormalizer.Normalize("ライバルに恋")),
    ];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string Expand(string normalized)
    {
        foreach (var (pattern, replacement) in Entries)
        {
            if (pattern.IsMatch(normalized))
            {
                normalized = pattern.Replace(normalized, replacement);
            }
        }

        return normalized;
    }

    [GeneratedRegex(@"\bsteam-?punk\b", RegexOptions.CultureInvariant)]
    private static partial Regex Steampunk();

    [GeneratedRegex(@"\b(?:post-?\s?apocalyptic|apocalyptic|apocalypse)\b", RegexOptions.CultureInvariant)]
    private static partial Regex PostApocalyptic();

    [GeneratedRegex(@"\blove\s+triangle\b", RegexOptions.CultureInvariant)]
    private static partial Regex LoveTriangle();

    [GeneratedRegex("三角関係", RegexOptions.CultureInvariant)]
    private static partial Regex LoveTriangleJa();
}
