using Microsoft.Extensions.Logging;

namespace MangaAssist.Aws.Bedrock;

internal static partial class Log
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Debug, Message = "Bedrock {Operation} started: model {ModelId}, request {RequestId}")]
    public static partial void CallStarted(ILogger logger, string operation, string modelId, string? requestId);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Debug, Message = "Bedrock stream finished: model {ModelId}, request {RequestId}, stop reason {StopReason}, {Deltas} deltas, {InputTokens} input / {OutputTokens} output tokens")]
    public static partial void StreamFinished(ILogger logger, string modelId, string? requestId, string? stopReason, int deltas, long? inputTokens, long? outputTokens);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Bedrock {Operation} failed: {Kind} (status {StatusCode}, type {AwsErrorType}, in stream {InStream}, retryable {IsRetryable}), model {ModelId}, request {RequestId}")]
    public static partial void CallFailed(ILogger logger, string operation, BedrockErrorKind kind, int? statusCode, string? awsErrorType, bool inStream, bool isRetryable, string modelId, string? requestId);
}
