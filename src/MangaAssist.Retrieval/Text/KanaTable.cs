using System.Runtime.CompilerServices;

namespace MangaAssist.Retrieval.Text;

/// <summary>The hiragana syllabary in Hepburn and kunrei, including the small-ya/yu/yo digraphs.</summary>
internal static class KanaTable
{
    private const string Kana = "あいうえおかきくけこがぎぐげごさしすせそざじずぜぞたちつてとだぢづでどなにぬねのはひふへほばびぶべぼぱぴぷぺぽまみむめもやゆよらりるれろわゐゑをぁぃぅぇぉゔ";

    private static readonly string[] Hepburn =
    [
        "a", "i", "u", "e", "o", "ka", "ki", "ku", "ke", "ko", "ga", "gi", "gu", "ge", "go", "sa", "shi", "su", "se", "so",
        "za", "ji", "zu", "ze", "zo", "ta", "chi", "tsu", "te", "to", "da", "ji", "zu", "de", "do", "na", "ni", "nu", "ne", "no",
        "ha", "hi", "fu", "he", "ho", "ba", "bi", "bu", "be", "bo", "pa", "pi", "pu", "pe", "po", "ma", "mi", "mu", "me", "mo",
        "ya", "yu", "yo", "ra", "ri", "ru", "re", "ro", "wa", "i", "e", "o", "a", "i", "u", "e", "o", "vu",
    ];

    /// <summary>The romaji of <paramref name="c"/>, joined with a following small ゃ/ゅ/ょ; empty when not kana.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string Syllable(char c, char next, RomajiStyle style)
    {
        var index = Kana.IndexOf(c, StringComparison.Ordinal);
        if (index < 0)
        {
            return string.Empty;
        }

        var syllable = Hepburn[index];
        if (style == RomajiStyle.Kunrei)
        {
            syllable = syllable switch { "shi" => "si", "chi" => "ti", "tsu" => "tu", "fu" => "hu", "ji" => "zi", _ => syllable };
        }

        if (!IsDigraph(next) || syllable.Length < 2 || syllable[^1] != 'i')
        {
            return syllable;
        }

        var vowel = next switch { 'ゃ' => 'a', 'ゅ' => 'u', _ => 'o' };
        var stem = syllable[..^1];
        return stem is "sh" or "ch" or "j" ? stem + vowel : stem + "y" + vowel;
    }

    public static bool IsDigraph(char c) => c is 'ゃ' or 'ゅ' or 'ょ';
}
