using MangaAssist.Retrieval.Text;

namespace MangaAssist.Retrieval.Embedded;

/// <summary>Collects the query's known terms once each, summing weights of repeats.</summary>
internal struct QueryTermSink(Bm25Index index, int[] termIds, float[] weights) : ITokenSink
{
    /// <summary>Room the caller rents for term ids and weights; terms beyond it are dropped.</summary>
    public const int MaxTerms = 256;

    private const float UnigramQueryWeight = 0.3f;

    public int Count { get; private set; }

    private bool _wordKnown;

    private bool _readingKnown;

    /// <summary>Shortest piece a kana run is split into, so that a stray syllable does not match a short reading.</summary>
    private const int MinimumSegment = 3;

    /// <summary>
    /// Trigrams of a word are looked up only when the word itself is unknown (a typo or a variant): a correctly
    /// spelled word must not also match every title that merely shares three letters with it.
    /// </summary>
    public void Add(TokenKind kind, ReadOnlySpan<char> term)
    {
        if (kind == TokenKind.LatinTrigram && _wordKnown)
        {
            return;
        }

        if (kind == TokenKind.KanaRomaji)
        {
            AddSegments(term[1..]);
            return;
        }

        var known = index.TryGetTerm(term, out var id);
        if (kind == TokenKind.Reading)
        {
            // A romaji word that is a known reading is no typo: its trigrams must not add noise.
            _readingKnown = known;
        }
        else if (kind == TokenKind.Word)
        {
            _wordKnown = known || _readingKnown;
            _readingKnown = false;
        }

        if (!known)
        {
            return;
        }

        AddTerm(id, kind == TokenKind.CjkUnigram ? UnigramQueryWeight : 1f);
    }

    /// <summary>Splits a kana run's romaji greedily into the longest known readings ("kurenainoyaiba" → kurenai, yaiba).</summary>
    private void AddSegments(ReadOnlySpan<char> romaji)
    {
        Span<char> term = stackalloc char[romaji.Length + 1];
        term[0] = TokenKinds.Prefix(TokenKind.Reading);
        var start = 0;
        while (start < romaji.Length)
        {
            var matched = 0;
            for (var end = romaji.Length; end - start >= MinimumSegment || (start == 0 && end == romaji.Length && end >= 2); end--)
            {
                romaji[start..end].CopyTo(term[1..]);
                if (index.TryGetTerm(term[..(end - start + 1)], out var id))
                {
                    AddTerm(id, 1f);
                    matched = end - start;
                    break;
                }
            }

            start += Math.Max(1, matched);
        }
    }

    private void AddTerm(int id, float weight)
    {
        for (var i = 0; i < Count; i++)
        {
            if (termIds[i] == id)
            {
                weights[i] += weight;
                return;
            }
        }

        if (Count < MaxTerms)
        {
            termIds[Count] = id;
            weights[Count] = weight;
            Count++;
        }
    }
}
