using MangaAssist.Retrieval.Text;

namespace MangaAssist.Retrieval.Embedded;

/// <summary>
/// Splits the folded romaji of a kana run ("arasitoramendainimaku") into readings the index knows, choosing the
/// split that covers the most letters (greedy longest-first would let "tora" take the "ra" of "ramen").
/// </summary>
internal static class ReadingSegmenter
{
    /// <summary>Shortest piece, so that a stray syllable does not match a short reading.</summary>
    public const int MinimumSegment = 3;

    /// <summary>Longest run segmented; longer runs are cut (a question is not a novel).</summary>
    public const int MaxLength = 64;

    /// <summary>Writes (term id, start, letters) of the chosen readings into <paramref name="segments"/>; returns how many.</summary>
    public static int Segment(Bm25Index index, ReadOnlySpan<char> romaji, Span<(int Term, int Start, int Length)> segments)
    {
        romaji = romaji[..Math.Min(romaji.Length, MaxLength)];
        var n = romaji.Length;
        Span<int> best = stackalloc int[n + 1];
        Span<int> choiceEnd = stackalloc int[n + 1];
        Span<int> choiceTerm = stackalloc int[n + 1];
        Span<char> term = stackalloc char[n + 1];
        term[0] = TokenKinds.Prefix(TokenKind.Reading);
        best[n] = 0;
        for (var start = n - 1; start >= 0; start--)
        {
            best[start] = best[start + 1];
            choiceEnd[start] = -1;
            for (var end = start + MinimumSegment; end <= n; end++)
            {
                romaji[start..end].CopyTo(term[1..]);
                if (index.TryGetTerm(term[..(end - start + 1)], out var id) && end - start + best[end] > best[start])
                {
                    best[start] = end - start + best[end];
                    choiceEnd[start] = end;
                    choiceTerm[start] = id;
                }
            }
        }

        var count = 0;
        for (var i = 0; i < n && count < segments.Length;)
        {
            if (choiceEnd[i] < 0)
            {
                i++;
                continue;
            }

            segments[count++] = (choiceTerm[i], i, choiceEnd[i] - i);
            i = choiceEnd[i];
        }

        return count;
    }
}
