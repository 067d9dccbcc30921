using MangaAssist.SharedState.ResponseCache;

namespace MangaAssist.Orchestrator.Pipeline.Sources;

/// <summary>
/// One place an answer can come from. A source answers itself, or asks <c>nextSource</c> (the rest of the chain) and may act
/// on what comes back (store it, share it). Returns the complete answer, or null when there is none.
/// </summary>
public interface IAnswerSource
{
    Task<CompletedAnswer?> ProduceAsync(Production production, Func<Production, Task<CompletedAnswer?>> nextSource);
}
