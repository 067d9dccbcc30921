using System.Collections.Concurrent;

namespace MangaAssist.Orchestrator.Jobs;

/// <summary>The jobs this instance runs now, so a cancel that arrives here stops its model at once.</summary>
public sealed class RunningJobs
{
    private readonly ConcurrentDictionary<string, RunningJob> _jobs = new(StringComparer.Ordinal);

    public int Count => _jobs.Count;

    public RunningJob Add(string jobId, CancellationToken stopping)
    {
        var job = new RunningJob(jobId, stopping);
        _jobs[jobId] = job;
        return job;
    }

    public void Remove(RunningJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        _jobs.TryRemove(new KeyValuePair<string, RunningJob>(job.JobId, job));
    }

    /// <summary>Stops the job when it runs here; false when it does not.</summary>
    public bool TryStop(string jobId, JobStop reason)
    {
        if (!_jobs.TryGetValue(jobId, out var job))
        {
            return false;
        }

        job.Stop(reason);
        return true;
    }
}
