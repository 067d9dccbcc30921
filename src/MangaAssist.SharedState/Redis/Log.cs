using System.Net;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace MangaAssist.SharedState.Redis;

internal static partial class Log
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Shared state: Redis at {Endpoints}")]
    public static partial void UsingRedis(ILogger logger, EndPointCollection endpoints);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Shared state: no Redis configured (Redis:Configuration); every capability is local to this instance")]
    public static partial void UsingMemory(ILogger logger);

    [LoggerMessage(EventId = 5002, Message = "Redis connection failed ({FailureType}) to {Endpoint}")]
    public static partial void ConnectionFailed(ILogger logger, LogLevel level, ConnectionFailureType failureType, EndPoint? endpoint, Exception? exception);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Redis connection restored to {Endpoint}")]
    public static partial void ConnectionRestored(ILogger logger, EndPoint? endpoint);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Redis circuit opened for {BreakDuration}: calls fail fast and capabilities use local fallbacks")]
    public static partial void CircuitOpened(ILogger logger, TimeSpan breakDuration, Exception? exception);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Information, Message = "Redis circuit half-open: trying one call")]
    public static partial void CircuitHalfOpened(ILogger logger);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Information, Message = "Redis circuit closed: shared state is back")]
    public static partial void CircuitClosed(ILogger logger);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Debug, Message = "Redis call {Operation} failed: {Reason}")]
    public static partial void CallFailed(ILogger logger, string operation, string reason, Exception? exception);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Debug, Message = "{Capability}: Redis unavailable, served locally")]
    public static partial void FellBack(ILogger logger, string capability);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Warning, Message = "{Capability}: stored value under {Key} could not be read and is ignored")]
    public static partial void UnreadableValue(ILogger logger, string capability, string key, Exception? exception);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Warning, Message = "Answer flight {FlightKey}: {Reason}; followers on other instances will be told the flight failed")]
    public static partial void FlightBroadcastStopped(ILogger logger, string flightKey, string reason);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Warning, Message = "Frame log {LogKey}: append of seq {Seq} left a gap; the log is marked incomplete")]
    public static partial void FrameLogGap(ILogger logger, string logKey, long seq);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Warning, Message = "Spend window: Redis unavailable; the spend breaker counts only this instance's spend until it is back")]
    public static partial void SpendWindowLocal(ILogger logger);
}
