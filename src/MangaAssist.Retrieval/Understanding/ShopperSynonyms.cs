using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using MangaAssist.Retrieval.Text;

namespace MangaAssist.Retrieval.Understanding;

/// <summary>
/// Words shoppers use for settings, tropes and plot turns that the catalog's synopses spell another way ("steampunk"
/// for "a walled city of steam and gears", 冤罪 for 無実の罪). The word is replaced, not kept: a word no synopsis uses
/// would only count against the relevance decision. Hand-written paraphrase families (English and Japanese), each
/// mapped onto the one wording the catalog uses; a source is listed only when no synopsis uses it itself.
/// </summary>
internal static partial class ShopperSynonyms
{
    private static readonly (Regex Pattern, string Replacement)[] English =
    [
        (Steampunk(), "steam and gears"),
        (PostApocalyptic(), "ruins after the collapse"),
        (LoveTriangle(), "rival falls for"),
        (WronglyAccused(), "framed for a crime"),
        (OnTheRun(), "escape"),
        (Voyage(), "sails across"),
        (SkyCity(), "${place} above the clouds"),
        (SaveABusiness(), "revive"),
        (Ai(), "${lead} artificial intelligence"),
        (RuledBy(), "run by"),
        (JapaneseSweets(), "wagashi"),
        (Defence(), "defending"),
    ];

    private static readonly (Regex Pattern, string Replacement)[] Japanese =
    [
        // Written as the normaliser leaves text (katakana folded to hiragana): the searched text is not normalised again.
        (LoveTriangleJa(), TextNormalizer.Normalize("ライバルに恋")),
        (FalseChargeJa(), "無実の罪"),
        (FleeingJa(), "逃げる"),
        (VoyageJa(), "海を渡る"),
        (RebuildJa(), "立て直す"),
        (SkyJa(), "雲の上に浮かぶ"),
        (FormingJa(), "を組む"),
        (DefenceJa(), "を守る"),
    ];

    /// <summary>Each family is looked for only in text of its script: a question is usually in one, so half the scans are skipped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string Expand(string normalized)
    {
        if (normalized.AsSpan().IndexOfAnyInRange('a', 'z') >= 0)
        {
            normalized = Apply(English, normalized);
        }

        return TextNormalizer.ContainsCjk(normalized) ? Apply(Japanese, normalized) : normalized;
    }

    private static string Apply((Regex Pattern, string Replacement)[] entries, string normalized)
    {
        foreach (var (pattern, replacement) in entries)
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

    [GeneratedRegex(@"\b(?:(?:wrongly|falsely|wrongfully)\s+(?:accused|convicted)|false\s+(?:accusations?|charges?)|wrongful\s+conviction)\b", RegexOptions.CultureInvariant)]
    private static partial Regex WronglyAccused();

    [GeneratedRegex(@"\b(?:fugitives?|on\s+the\s+run|fleeing|flees|flee)\b", RegexOptions.CultureInvariant)]
    private static partial Regex OnTheRun();

    [GeneratedRegex(@"\b(?:voyages?|seafaring|sea\s+journey)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Voyage();

    [GeneratedRegex(@"\b(?:sky\s+(?<place>city|island|town|kingdom|castle)|(?<place>city|island|town|kingdom|castle)\s+in\s+the\s+(?:sky|clouds))\b", RegexOptions.CultureInvariant)]
    private static partial Regex SkyCity();

    // "save" alone keeps its own sense in the catalog (to save a friend); saving a shop or a team is reviving it.
    [GeneratedRegex(@"\b(?:saving|saves|save|rescuing|rescues|rescue|restoring|turning\s+around)(?=\s+(?:a|an|the|his|her|their|my)\s+(?:\S+\s+){0,2}?(?:shop|store|restaurant|diner|inn|bakery|cafe|business|team|club|band)\b)", RegexOptions.CultureInvariant)]
    private static partial Regex SaveABusiness();

    // Only after an article or "by": "ai" alone is also a romaji word (愛) in a title or a name.
    [GeneratedRegex(@"\b(?<lead>an?|the|by)\s+ai\b", RegexOptions.CultureInvariant)]
    private static partial Regex Ai();

    [GeneratedRegex(@"\b(?:ruled|controlled|governed)\s+by\b", RegexOptions.CultureInvariant)]
    private static partial Regex RuledBy();

    [GeneratedRegex(@"\bjapanese\s+(?:sweets|confections|confectionery)\b", RegexOptions.CultureInvariant)]
    private static partial Regex JapaneseSweets();

    [GeneratedRegex(@"\bdefen[cs]e(?:\s+of)?\b", RegexOptions.CultureInvariant)]
    private static partial Regex Defence();

    [GeneratedRegex("三角関係", RegexOptions.CultureInvariant)]
    private static partial Regex LoveTriangleJa();

    [GeneratedRegex("冤罪|濡れ衣", RegexOptions.CultureInvariant)]
    private static partial Regex FalseChargeJa();

    [GeneratedRegex("逃亡|逃走", RegexOptions.CultureInvariant)]
    private static partial Regex FleeingJa();

    [GeneratedRegex("航海|船旅", RegexOptions.CultureInvariant)]
    private static partial Regex VoyageJa();

    [GeneratedRegex("再建|再興|再生させ|立て直し", RegexOptions.CultureInvariant)]
    private static partial Regex RebuildJa();

    [GeneratedRegex("空に浮かぶ|空中に浮かぶ|天空の|空中", RegexOptions.CultureInvariant)]
    private static partial Regex SkyJa();

    [GeneratedRegex("を?結成", RegexOptions.CultureInvariant)]
    private static partial Regex FormingJa();

    [GeneratedRegex("を?防衛", RegexOptions.CultureInvariant)]
    private static partial Regex DefenceJa();
}
