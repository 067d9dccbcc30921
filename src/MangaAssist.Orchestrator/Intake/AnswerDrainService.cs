using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Orchestrator.Options;
using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Intake;

/// <summary>
/// On shutdown (ECS sends SIGTERM, then SIGKILL after the stop timeout) the task first turns not-ready, so the gateway
/// stops sending it work. When a live peer can take answers over, those still running after a short grace are
/// handed over (stopped at a frame boundary, their leases passed on) and the peer sends the rest on the same
/// connection. Otherwise (no Redis, or no other task claimed lately) answers in progress may finish for a while, then
/// the rest stop with a retryable <c>service_restarting</c> frame so no client waits for a terminal frame that never comes.
/// </summary>
public sealed class AnswerDrainService(
    ChatRequestRegistry registry,
    TimeProvider timeProvider,
    IOptions<ShutdownOptions> options,
    ILogger<AnswerDrainService> logger,
    IAnswerHandOver? handover = null) : IHostedService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private TimeSpan DrainTimeout => options.Value.DrainTimeout;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var canHandOver = handover is not null && await handover.BeginDrainAsync(cancellationToken);
        if (registry.ActiveCount == 0)
        {
            return;
        }

        Log.DrainStarted(logger, DrainTimeout.TotalSeconds, registry.ActiveCount);
        var started = timeProvider.GetTimestamp();
        var grace = handover?.Grace ?? TimeSpan.Zero;
        if (canHandOver && !await WaitForIdleAsync(grace < DrainTimeout ? grace : DrainTimeout, handOver: false, cancellationToken))
        {
            Log.HandingOver(logger, registry.ActiveCount);
            // Answers admitted meanwhile (the gateway notices not-ready only at its next check) are handed over too.
            await WaitForIdleAsync(DrainTimeout - timeProvider.GetElapsedTime(started), handOver: true, cancellationToken);
        }

        if (!await WaitForIdleAsync(DrainTimeout - timeProvider.GetElapsedTime(started), handOver: false, cancellationToken))
        {
            Log.DrainExpired(logger, registry.ActiveCount);
            registry.CancelAll(CancelReason.ShuttingDown);
            await WaitForIdleAsync(ShutdownOptions.FlushMargin, handOver: false, CancellationToken.None);
        }
    }

    private async Task<bool> WaitForIdleAsync(TimeSpan limit, bool handOver, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        while (registry.ActiveCount > 0)
        {
            if (handOver)
            {
                handover!.HandOverAll();
            }

            if (timeProvider.GetElapsedTime(started) >= limit || cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            await Task.Delay(PollInterval, timeProvider, CancellationToken.None);
        }

        return true;
    }
}
