using MangaAssist.SharedState.Redis;
using MangaAssist.SharedState.Work;
using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Jobs;

/// <summary>
/// Takes analysis jobs from the shared queue while this instance has a free analysis slot
/// (<see cref="AnalysesOptions.MaxConcurrent"/>, apart from the chat streams' limit), stale ones first. Idle, it
/// waits for a new job's announcement (any instance's submission) and looks on its own only every
/// <see cref="AnalysesOptions.PollInterval"/>, for leases that lapsed and announcements that got lost.
/// </summary>
public sealed class AnalysisWorker(IWorkQueue queue, IWorkAnnouncements announcements, AnalysisJobRunner runner, JobWakeup wakeup, IOptions<AnalysesOptions> options, TimeProvider timeProvider, ILogger<AnalysisWorker> logger)
    : BackgroundService
{
    /// <summary>This instance's name in the consumer group: unique per process, so a restarted task is a new consumer.</summary>
    public string Consumer { get; } = $"{Environment.ProcessId}-{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunWorker)
        {
            return;
        }

        using var slots = new SemaphoreSlim(options.Value.MaxConcurrent);
        var runs = new List<Task>();
        var listening = !options.Value.WakeOnAnnouncements;
        while (!stoppingToken.IsCancellationRequested)
        {
            await slots.WaitAsync(stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (stoppingToken.IsCancellationRequested)
            {
                break;
            }

            listening = listening || await ListenAsync(stoppingToken);
            // Taken before looking: an announcement that arrives while this instance looks still wakes it after.
            var woken = wakeup.Next;
            WorkLease? lease = null;
            try
            {
                lease = await queue.TakeAsync(JobQueues.Analyses, Consumer, stoppingToken);
            }
            catch (SharedStateUnavailableException exception)
            {
                Log.QueueUnavailable(logger, exception.GetType().Name);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }

            if (lease is null)
            {
                slots.Release();
                await woken.WaitAsync(options.Value.PollInterval, timeProvider, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
            }

            runs.RemoveAll(r => r.IsCompleted);
            runs.Add(RunAsync(lease, slots, stoppingToken));
        }

        // Stopping: running jobs see the token, leave their leases to expire and another instance takes them over.
        await Task.WhenAll(runs);
    }

    /// <summary>Subscribes to new-job announcements; false while Redis refuses (the slow poll covers it, the next round retries).</summary>
    private async Task<bool> ListenAsync(CancellationToken stoppingToken)
    {
        try
        {
            await announcements.ListenAsync(JobQueues.Analyses, wakeup.Signal, stoppingToken);
            return true;
        }
        catch (SharedStateUnavailableException exception)
        {
            Log.QueueUnavailable(logger, exception.GetType().Name);
            return false;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task RunAsync(WorkLease lease, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await runner.RunAsync(lease, stoppingToken);
        }
        catch (Exception exception)
        {
            Log.JobCrashed(logger, lease.WorkId, exception);
        }
        finally
        {
            slots.Release();
        }
    }
}
