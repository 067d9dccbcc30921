using MangaAssist.Retrieval.Text;

namespace MangaAssist.Retrieval.Embedded;

/// <summary>Whether any content word of a text is one the catalog has (exactly, as a base form or as a slip of a name word).</summary>
internal struct KnownContent(Bm25Index index, NameVocabulary names) : ITokenSink
{
    public bool Any { get; private set; }

    public static bool In(Bm25Index index, NameVocabulary names, string normalized)
    {
        var sink = new KnownContent(index, names);
        Tokenizer.Tokenize(normalized, ref sink, dropStopWords: true);
        return sink.Any;
    }

    public void Add(TokenKind kind, ReadOnlySpan<char> term)
    {
        Span<int> slips = stackalloc int[1];
        Any |= kind switch
        {
            // A kana run is judged by its readings elsewhere; here it counts as content, so it is never ignored.
            TokenKind.KanaRomaji => true,
            TokenKind.Word => char.IsDigit(term[1]) ? false : index.TryGetTerm(term, out _) || Inflections.TryBase(index, term[1..], out _) || names.Slips(term[1..], slips) > 0,
            TokenKind.Reading or TokenKind.CjkBigram or TokenKind.CjkUnigram => index.TryGetTerm(term, out _),
            _ => false,
        };
    }
}
