using System.Runtime.CompilerServices;

namespace MangaAssist.Retrieval.Embedded;

/// <summary>Whether a word is a keyboard slip of another: optimal-string-alignment distance with a length-dependent budget.</summary>
internal static class TypoDistance
{
    private const int ShortWord = 5;

    /// <summary>
    /// One edit (dropped, doubled, swapped or wrong letter) for words up to seven letters, two for longer ones; the
    /// first letter must agree (shoppers rarely mistype it, and names that merely rhyme are not the same name).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsSlip(ReadOnlySpan<char> typed, ReadOnlySpan<char> word)
    {
        if (typed.Length == 0 || word.Length == 0 || typed[0] != word[0])
        {
            return false;
        }

        // A short word with one letter changed is usually another word (ball, bell): only a dropped, doubled or
        // swapped letter counts there.
        if (Math.Max(typed.Length, word.Length) < ShortWord && typed.Length == word.Length && !SameLetters(typed, word))
        {
            return false;
        }

        var budget = Math.Max(typed.Length, word.Length) >= 8 ? 2 : 1;
        return Math.Abs(typed.Length - word.Length) <= budget && Distance(typed, word) <= budget;
    }

    private static bool SameLetters(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        Span<char> left = stackalloc char[a.Length];
        Span<char> right = stackalloc char[b.Length];
        a.CopyTo(left);
        b.CopyTo(right);
        left.Sort();
        right.Sort();
        return left.SequenceEqual(right);
    }

    private static int Distance(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        // Three rows on the stack: names are short, and a query may check hundreds of them.
        Span<int> rows = stackalloc int[(b.Length + 1) * 3];
        var previous2 = rows[..(b.Length + 1)];
        var previous = rows.Slice(b.Length + 1, b.Length + 1);
        var current = rows[((b.Length + 1) * 2)..];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    current[j] = Math.Min(current[j], previous2[j - 2] + 1);
                }
            }

            var oldest = previous2;
            previous2 = previous;
            previous = current;
            current = oldest;
        }

        return previous[b.Length];
    }
}
