using System.Text;
using MangaAssist.Retrieval.Text;

namespace MangaAssist.Retrieval.Embedded;

/// <summary>
/// What this index searches for besides the question's own words, written out as words another first stage can search
/// too: the name words an unknown word is a slip of ("crimsn" → crimson) and the readings a kana run splits into
/// (くれないのやいば → kurenai yaiba). OpenSearch's query then finds the candidates this index would find.
/// </summary>
internal struct FirstStageExpansion(Bm25Index index, NameVocabulary names, IReadOnlyDictionary<int, string> nameWords, StringBuilder words) : ITokenSink
{
    private const int MaxSlips = 8;

    public readonly void Add(TokenKind kind, ReadOnlySpan<char> term)
    {
        if (kind == TokenKind.Word && !index.TryGetTerm(term, out _) && !Inflections.TryBase(index, term[1..], out _))
        {
            Span<int> slips = stackalloc int[MaxSlips];
            foreach (var slip in slips[..names.Slips(term[1..], slips)])
            {
                if (nameWords.TryGetValue(slip, out var word))
                {
                    words.Append(' ').Append(word);
                }
            }
        }
        else if (kind == TokenKind.KanaRomaji)
        {
            var romaji = term[1..];
            Span<(int Term, int Start, int Length)> segments = stackalloc (int, int, int)[ReadingSegmenter.MaxLength / ReadingSegmenter.MinimumSegment];
            foreach (var (_, start, length) in segments[..ReadingSegmenter.Segment(index, romaji, segments)])
            {
                words.Append(' ').Append(romaji.Slice(start, length));
            }
        }
    }
}
