namespace MangaAssist.Orchestrator.Continuity;

/// <summary>Lease, take-over and hand-over log lines: ids, seqs and outcomes only, never the question or the answer.</summary>
internal static partial class Log
{
    // Debug: during a Redis outage this would be one line per answer; the outage itself is logged where it happens.
    [LoggerMessage(3800, LogLevel.Debug, "Answer {RequestId}: lease unavailable ({Error}); the answer goes on, but no other task could finish it")]
    public static partial void LeaseUnavailable(ILogger logger, string requestId, string error);

    [LoggerMessage(3801, LogLevel.Warning, "Answer {RequestId}: lease lost to another task; stopping here without a terminal frame")]
    public static partial void LeaseLost(ILogger logger, string requestId);

    [LoggerMessage(3802, LogLevel.Information, "Answer {RequestId} on {ConnectionId} taken over ({Outcome}): continued from seq {FromSeq}, {Frames} frame(s) posted")]
    public static partial void TakenOver(ILogger logger, string requestId, string connectionId, string outcome, long fromSeq, long frames);

    [LoggerMessage(3803, LogLevel.Information, "Answer {RequestId} on {ConnectionId} handed over at seq {NextSeq} (lease passed: {Handed})")]
    public static partial void HandedOver(ILogger logger, string requestId, string connectionId, long nextSeq, bool handed);

    [LoggerMessage(3804, LogLevel.Information, "Draining: {Peers} live peer(s) can take this task's answers")]
    public static partial void DrainPeers(ILogger logger, int peers);

    [LoggerMessage(3805, LogLevel.Warning, "Orphaned answers can't be claimed ({Error}); trying again")]
    public static partial void ClaimFailed(ILogger logger, string error);

    [LoggerMessage(3806, LogLevel.Error, "Take-over of answer {WorkId} crashed")]
    public static partial void TakeoverCrashed(ILogger logger, string workId, Exception exception);
}
