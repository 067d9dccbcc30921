using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace MangaAssist.Retrieval.Text;

/// <summary>
/// One normal form for index and query text: NFKC (full-width ASCII becomes ASCII, half-width katakana becomes
/// full-width), lower case, Latin diacritics removed (<c>shōnen</c> → <c>shonen</c>), katakana folded to hiragana
/// so that either kana spelling matches.
/// </summary>
internal static class TextNormalizer
{
    private const char FirstLatinExtended = '\u00C0';
    private const char LastLatinExtended = '\u024F';
    private static readonly char[] LatinFold = BuildLatinFold();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var composed = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        return string.Create(composed.Length, composed, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = Fold(source[i]);
            }
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static char Fold(char c)
    {
        if (c < 0x80)
        {
            return c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
        }

        if (c is >= FirstLatinExtended and <= LastLatinExtended)
        {
            return LatinFold[c - FirstLatinExtended];
        }

        // Katakana ァ..ヶ → hiragana ぁ..ゖ (same order, 0x60 apart).
        if (c is >= '\u30A1' and <= '\u30F6')
        {
            return (char)(c - 0x60);
        }

        return char.ToLowerInvariant(c);
    }

    /// <summary>Kana, kanji and the marks that live inside Japanese words (々, ー).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsCjk(char c) =>
        c is (>= '\u3040' and <= '\u30FF') or (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF') or '\u3005' or (>= '\uF900' and <= '\uFAFF');

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool ContainsCjk(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (IsCjk(c))
            {
                return true;
            }
        }

        return false;
    }

    private static char[] BuildLatinFold()
    {
        var table = new char[LastLatinExtended - FirstLatinExtended + 1];
        for (var c = FirstLatinExtended; c <= LastLatinExtended; c++)
        {
            var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
            var baseChar = decomposed.Length > 0 && CharUnicodeInfo.GetUnicodeCategory(decomposed[0]) != UnicodeCategory.NonSpacingMark ? decomposed[0] : c;
            table[c - FirstLatinExtended] = char.ToLowerInvariant(baseChar);
        }

        return table;
    }
}
