namespace MangaAssist.Emulators.Bedrock.Answers;

/// <summary>
/// Cuts text into the pieces the emulator streams as tokens. Latin text: a word (or a run of punctuation)
/// with the spaces that follow it. Japanese / CJK text: pieces of 1 to 3 characters, in a fixed rhythm.
/// The pieces always concatenate back to the input exactly.
/// </summary>
public static class TokenSplitter
{
    private static readonly int[] CjkRhythm = [2, 1, 3, 2, 2, 1, 3];

    public static IReadOnlyList<string> Split(string text)
    {
        var tokens = new List<string>(text.Length / 4 + 1);
        var position = 0;
        var cjkPieces = 0;

        while (position < text.Length)
        {
            var start = position;
            if (IsCjk(text[position]))
            {
                var wanted = CjkRhythm[cjkPieces++ % CjkRhythm.Length];
                var taken = 0;
                while (position < text.Length && taken < wanted && IsCjk(text[position]))
                {
                    position += char.IsHighSurrogate(text[position]) && position + 1 < text.Length ? 2 : 1;
                    taken++;
                }
            }
            else if (char.IsWhiteSpace(text[position]))
            {
                while (position < text.Length && char.IsWhiteSpace(text[position]))
                {
                    position++;
                }
            }
            else
            {
                var wordish = char.IsLetterOrDigit(text[position]);
                while (position < text.Length
                       && !char.IsWhiteSpace(text[position])
                       && !IsCjk(text[position])
                       && char.IsLetterOrDigit(text[position]) == wordish)
                {
                    position++;
                }
            }

            while (position < text.Length && char.IsWhiteSpace(text[position]) && !IsCjk(text[start]))
            {
                position++;
            }

            tokens.Add(text[start..position]);
        }

        return tokens;
    }

    public static int Count(string text) => text.Length == 0 ? 0 : Split(text).Count;

    /// <summary>Hiragana, katakana, CJK ideographs, CJK punctuation and full-width forms.</summary>
    public static bool IsCjk(char c) =>
        c is >= '\u3000' and <= '\u30FF'
            or >= '\u3400' and <= '\u4DBF'
            or >= '\u4E00' and <= '\u9FFF'
            or >= '\uF900' and <= '\uFAFF'
            or >= '\uFF00' and <= '\uFFEF'
        || char.IsSurrogate(c);

    public static bool ContainsCjk(string text) => text.Any(c => c is >= '\u3040' and <= '\u30FF' or >= '\u4E00' and <= '\u9FFF');
}
