using System.Runtime.CompilerServices;
using System.Text;

namespace MangaAssist.Retrieval.Text;

/// <summary>How long vowels and a few syllables are written when kana is romanised.</summary>
internal enum RomajiStyle
{
    /// <summary>Hepburn with macrons: とうきょう → tōkyō.</summary>
    HepburnMacron,

    /// <summary>Hepburn as typed on a keyboard: とうきょう → toukyou, おお → oo.</summary>
    HepburnTyped,

    /// <summary>Hepburn with long vowels left out: とうきょう → tokyo.</summary>
    HepburnPlain,

    /// <summary>Kunrei-shiki: し → si, ち → ti, つ → tu, ふ → hu, じ → zi, しゃ → sya; long vowels with a circumflex.</summary>
    Kunrei,
}

/// <summary>
/// Kana → romaji, and one folded romaji form that every common spelling reaches: Hepburn and kunrei, long vowels
/// written as ou / oo / ō / ô or left out. Both the index (from readings) and queries (romaji words, kana runs)
/// go through <see cref="Fold(ReadOnlySpan{char})"/>, so they meet whatever the shopper typed.
/// </summary>
internal static class Romaji
{
    /// <summary>Romanises hiragana or katakana; other characters are copied unchanged.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string FromKana(string kana, RomajiStyle style = RomajiStyle.HepburnTyped)
    {
        var text = new StringBuilder(kana.Length * 2);
        for (var i = 0; i < kana.Length; i++)
        {
            var c = ToHiragana(kana[i]);
            var next = i + 1 < kana.Length ? ToHiragana(kana[i + 1]) : '\0';
            if (c == 'っ' && next != '\0' && KanaTable.Syllable(next, '\0', style) is { Length: > 0 } following)
            {
                text.Append(following.StartsWith("ch", StringComparison.Ordinal) ? 't' : following[0]);
                continue;
            }

            if (c == 'ー')
            {
                AppendLong(text, text.Length > 0 ? text[^1] : '\0', style);
                continue;
            }

            if (c == 'ん')
            {
                text.Append('n');
                if (next is 'あ' or 'い' or 'う' or 'え' or 'お' or 'や' or 'ゆ' or 'よ')
                {
                    text.Append('\'');
                }

                continue;
            }

            var syllable = KanaTable.Syllable(c, next, style);
            if (syllable.Length == 0)
            {
                text.Append(kana[i]);
                continue;
            }

            if (KanaTable.IsDigraph(next))
            {
                i++;
            }

            // Long vowels: おう / おお / うう (and ー above).
            var vowel = syllable[^1];
            var after = i + 1 < kana.Length ? ToHiragana(kana[i + 1]) : '\0';
            if ((vowel == 'o' && after is 'う' or 'お') || (vowel == 'u' && after == 'う'))
            {
                text.Append(syllable);
                if (style != RomajiStyle.HepburnTyped)
                {
                    AppendLong(text, vowel, style);
                    i++;
                }

                continue;
            }

            text.Append(syllable);
        }

        return text.ToString();
    }

    /// <summary>
    /// The folded form of one romaji word (already lower case, diacritics removed by <see cref="TextNormalizer"/>):
    /// Hepburn spellings become kunrei (shi → si, chi → ti, tsu → tu, fu → hu, ja → zya …), doubled vowels and the
    /// long-vowel "ou" / "oh" collapse to one vowel, "nn" to "n", and "m" before b / p to "n".
    /// </summary>
    public static string Fold(ReadOnlySpan<char> word)
    {
        Span<char> buffer = stackalloc char[Math.Max(4, word.Length * 2)];
        return new string(buffer[..Fold(word, buffer)]);
    }

    /// <summary>Writes the folded form into <paramref name="buffer"/> (at least twice the word's length) and returns its length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Fold(ReadOnlySpan<char> word, Span<char> buffer)
    {
        var n = 0;
        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            var next = i + 1 < word.Length ? word[i + 1] : '\0';
            var third = i + 2 < word.Length ? word[i + 2] : '\0';
            if (!char.IsAsciiLetter(c))
            {
                continue;
            }

            if (c == 's' && next == 'h')
            {
                buffer[n++] = 's';
                if (third != 'i')
                {
                    buffer[n++] = 'y';
                }

                i++;
                continue;
            }

            if (c == 'c' && next == 'h')
            {
                buffer[n++] = 't';
                if (third != 'i')
                {
                    buffer[n++] = 'y';
                }

                i++;
                continue;
            }

            if (c == 't' && next == 'c' && third == 'h')
            {
                buffer[n++] = 't';
                continue;
            }

            if (c == 't' && next == 's' && third == 'u')
            {
                buffer[n++] = 't';
                i++;
                continue;
            }

            if (c == 'j')
            {
                buffer[n++] = 'z';
                if (next != 'i')
                {
                    buffer[n++] = 'y';
                }

                continue;
            }

            if (c == 'f' && next == 'u')
            {
                buffer[n++] = 'h';
                continue;
            }

            if (c == 'd' && next is 'i' or 'u')
            {
                buffer[n++] = 'z';
                continue;
            }

            if (c == 'm' && next is 'b' or 'p')
            {
                buffer[n++] = 'n';
                continue;
            }

            if (c == 'h' && n > 0 && buffer[n - 1] == 'o' && !IsVowel(next))
            {
                continue;
            }

            if (n > 0 && IsLongVowelPair(buffer[n - 1], c))
            {
                continue;
            }

            if (c == 'n' && n > 0 && buffer[n - 1] == 'n')
            {
                continue;
            }

            buffer[n++] = c;
        }

        return n;
    }

    /// <summary>Japanese particles a title reading keeps as words; neither side indexes or searches them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsParticle(ReadOnlySpan<char> folded) =>
        folded is "no" or "to" or "wo" or "o" or "ni" or "ga" or "wa" or "ha" or "de" or "e" or "he";

    private static bool IsLongVowelPair(char previous, char c) =>
        (previous == c && IsVowel(c)) || (previous == 'o' && c == 'u');

    private static bool IsVowel(char c) => c is 'a' or 'i' or 'u' or 'e' or 'o';

    private static void AppendLong(StringBuilder text, char vowel, RomajiStyle style)
    {
        switch (style)
        {
            case RomajiStyle.HepburnPlain:
                return;
            case RomajiStyle.HepburnTyped:
                text.Append(vowel);
                return;
            default:
                if (text.Length > 0 && IsVowel(text[^1]))
                {
                    text[^1] = (style, text[^1]) switch
                    {
                        (RomajiStyle.Kunrei, 'a') => 'â', (RomajiStyle.Kunrei, 'i') => 'î', (RomajiStyle.Kunrei, 'u') => 'û', (RomajiStyle.Kunrei, 'e') => 'ê', (RomajiStyle.Kunrei, _) => 'ô',
                        (_, 'a') => 'ā', (_, 'i') => 'ī', (_, 'u') => 'ū', (_, 'e') => 'ē', _ => 'ō',
                    };
                }

                return;
        }
    }

    private static char ToHiragana(char c) => c is >= '\u30A1' and <= '\u30F6' ? (char)(c - 0x60) : c;
}
