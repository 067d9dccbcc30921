namespace MangaAssist.SharedState.Jobs;

/// <summary>Job records of one process, when no Redis is configured. The oldest go first beyond <see cref="JobStoreOptions.MaxLocalJobs"/>.</summary>
internal sealed class InMemoryJobStore(JobStoreOptions options, TimeProvider timeProvider) : IJobStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, JobRecord> _jobs = [];
    private readonly Dictionary<string, string> _idempotencyKeys = [];
    private readonly Queue<string> _order = new();

    public Task<(JobRecord Job, bool Created)> CreateAsync(JobRecord job, string? idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        lock (_gate)
        {
            var scoped = idempotencyKey is null ? null : job.OwnerId + ":" + idempotencyKey;
            if (scoped is not null && _idempotencyKeys.TryGetValue(scoped, out var existingId) && _jobs.TryGetValue(existingId, out var existing))
            {
                return Task.FromResult((existing, false));
            }

            var now = timeProvider.GetUtcNow();
            var stored = job with { CreatedAt = now, UpdatedAt = now, Version = 1 };
            _jobs[job.Id] = stored;
            _order.Enqueue(job.Id);
            if (scoped is not null)
            {
                _idempotencyKeys[scoped] = job.Id;
            }

            while (_order.Count > options.MaxLocalJobs && _order.TryDequeue(out var oldest))
            {
                _jobs.Remove(oldest);
            }

            return Task.FromResult((stored, true));
        }
    }

    public Task<JobRecord?> FindAsync(string jobId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_jobs.GetValueOrDefault(jobId));
        }
    }

    public Task<JobRecord?> StartAsync(string jobId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Change(jobId, job => job.IsTerminal ? null : job with { Status = JobStatus.Running, Attempts = job.Attempts + 1 }));

    public Task<bool> ReportProgressAsync(string jobId, long progressTokens, CancellationToken cancellationToken = default) =>
        Task.FromResult(!Exists(jobId) || (Change(jobId, job => job.Status == JobStatus.Running ? job with { ProgressTokens = progressTokens } : null)?.CancelRequested ?? false));

    public Task<int> EraseOwnerAsync(string ownerId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(ownerId);
        lock (_gate)
        {
            var owned = _jobs.Values.Where(job => job.OwnerId == ownerId).Select(job => job.Id).ToList();
            owned.ForEach(id => _jobs.Remove(id));
            foreach (var key in _idempotencyKeys.Keys.Where(key => key.StartsWith(ownerId + ":", StringComparison.Ordinal)).ToList())
            {
                _idempotencyKeys.Remove(key);
            }

            return Task.FromResult(owned.Count);
        }
    }

    private bool Exists(string jobId)
    {
        lock (_gate)
        {
            return _jobs.ContainsKey(jobId);
        }
    }

    public Task<bool> FinishAsync(string jobId, JobOutcome outcome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return Task.FromResult(Change(jobId, job => job.IsTerminal ? null : job with
        {
            Status = outcome.Status,
            ResultText = outcome.ResultText,
            ResultLocation = outcome.ResultLocation,
            ResultBytes = outcome.ResultBytes,
            ContentType = outcome.ContentType,
            ErrorCode = outcome.ErrorCode,
            ErrorMessage = outcome.ErrorMessage,
            Citations = outcome.Citations,
            ProgressTokens = Math.Max(job.ProgressTokens, outcome.ProgressTokens),
        }) is not null);
    }

    public Task<JobRecord?> RequestCancelAsync(string jobId, CancellationToken cancellationToken = default)
    {
        Change(jobId, job => job.IsTerminal ? null : job.Status == JobStatus.Queued
            ? job with { Status = JobStatus.Cancelled, CancelRequested = true, ErrorCode = JobErrors.Cancelled, ErrorMessage = JobErrors.CancelledMessage }
            : job with { CancelRequested = true });
        return FindAsync(jobId, cancellationToken);
    }

    /// <summary>Applies <paramref name="change"/> (null: no change) and returns the changed job.</summary>
    private JobRecord? Change(string jobId, Func<JobRecord, JobRecord?> change)
    {
        lock (_gate)
        {
            if (!_jobs.TryGetValue(jobId, out var job) || change(job) is not { } changed)
            {
                return null;
            }

            _jobs[jobId] = changed = changed with { Version = job.Version + 1, UpdatedAt = timeProvider.GetUtcNow() };
            return changed;
        }
    }
}
