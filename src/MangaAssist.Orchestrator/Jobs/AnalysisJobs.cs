using System.Security.Cryptography;
using System.Text;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.SharedState.Jobs;
using MangaAssist.SharedState.Work;

namespace MangaAssist.Orchestrator.Jobs;

/// <summary>Submits analyses as jobs (from REST or the socket) and cancels them; any instance may run them.</summary>
public sealed class AnalysisJobs(IJobStore jobs, IWorkQueue queue, IWorkAnnouncements announcements, RunningJobs running, JobWakeup wakeup, ILogger<AnalysisJobs> logger)
{
    /// <summary>Creates the job and queues it, or returns the job <paramref name="idempotencyKey"/> already names (<c>Created</c> false).</summary>
    /// <param name="requestId">The id its frames carry; null: the job id.</param>
    public async Task<(JobRecord Job, bool Created)> SubmitAsync(
        ShopperPrincipal principal, string sessionId, string message, string? idempotencyKey, string? requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var id = Guid.NewGuid().ToString("N");
        var job = new JobRecord
        {
            Id = id,
            OwnerId = principal.Id,
            SessionId = sessionId,
            RequestId = requestId ?? id,
            Message = message,
            Fingerprint = FingerprintOf(sessionId, message),
        };
        var (stored, created) = await jobs.CreateAsync(job, idempotencyKey, cancellationToken);
        if (!created)
        {
            return (stored, false);
        }

        try
        {
            await queue.EnqueueAsync(JobQueues.Analyses, stored.Id, cancellationToken);
        }
        catch
        {
            // A job nobody will run must not look queued forever.
            await jobs.FinishAsync(stored.Id, new JobOutcome(JobStatus.Failed) { ErrorCode = "internal_error", ErrorMessage = "The analysis could not be queued." }, CancellationToken.None);
            throw;
        }

        wakeup.Signal();
        await AnnounceAsync();
        Log.JobAccepted(logger, stored.Id, principal.Id);
        return (stored, true);
    }

    /// <summary>Wakes the other instances' idle workers; a lost announcement only delays the job to their next look.</summary>
    private async Task AnnounceAsync()
    {
        try
        {
            await announcements.AnnounceAsync(JobQueues.Analyses, CancellationToken.None);
        }
        catch (MangaAssist.SharedState.Redis.SharedStateUnavailableException exception)
        {
            Log.QueueUnavailable(logger, exception.GetType().Name);
        }
    }

    /// <summary>The principal's job; null for an unknown id and for another principal's (they must look the same).</summary>
    public async Task<JobRecord?> FindAsync(ShopperPrincipal principal, string jobId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (!IsJobId(jobId))
        {
            return null;
        }

        var job = await jobs.FindAsync(jobId, cancellationToken);
        return job?.OwnerId == principal.Id ? job : null;
    }

    /// <summary>Cancels the principal's job: a queued one at once, a running one here at once or on its instance at its next heartbeat.</summary>
    public async Task<JobRecord?> CancelAsync(ShopperPrincipal principal, string jobId, CancellationToken cancellationToken)
    {
        if (await FindAsync(principal, jobId, cancellationToken) is null)
        {
            return null;
        }

        var job = await jobs.RequestCancelAsync(jobId, cancellationToken);
        Log.CancelAsked(logger, jobId, running.TryStop(jobId, JobStop.Cancelled));
        return job;
    }

    /// <summary>Whether an idempotency key's job was asked for the same thing.</summary>
    public static bool SameQuestion(JobRecord job, string sessionId, string message)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.Fingerprint == FingerprintOf(sessionId, message);
    }

    private static bool IsJobId(string jobId) => jobId is { Length: 32 } && jobId.All(char.IsAsciiHexDigitLower);

    private static string FingerprintOf(string sessionId, string message) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sessionId + "\n" + message)));
}
