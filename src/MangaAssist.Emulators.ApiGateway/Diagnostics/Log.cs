namespace MangaAssist.Emulators.ApiGateway.Diagnostics;

/// <summary>The emulator's log events (EventIds 1–99).</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "API Gateway WebSocket emulator: stage '{Stage}', integration {IntegrationBaseUrl}, routes {Routes}")]
    public static partial void Started(ILogger logger, string stage, string integrationBaseUrl, string routes);

    [LoggerMessage(2, LogLevel.Debug, "Connection {ConnectionId} opened from {SourceIp}")]
    public static partial void ConnectionOpened(ILogger logger, string connectionId, string sourceIp);

    [LoggerMessage(3, LogLevel.Debug, "Connection {ConnectionId} closed: {StatusCode} {Reason}")]
    public static partial void ConnectionClosed(ILogger logger, string connectionId, int statusCode, string reason);

    [LoggerMessage(4, LogLevel.Information, "Connection {ConnectionId} refused by $connect: {StatusCode}")]
    public static partial void ConnectionRejected(ILogger logger, string connectionId, int statusCode);

    [LoggerMessage(5, LogLevel.Information, "Connection {ConnectionId} sent a message over {Limit} bytes; closing with 1009")]
    public static partial void MessageTooBig(ILogger logger, string connectionId, int limit);

    [LoggerMessage(6, LogLevel.Information, "Connection {ConnectionId}: no route matched and no $default route is configured")]
    public static partial void NoRoute(ILogger logger, string connectionId);

    [LoggerMessage(7, LogLevel.Warning, "Integration for route {RouteKey} (connection {ConnectionId}) ended with {Outcome}")]
    public static partial void IntegrationUnsuccessful(ILogger logger, string routeKey, string connectionId, string outcome);

    [LoggerMessage(8, LogLevel.Debug, "Integration request for route {RouteKey} failed")]
    public static partial void IntegrationFailed(ILogger logger, string routeKey, Exception exception);

    [LoggerMessage(9, LogLevel.Error, "Dispatching a message of connection {ConnectionId} failed")]
    public static partial void DispatchFailed(ILogger logger, string connectionId, Exception exception);

    [LoggerMessage(10, LogLevel.Information, "Connection {ConnectionId} dropped on request (no close frame)")]
    public static partial void ConnectionDropped(ILogger logger, string connectionId);
}
