using MangaAssist.Aws.Bedrock;
using MangaAssist.Orchestrator.Kernel;

namespace MangaAssist.Orchestrator.Pipeline;

/// <summary>The answer pipeline's log lines. Ids, codes and timings only: user text and prompts never go to the logs.</summary>
internal static partial class Log
{
    [LoggerMessage(1200, LogLevel.Information, "Request {RequestId} ended {Outcome} after {DurationMs:F0} ms: from {Source}, first token {FirstTokenMs:F0} ms, {Frames} frames, {OutputTokens} output tokens, stop {StopReason}")]
    public static partial void RequestEnded(ILogger logger, string requestId, AnswerOutcome outcome, double durationMs, string source, double firstTokenMs, long frames, long outputTokens, string? stopReason);

    [LoggerMessage(1201, LogLevel.Warning, "Request {RequestId} failed upstream: {Kind} (HTTP {StatusCode}, {AwsErrorType}, in stream {InStream}, retryable {Retryable}, AWS request {AwsRequestId})")]
    public static partial void UpstreamFailed(ILogger logger, string requestId, BedrockErrorKind kind, int? statusCode, string? awsErrorType, bool inStream, bool retryable, string? awsRequestId);

    [LoggerMessage(1202, LogLevel.Error, "Request {RequestId} failed unexpectedly")]
    public static partial void RequestCrashed(ILogger logger, string requestId, Exception exception);

    [LoggerMessage(1203, LogLevel.Information, "Request {RequestId} stopped: {Reason}")]
    public static partial void RequestStopped(ILogger logger, string requestId, CancelReason reason);

    [LoggerMessage(1505, LogLevel.Warning, "Request {RequestId} on {ConnectionId} refused as busy ({Reason}): {InFlight} streams in flight, {Queued} queued")]
    public static partial void Busy(ILogger logger, string connectionId, string requestId, string reason, long inFlight, long queued);

    [LoggerMessage(1700, LogLevel.Warning, "Rate limiter unavailable for {Scope} ({Error}); the request is not limited")]
    public static partial void LimiterUnavailable(ILogger logger, string scope, string error);

    // Debug: the end-of-answer line (1200) carries the source, so a default run writes one line per answer, not two.
    [LoggerMessage(1703, LogLevel.Debug, "Request {RequestId} answered from {Source}")]
    public static partial void AnswerSource(ILogger logger, string requestId, string source);
}
