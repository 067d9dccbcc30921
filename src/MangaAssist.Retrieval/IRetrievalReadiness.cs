namespace MangaAssist.Retrieval;

/// <summary>Whether retrieval can answer yet (the embedded index is built in the background at start-up).</summary>
public interface IRetrievalReadiness
{
    bool IsReady { get; }

    /// <summary>Waits until ready; true when ready, false when <paramref name="timeout"/> passed first.</summary>
    Task<bool> WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken);
}
