using MangaAssist.Orchestrator.Jobs;
using MangaAssist.SharedState.Redis;
using MangaAssist.SharedState.Work;

namespace MangaAssist.Orchestrator.Continuity;

/// <summary>
/// On every task: claims answers whose lease went stale (their task died) or was handed over (their task drains)
/// and has each continued by <see cref="AnswerResumer"/>. Looks every <see cref="ContinuityOptions.ClaimInterval"/>,
/// and at once when a peer announces a hand-over. Each pass also tells draining peers that this task is alive.
/// </summary>
public sealed class OrphanClaimer(AnswerLeases leases, AnswerHandover handover, IWorkQueue queue, IServiceProvider services, TimeProvider timeProvider, ILogger<OrphanClaimer> logger)
    : BackgroundService
{
    /// <summary>Claims per pass at most; the rest come in the next pass, which follows at once.</summary>
    private const int ClaimBatch = 16;

    private readonly JobWakeup _wakeup = new();
    private int _running;
    private bool _failing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!leases.Enabled)
        {
            return;
        }

        var options = leases.Options;
        IDisposable? subscription = null;
        var cursor = WorkClaims.FirstCursor;
        try
        {
            while (!stoppingToken.IsCancellationRequested && !handover.Draining)
            {
                var woken = _wakeup.Next;
                subscription ??= await TrySubscribeAsync(stoppingToken);
                var free = Math.Min(ClaimBatch, options.MaxConcurrentTakeovers - Volatile.Read(ref _running));
                if (free > 0 && await TryClaimAsync(cursor, free, stoppingToken) is { } claims)
                {
                    cursor = claims.NextCursor;
                    if (claims.Claimed.Count > 0 || cursor != WorkClaims.FirstCursor)
                    {
                        continue;
                    }
                }

                await woken.WaitAsync(options.ClaimInterval, timeProvider, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        finally
        {
            subscription?.Dispose();
        }
    }

    private async Task<WorkClaims?> TryClaimAsync(string cursor, int count, CancellationToken stoppingToken)
    {
        try
        {
            var claims = await queue.ClaimStaleAsync(ContinuityOptions.Queue, leases.Consumer, leases.Options.VisibilityTimeout, count, cursor, stoppingToken);
            _failing = false;
            foreach (var claimed in claims.Claimed)
            {
                Interlocked.Increment(ref _running);
                _ = RunAsync(claimed);
            }

            return claims;
        }
        catch (SharedStateUnavailableException exception)
        {
            if (!_failing)
            {
                _failing = true;
                Log.ClaimFailed(logger, exception.GetType().Name);
            }

            return null;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>A take-over is not tied to this service's stop: like any answer it is handed over or ended by the drain.</summary>
    private async Task RunAsync(ClaimedWork claimed)
    {
        await Task.Yield();
        try
        {
            // Resolved when first needed: the resumer posts to @connections, whose client a task that never takes an answer over need not build.
            await services.GetRequiredService<AnswerResumer>().RunAsync(claimed);
        }
        catch (Exception exception)
        {
            Log.TakeoverCrashed(logger, claimed.Lease.WorkId, exception);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    private async Task<IDisposable?> TrySubscribeAsync(CancellationToken stoppingToken)
    {
        try
        {
            return await queue.OnHandOverAsync(ContinuityOptions.Queue, _wakeup.Signal, stoppingToken);
        }
        catch (SharedStateUnavailableException)
        {
            // Polling still finds handed-over answers; the subscription is tried again on the next pass.
            return null;
        }
    }
}
