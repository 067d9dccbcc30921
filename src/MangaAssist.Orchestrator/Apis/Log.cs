namespace MangaAssist.Orchestrator.Apis;

/// <summary>The integration endpoints' log lines. Ids only: user text never goes to the logs.</summary>
internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Information, "Connection {ConnectionId} opened from {SourceIp} by principal {PrincipalId}")]
    public static partial void ConnectionOpened(ILogger logger, string connectionId, string? sourceIp, string principalId);

    [LoggerMessage(1001, LogLevel.Information, "Connection {ConnectionId} closed; {Cancelled} answer(s) in progress were stopped")]
    public static partial void ConnectionClosed(ILogger logger, string connectionId, int cancelled);

    [LoggerMessage(1002, LogLevel.Warning, "Integration call to {Route} without the X-Connection-Id header; check the API Gateway request parameter mapping")]
    public static partial void MissingConnectionHeader(ILogger logger, string route);

    [LoggerMessage(1003, LogLevel.Warning, "Integration call to {Route} refused: the {Header} header is {Problem} (connection {ConnectionId})")]
    public static partial void IntegrationSecretRefused(ILogger logger, string route, string header, string problem, string connectionId);

    [LoggerMessage(EventId = 1005, Message = "Connection {ConnectionId} refused: token {Reason} ({Status})")]
    public static partial void ConnectRefused(ILogger logger, LogLevel level, string connectionId, string reason, int status);

    [LoggerMessage(1006, LogLevel.Information, "Guest token refused for {SourceIp}: {Reason}")]
    public static partial void GuestTokenRefused(ILogger logger, string sourceIp, string reason);

    [LoggerMessage(1004, LogLevel.Warning, "Gateway:IntegrationSecret is not set: the integration door is open and route calls are accepted from anyone who reaches this port (Development only)")]
    public static partial void IntegrationDoorOpen(ILogger logger);
}
