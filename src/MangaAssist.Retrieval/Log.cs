using Microsoft.Extensions.Logging;

namespace MangaAssist.Retrieval;

internal static partial class Log
{
    [LoggerMessage(EventId = 4020, Level = LogLevel.Information, Message = "Embedded retrieval index warmed up before taking traffic: {Searches} searches in {ElapsedMs:F0} ms")]
    public static partial void IndexWarmedUp(ILogger logger, int searches, double elapsedMs);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Embedded retrieval index built: {Products} products, {Terms} terms, {Dimensions} dimensions, embeddings from cache {FromCache}, {ElapsedMs:F0} ms")]
    public static partial void IndexBuilt(ILogger logger, int products, int terms, int dimensions, bool fromCache, double elapsedMs);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Building the embedded retrieval index failed (attempt {Attempt}); retrying in {DelayMs:F0} ms")]
    public static partial void IndexBuildFailed(ILogger logger, int attempt, double delayMs, Exception exception);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Retrieval index not ready after {WaitMs:F0} ms; answering without passages")]
    public static partial void IndexNotReady(ILogger logger, double waitMs);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Query embedding failed ({ErrorType}); ranking by BM25 only ({HeldBack} more such failures since the last line; at most one line per 10 s)")]
    public static partial void QueryEmbeddingFailed(ILogger logger, string errorType, int heldBack, Exception? exception);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Debug, Message = "The question's embedding did not come within the retrieval's time; ranking by BM25 only")]
    public static partial void QueryEmbeddingOutOfTime(ILogger logger);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Query embedding unusable ({Actual} dimensions, {Expected} expected); ranking by BM25 only")]
    public static partial void QueryEmbeddingUnusable(ILogger logger, int actual, int expected);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "OpenSearch search failed ({Status}, {ErrorType}); answering without passages")]
    public static partial void OpenSearchSearchFailed(ILogger logger, int status, string? errorType);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning, Message = "OpenSearch search failed ({ErrorType}); answering without passages")]
    public static partial void OpenSearchUnreachable(ILogger logger, string errorType, Exception exception);
}
