using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Orchestrator.Options;
using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Intake;

/// <summary>
/// On shutdown (ECS sends SIGTERM, then SIGKILL after the stop timeout) lets answers in progress
/// finish for a while, then stops the rest with a retryable <c>service_restarting</c> frame so
/// no client waits for a terminal frame that never comes.
/// </summary>
public sealed class AnswerDrainService(
    ChatRequestRegistry registry,
    TimeProvider timeProvider,
    IOptions<ShutdownOptions> options,
    ILogger<AnswerDrainService> logger) : IHostedService
{
    private TimeSpan DrainTimeout => options.Value.DrainTimeout;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (registry.ActiveCount == 0)
        {
            return;
        }

        Log.DrainStarted(logger, DrainTimeout.TotalSeconds, registry.ActiveCount);
        if (!await WaitForIdleAsync(DrainTimeout, cancellationToken))
        {
            Log.DrainExpired(logger, registry.ActiveCount);
            registry.CancelAll(CancelReason.ShuttingDown);
            await WaitForIdleAsync(ShutdownOptions.FlushMargin, CancellationToken.None);
        }
    }

    private async Task<bool> WaitForIdleAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        while (registry.ActiveCount > 0)
        {
            if (timeProvider.GetElapsedTime(started) >= limit || cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), timeProvider, CancellationToken.None);
        }

        return true;
    }
}
