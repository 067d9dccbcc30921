namespace MangaAssist.Orchestrator.Apis.CatalogSearch;

/// <summary>The catalog search's log lines: sizes and reasons, never the query (it is the shopper's text).</summary>
internal static partial class Log
{
    [LoggerMessage(1100, LogLevel.Warning, "Catalog search response of {Bytes} bytes ({Results} results) is above the {Threshold}-byte warning threshold (CatalogSearch:ResponseSizeWarningBytes); check the limit callers use")]
    public static partial void LargeResponse(ILogger logger, long bytes, int results, int threshold);

    [LoggerMessage(1101, LogLevel.Information, "CatalogSearch:CursorKey is not set: page cursors are signed with a per-process key and only work on this instance (Development only)")]
    public static partial void EphemeralCursorKey(ILogger logger);

    [LoggerMessage(1102, LogLevel.Warning, "CatalogSearch:CursorKey is not set outside Development: catalog search answers 503 until it is")]
    public static partial void CursorKeyMissing(ILogger logger);

    [LoggerMessage(1103, LogLevel.Information, "Catalog search cursor refused: altered, from another query or key, or expired")]
    public static partial void CursorRefused(ILogger logger);
}
