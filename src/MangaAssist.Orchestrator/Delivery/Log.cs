using MangaAssist.Aws.ApiGatewayManagement;

namespace MangaAssist.Orchestrator.Delivery;

/// <summary>Delivery's log lines.</summary>
internal static partial class Log
{
    [LoggerMessage(1300, LogLevel.Warning, "Frame {Seq} of request {RequestId} to {ConnectionId} not delivered: {Status} (HTTP {StatusCode}) after {Attempts} attempt(s)")]
    public static partial void FrameNotDelivered(ILogger logger, string connectionId, string? requestId, long seq, PostToConnectionStatus status, int? statusCode, int attempts);
}
