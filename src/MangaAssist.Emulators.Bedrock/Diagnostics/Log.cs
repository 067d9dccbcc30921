using MangaAssist.Emulators.Bedrock.Faults;

namespace MangaAssist.Emulators.Bedrock.Diagnostics;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Bedrock Runtime emulator listening on {Addresses}")]
    public static partial void Listening(ILogger logger, string addresses);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "{Operation} {ModelId} request {RequestId} rejected: {ErrorType} {Message}")]
    public static partial void Rejected(ILogger logger, string operation, string modelId, string requestId, string errorType, string message);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Request {RequestId}: injecting {Kind} after {AfterTokens} tokens ({Source})")]
    public static partial void FaultInjected(ILogger logger, string requestId, FaultKind kind, int afterTokens, FaultSource source);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Request {RequestId}: client went away after {TokensSent} tokens")]
    public static partial void ClientAborted(ILogger logger, string requestId, int tokensSent);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Fault rule set: {Rule}")]
    public static partial void FaultRuleSet(ILogger logger, FaultRule rule);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Fault rules cleared: {Scope}")]
    public static partial void FaultRulesCleared(ILogger logger, string scope);
}
