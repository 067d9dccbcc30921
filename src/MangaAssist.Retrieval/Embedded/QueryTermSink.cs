using System.Runtime.CompilerServices;
using MangaAssist.Retrieval.Text;

namespace MangaAssist.Retrieval.Embedded;

/// <summary>Collects the query's known terms once each, summing weights of repeats.</summary>
internal struct QueryTermSink(Bm25Index index, NameVocabulary? names, int[] termIds, float[] weights) : ITokenSink
{
    /// <summary>Room the caller rents for term ids and weights; terms beyond it are dropped.</summary>
    public const int MaxTerms = 256;

    private const float UnigramQueryWeight = 0.3f;

    /// <summary>A name word found by a slip weighs less than one typed right, and shares that among its candidates.</summary>
    private const float SlipQueryWeight = 0.8f;

    private const int MaxSlips = 8;

    public int Count { get; private set; }

    private bool _wordKnown;


    /// <summary>
    /// Trigrams of a word are looked up only when the word itself is unknown (a typo or a variant): a correctly
    /// spelled word must not also match every title that merely shares three letters with it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
        if (kind == TokenKind.Word)
        {
            _wordKnown = known;
        }
        else if (kind == TokenKind.Reading)
        {
            // A romaji word that is a known reading is no typo: its trigrams (which follow) must not add noise.
            _wordKnown |= known;
        }

        if (!known)
        {
            if (kind == TokenKind.Word && Inflections.TryBase(index, term[1..], out var baseId))
            {
                _wordKnown = true;
                AddTerm(baseId, 1f);
            }
            else if (kind == TokenKind.Word && names is not null)
            {
                AddSlips(term[1..]);
            }

            return;
        }

        AddTerm(id, kind == TokenKind.CjkUnigram ? UnigramQueryWeight : 1f);
    }

    private void AddSlips(ReadOnlySpan<char> typed)
    {
        Span<int> slips = stackalloc int[MaxSlips];
        var count = names!.Slips(typed, slips);
        foreach (var term in slips[..count])
        {
            AddTerm(term, SlipQueryWeight / count);
        }
    }

    /// <summary>A kana run's romaji, split into the readings the index knows ("kurenainoyaiba" → kurenai, yaiba).</summary>
    private void AddSegments(ReadOnlySpan<char> romaji)
    {
        Span<(int Term, int Start, int Length)> segments = stackalloc (int, int, int)[ReadingSegmenter.MaxLength / ReadingSegmenter.MinimumSegment];
        foreach (var (term, _, _) in segments[..ReadingSegmenter.Segment(index, romaji, segments)])
        {
            AddTerm(term, 1f);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
