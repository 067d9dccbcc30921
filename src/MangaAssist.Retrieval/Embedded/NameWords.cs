using System.Runtime.CompilerServices;
using MangaAssist.Retrieval.Text;

namespace MangaAssist.Retrieval.Embedded;

/// <summary>One content word of a name as the tokenizer writes it: the (stemmed) word and its folded romaji reading.</summary>
internal readonly record struct NameWord(string Word, string? Reading);

/// <summary>Collects the content words of a name or a question (request words and particles dropped).</summary>
internal struct NameWordSink() : ITokenSink
{
    public List<NameWord> Words { get; } = [];

    /// <summary>Kana runs of a question as folded romaji (くれないのやいば → kurenainoyaiba).</summary>
    public List<string> KanaRuns { get; } = [];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public readonly void Add(TokenKind kind, ReadOnlySpan<char> term)
    {
        switch (kind)
        {
            case TokenKind.Word when !char.IsDigit(term[1]) && !Romaji.IsParticle(term[1..]):
                Words.Add(new NameWord(term[1..].ToString(), null));
                break;
            case TokenKind.Reading when Words.Count > 0 && Words[^1].Reading is null:
                Words[^1] = Words[^1] with { Reading = term[1..].ToString() };
                break;
            case TokenKind.KanaRomaji:
                KanaRuns.Add(term[1..].ToString());
                break;
            default:
                break;
        }
    }

    public static NameWord[] Of(string normalized)
    {
        var sink = new NameWordSink();
        Tokenizer.Tokenize(normalized, ref sink, dropStopWords: true);
        return [.. sink.Words];
    }
}
