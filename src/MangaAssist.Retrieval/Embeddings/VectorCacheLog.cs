using Microsoft.Extensions.Logging;

namespace MangaAssist.Retrieval.Embeddings;

/// <summary>The document vector cache's log lines (its own class: the area's <c>Log</c> sits one namespace up).</summary>
internal static partial class VectorCacheLog
{
    [LoggerMessage(EventId = 4010, Level = LogLevel.Information, Message = "Document vector cache {Path} ignored ({Reason}); computing the vectors again")]
    public static partial void Ignored(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Information, Message = "Document vector cache written: {Path} ({Products} products, {Dimensions} dimensions)")]
    public static partial void Written(ILogger logger, string path, int products, int dimensions);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Warning, Message = "Document vector cache {Path} could not be written ({Error}); the next start computes the vectors again")]
    public static partial void NotWritten(ILogger logger, string path, string error);
}
