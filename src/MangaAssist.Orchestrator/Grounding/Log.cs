namespace MangaAssist.Orchestrator.Grounding;

/// <summary>Grounding's log lines: what was answered without, never what was asked.</summary>
internal static partial class Log
{
    [LoggerMessage(1600, LogLevel.Warning, "Retrieval for request {RequestId} failed ({Error}); answering without catalog passages")]
    public static partial void RetrievalFailed(ILogger logger, string requestId, string error);

    [LoggerMessage(1601, LogLevel.Warning, "Request {RequestId} waited for the catalog index, which is still being built; answering without catalog passages")]
    public static partial void IndexNotReady(ILogger logger, string requestId);

    [LoggerMessage(1701, LogLevel.Warning, "Session memory unavailable for request {RequestId} ({Error}); answering without history")]
    public static partial void MemoryUnavailable(ILogger logger, string requestId, string error);
}
