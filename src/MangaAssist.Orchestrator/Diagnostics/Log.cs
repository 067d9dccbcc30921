using MangaAssist.Aws.ApiGatewayManagement;
using MangaAssist.Aws.Bedrock;
using MangaAssist.Orchestrator.Chat;

namespace MangaAssist.Orchestrator.Diagnostics;

/// <summary>
/// Every log line of the service. Ids, codes and timings only: user text and prompts never go to
/// the logs.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Information, "Connection {ConnectionId} opened from {SourceIp}")]
    public static partial void ConnectionOpened(ILogger logger, string connectionId, string? sourceIp);

    [LoggerMessage(1001, LogLevel.Information, "Connection {ConnectionId} closed; {Cancelled} answer(s) in progress were stopped")]
    public static partial void ConnectionClosed(ILogger logger, string connectionId, int cancelled);

    [LoggerMessage(1002, LogLevel.Warning, "Integration call to {Route} without the X-Connection-Id header; check the API Gateway request parameter mapping")]
    public static partial void MissingConnectionHeader(ILogger logger, string route);

    [LoggerMessage(1100, LogLevel.Information, "Request {RequestId} on {ConnectionId} accepted: route {Route}, model {Model}")]
    public static partial void RequestAccepted(ILogger logger, string connectionId, string requestId, string route, string model);

    [LoggerMessage(1101, LogLevel.Information, "Message on {ConnectionId} refused: {Code}")]
    public static partial void MessageRefused(ILogger logger, string connectionId, string code);

    [LoggerMessage(1102, LogLevel.Information, "Request {RequestId} on {ConnectionId} repeats an id already used on this connection; not answered twice")]
    public static partial void DuplicateRequest(ILogger logger, string connectionId, string requestId);

    [LoggerMessage(1103, LogLevel.Information, "Cancel of {RequestId} on {ConnectionId}: {Lookup}")]
    public static partial void CancelRequested(ILogger logger, string connectionId, string requestId, CancelLookup lookup);

    [LoggerMessage(1200, LogLevel.Information, "Request {RequestId} ended {Outcome} after {DurationMs:F0} ms: first token {FirstTokenMs:F0} ms, {Frames} frames, {OutputTokens} output tokens, stop {StopReason}")]
    public static partial void RequestEnded(ILogger logger, string requestId, ChatOutcome outcome, double durationMs, double firstTokenMs, long frames, long outputTokens, string? stopReason);

    [LoggerMessage(1201, LogLevel.Warning, "Request {RequestId} failed upstream: {Kind} (HTTP {StatusCode}, {AwsErrorType}, in stream {InStream}, retryable {Retryable}, AWS request {AwsRequestId})")]
    public static partial void UpstreamFailed(ILogger logger, string requestId, BedrockErrorKind kind, int? statusCode, string? awsErrorType, bool inStream, bool retryable, string? awsRequestId);

    [LoggerMessage(1202, LogLevel.Error, "Request {RequestId} failed unexpectedly")]
    public static partial void RequestCrashed(ILogger logger, string requestId, Exception exception);

    [LoggerMessage(1203, LogLevel.Information, "Request {RequestId} stopped: {Reason}")]
    public static partial void RequestStopped(ILogger logger, string requestId, CancelReason reason);

    [LoggerMessage(1300, LogLevel.Warning, "Frame {Seq} of request {RequestId} to {ConnectionId} not delivered: {Status} (HTTP {StatusCode}) after {Attempts} attempt(s)")]
    public static partial void FrameNotDelivered(ILogger logger, string connectionId, string? requestId, long seq, PostToConnectionStatus status, int? statusCode, int attempts);

    [LoggerMessage(1400, LogLevel.Information, "Shutting down: waiting up to {DrainSeconds} s for {Active} answer(s) in progress")]
    public static partial void DrainStarted(ILogger logger, double drainSeconds, int active);

    [LoggerMessage(1401, LogLevel.Warning, "Drain period over: stopping {Active} answer(s) still in progress")]
    public static partial void DrainExpired(ILogger logger, int active);

    [LoggerMessage(1500, LogLevel.Warning, "Bedrock call to {Model} failed ({Reason}); attempt {NextAttempt} on {NextModel} in {DelayMs:F0} ms (continuation {Continuation})")]
    public static partial void Retrying(ILogger logger, string model, string reason, string nextModel, int nextAttempt, double delayMs, bool continuation);

    [LoggerMessage(1501, LogLevel.Warning, "Retry budget exhausted ({Available} tokens left): {Model} failed ({Reason}) and is not retried")]
    public static partial void RetryBudgetExhausted(ILogger logger, string model, string reason, int available);

    [LoggerMessage(1502, LogLevel.Error, "Circuit for model {Model} opened for {BreakSeconds:F0} s after {Reason}; its calls go to the next model of each route")]
    public static partial void CircuitOpened(ILogger logger, string model, double breakSeconds, string? reason);

    [LoggerMessage(1503, LogLevel.Information, "Circuit for model {Model} half-open: one trial call is let through")]
    public static partial void CircuitHalfOpened(ILogger logger, string model);

    [LoggerMessage(1504, LogLevel.Information, "Circuit for model {Model} closed: the model answers again")]
    public static partial void CircuitClosed(ILogger logger, string model);

    [LoggerMessage(1505, LogLevel.Warning, "Request {RequestId} on {ConnectionId} refused as busy ({Reason}): {InFlight} streams in flight, {Queued} queued")]
    public static partial void Busy(ILogger logger, string connectionId, string requestId, string reason, long inFlight, long queued);

    [LoggerMessage(1600, LogLevel.Warning, "Retrieval for request {RequestId} failed ({Error}); answering without catalog passages")]
    public static partial void RetrievalFailed(ILogger logger, string requestId, string error);

    [LoggerMessage(1700, LogLevel.Warning, "Rate limiter unavailable for {Scope} ({Error}); the request is not limited")]
    public static partial void LimiterUnavailable(ILogger logger, string scope, string error);

    [LoggerMessage(1701, LogLevel.Warning, "Session memory unavailable for request {RequestId} ({Error}); answering without history")]
    public static partial void MemoryUnavailable(ILogger logger, string requestId, string error);

    [LoggerMessage(1702, LogLevel.Warning, "Shared answers unavailable for request {RequestId} ({Error}); answering on its own")]
    public static partial void SharedAnswersUnavailable(ILogger logger, string requestId, string error);

    [LoggerMessage(1703, LogLevel.Information, "Request {RequestId} answered from {Source}")]
    public static partial void AnswerSource(ILogger logger, string requestId, string source);

    [LoggerMessage(1704, LogLevel.Information, "Request {RequestId}: shared answer ended ({Reason}) after {Chars} characters; continuing on its own")]
    public static partial void SharedAnswerBroke(ILogger logger, string requestId, string reason, int chars);

    [LoggerMessage(1705, LogLevel.Information, "Resume of {RequestId} on {ConnectionId} after seq {AfterSeq}: {Frames} frame(s), {Outcome}")]
    public static partial void Resumed(ILogger logger, string connectionId, string requestId, long afterSeq, int frames, string outcome);

    [LoggerMessage(1003, LogLevel.Warning, "Connection registry unavailable for {ConnectionId} ({Error}); continuing without it")]
    public static partial void RegistryUnavailable(ILogger logger, string connectionId, string error);
}
