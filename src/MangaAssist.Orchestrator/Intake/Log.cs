using MangaAssist.Orchestrator.Kernel;

namespace MangaAssist.Orchestrator.Intake;

/// <summary>Intake, resume and drain log lines. Ids and codes only: user text never goes to the logs.</summary>
internal static partial class Log
{
    [LoggerMessage(1100, LogLevel.Information, "Request {RequestId} on {ConnectionId} accepted: route {Route}, model {Model}")]
    public static partial void RequestAccepted(ILogger logger, string connectionId, string requestId, string route, string model);

    [LoggerMessage(1101, LogLevel.Information, "Message on {ConnectionId} refused: {Code}")]
    public static partial void MessageRefused(ILogger logger, string connectionId, string code);

    [LoggerMessage(1102, LogLevel.Information, "Request {RequestId} on {ConnectionId} repeats an id already used on this connection; not answered twice")]
    public static partial void DuplicateRequest(ILogger logger, string connectionId, string requestId);

    [LoggerMessage(1108, LogLevel.Debug, "Resume of {RequestId} on {ConnectionId} after seq {AfterSeq} while it streams there from this task: nothing to replay")]
    public static partial void ResumeWhileStreaming(ILogger logger, string connectionId, string requestId, long afterSeq);

    [LoggerMessage(1103, LogLevel.Information, "Cancel of {RequestId} on {ConnectionId}: {Lookup}")]
    public static partial void CancelRequested(ILogger logger, string connectionId, string requestId, CancelLookup lookup);

    [LoggerMessage(1104, LogLevel.Information, "Forgot the data of principal {PrincipalId}: {Deleted} item(s) deleted, {Cancelled} answer(s) stopped")]
    public static partial void Forgotten(ILogger logger, string principalId, int deleted, int cancelled);

    [LoggerMessage(1105, LogLevel.Warning, "Forget for principal {PrincipalId} failed ({Error}): shared state unavailable")]
    public static partial void ForgetFailed(ILogger logger, string principalId, string error);

    [LoggerMessage(1106, LogLevel.Information, "Forget announcements: shared state not reachable yet ({Error}); subscribing again in the background")]
    public static partial void ForgetListenerRetrying(ILogger logger, string error);

    [LoggerMessage(1107, LogLevel.Information, "Forget announcements: subscribed after {Attempts} attempts")]
    public static partial void ForgetListenerSubscribed(ILogger logger, int attempts);

    [LoggerMessage(1400, LogLevel.Information, "Shutting down: waiting up to {DrainSeconds} s for {Active} answer(s) in progress")]
    public static partial void DrainStarted(ILogger logger, double drainSeconds, int active);

    [LoggerMessage(1401, LogLevel.Warning, "Drain period over: stopping {Active} answer(s) still in progress")]
    public static partial void DrainExpired(ILogger logger, int active);

    [LoggerMessage(1402, LogLevel.Information, "Drain grace over: handing {Active} answer(s) over to a peer")]
    public static partial void HandingOver(ILogger logger, int active);

    [LoggerMessage(1705, LogLevel.Information, "Resume of {RequestId} on {ConnectionId} after seq {AfterSeq}: {Frames} frame(s), {Outcome}")]
    public static partial void Resumed(ILogger logger, string connectionId, string requestId, long afterSeq, int frames, string outcome);
}
