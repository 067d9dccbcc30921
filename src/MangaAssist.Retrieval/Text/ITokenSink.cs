namespace MangaAssist.Retrieval.Text;

/// <summary>Receives tokens as the tokenizer finds them. <paramref name="term"/> is only valid during the call.</summary>
internal interface ITokenSink
{
    void Add(TokenKind kind, ReadOnlySpan<char> term);
}
