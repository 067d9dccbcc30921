namespace MangaAssist.SharedState.Jobs;

/// <summary>
/// Job records shared by every instance. Each change is atomic and a terminal status is final, so a late
/// or duplicated completion (an instance that lost its lease) changes nothing.
/// </summary>
public interface IJobStore
{
    /// <summary>
    /// Stores <paramref name="job"/>, unless <paramref name="idempotencyKey"/> (per owner) already names a job:
    /// then that job is returned and <c>Created</c> is false.
    /// </summary>
    Task<(JobRecord Job, bool Created)> CreateAsync(JobRecord job, string? idempotencyKey, CancellationToken cancellationToken = default);

    Task<JobRecord?> FindAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>Marks a queued or running job running (one more attempt); returns it, or null when it is terminal or unknown.</summary>
    Task<JobRecord?> StartAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>Records progress of a running job; true when a cancel was asked for or the record is gone (forgotten or expired).</summary>
    Task<bool> ReportProgressAsync(string jobId, long progressTokens, CancellationToken cancellationToken = default);

    /// <summary>Ends the job with <paramref name="outcome"/>; false when it had ended already (nothing changed).</summary>
    Task<bool> FinishAsync(string jobId, JobOutcome outcome, CancellationToken cancellationToken = default);

    /// <summary>Asks the job to stop: a queued one is cancelled at once, a running one when its runner notices. Returns the job after.</summary>
    Task<JobRecord?> RequestCancelAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>forget</c>: deletes every job record of <paramref name="ownerId"/> (they hold the shopper's question and
    /// a small result's text) and its idempotency keys; a job still running stops at its next heartbeat.
    /// Returns how many jobs were deleted.
    /// </summary>
    Task<int> EraseOwnerAsync(string ownerId, CancellationToken cancellationToken = default);
}
