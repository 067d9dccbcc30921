namespace MangaAssist.Orchestrator.Jobs;

/// <summary>Job log lines: ids, statuses and codes only, never the question or the answer.</summary>
internal static partial class Log
{
    [LoggerMessage(3700, LogLevel.Information, "Job {JobId} accepted for principal {PrincipalId}")]
    public static partial void JobAccepted(ILogger logger, string jobId, string principalId);

    [LoggerMessage(3701, LogLevel.Information, "Job {JobId} started (attempt {Attempt}, taken over: {Reclaimed}, continuing after {DeliveredChars} chars at seq {NextSeq})")]
    public static partial void JobStarted(ILogger logger, string jobId, int attempt, bool reclaimed, int deliveredChars, long nextSeq);

    [LoggerMessage(3702, LogLevel.Information, "Job {JobId} ended {Status} ({Code})")]
    public static partial void JobEnded(ILogger logger, string jobId, string status, string? code);

    [LoggerMessage(3703, LogLevel.Information, "Job {JobId} left to another runner: {Reason}")]
    public static partial void JobLeft(ILogger logger, string jobId, JobStop reason);

    [LoggerMessage(3704, LogLevel.Warning, "Job {JobId} crashed")]
    public static partial void JobCrashed(ILogger logger, string jobId, Exception exception);

    [LoggerMessage(3705, LogLevel.Warning, "Job queue unavailable: {Reason}")]
    public static partial void QueueUnavailable(ILogger logger, string reason);

    [LoggerMessage(3706, LogLevel.Information, "Job {JobId} cancel asked: running here {RunningHere}")]
    public static partial void CancelAsked(ILogger logger, string jobId, bool runningHere);
}
