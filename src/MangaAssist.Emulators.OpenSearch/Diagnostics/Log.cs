namespace MangaAssist.Emulators.OpenSearch.Diagnostics;

/// <summary>The stand-in's log events (EventIds 1–99). Index names, counts and error types only: never a query or a document.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "OpenSearch stand-in listening on {Urls} (in memory; analysis by the retrieval library, not Lucene)")]
    public static partial void Started(ILogger logger, string urls);

    [LoggerMessage(2, LogLevel.Information, "Index {Index} created")]
    public static partial void IndexCreated(ILogger logger, string index);

    [LoggerMessage(3, LogLevel.Information, "Index {Index} deleted")]
    public static partial void IndexDeleted(ILogger logger, string index);

    [LoggerMessage(4, LogLevel.Debug, "Bulk: {Items} items, {Failed} failed")]
    public static partial void Bulk(ILogger logger, int items, int failed);

    [LoggerMessage(5, LogLevel.Debug, "Search on {Index}: {Hits} hits of {Total}")]
    public static partial void Searched(ILogger logger, string index, int hits, int total);

    [LoggerMessage(6, LogLevel.Information, "Request refused: {Status} {Type}")]
    public static partial void Refused(ILogger logger, int status, string type);
}
