using Microsoft.Extensions.Logging;

namespace MangaAssist.Aws.ApiGatewayManagement;

internal static partial class Log
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Debug, Message = "PostToConnection {ConnectionId}: {Status} (status {StatusCode}, type {AwsErrorType})")]
    public static partial void PostNotDelivered(ILogger logger, string connectionId, PostToConnectionStatus status, int? statusCode, string? awsErrorType);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "PostToConnection {ConnectionId} failed without an answer: {Reason}")]
    public static partial void PostTransportFailed(ILogger logger, string connectionId, string reason);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "{Operation} {ConnectionId} failed: {Status} (status {StatusCode}, type {AwsErrorType})")]
    public static partial void ManagementCallFailed(ILogger logger, string operation, string connectionId, PostToConnectionStatus status, int? statusCode, string? awsErrorType);
}
