namespace MangaAssist.Retrieval.Embedded;

/// <summary>Whether a word is a keyboard slip of another: optimal-string-alignment distance with a length-dependent budget.</summary>
internal static class TypoDistance
{
    /// <summary>
    /// One edit (dropped, doubled, swapped or wrong letter) for words up to seven letters, two for longer ones; the
    /// first letter must agree (shoppers rarely mistype it, and names that merely rhyme are not the same name).
    /// </summary>
    public static bool IsSlip(string typed, string word)
    {
        if (typed.Length == 0 || word.Length == 0 || typed[0] != word[0])
        {
            return false;
        }

        var budget = Math.Max(typed.Length, word.Length) >= 8 ? 2 : 1;
        return Math.Abs(typed.Length - word.Length) <= budget && Distance(typed, word) <= budget;
    }

    private static int Distance(string a, string b)
    {
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
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

            (previous2, previous, current) = (previous, current, previous2);
        }

        return previous[b.Length];
    }
}
