namespace MangaAssist.LoadTest.Peers;

/// <summary>
/// One answer streamed from a peer gateway's OpenAI-compatible endpoint, as the client saw it: Stopwatch
/// timestamps, the concatenated content, and how it ended (<c>done</c>, <c>error</c> with a code, or abandoned).
/// </summary>
internal sealed record StreamedAnswer(long SentAt, long? FirstDeltaAt, long? EndAt, string Terminal, string? ErrorCode, string Text, int Chunks)
{
    public const string Done = "done";
    public const string Error = "error";
    public const string Abandoned = "abandoned";
}
