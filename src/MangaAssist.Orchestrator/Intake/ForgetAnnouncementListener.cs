using MangaAssist.Orchestrator.Kernel;
using MangaAssist.SharedState.Redis;
using MangaAssist.SharedState.Shoppers;

namespace MangaAssist.Orchestrator.Intake;

/// <summary>
/// Stops this instance's answers of a shopper whom another instance (or this one) is forgetting. Subscribing is
/// retried in the background until Redis takes it: an instance that starts while Redis is slow or away must still
/// hear later forgets (the client restores the subscription across reconnects once it exists).
/// </summary>
internal sealed class ForgetAnnouncementListener(
    IForgetAnnouncements announcements,
    ChatRequestRegistry registry,
    TimeProvider time,
    ILogger<ForgetAnnouncementListener> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var wait = FirstRetry;
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await announcements.ListenAsync(principalId => registry.CancelPrincipal(principalId, CancelReason.ClientCancelled), stoppingToken);
                if (attempt > 1)
                {
                    Log.ForgetListenerSubscribed(logger, attempt);
                }

                return;
            }
            catch (SharedStateUnavailableException exception)
            {
                // Redis's own outage lines say whether someone must act; this one only explains the delay.
                if (attempt == 1)
                {
                    Log.ForgetListenerRetrying(logger, exception.GetType().Name);
                }
            }

            await Task.Delay(wait, time, stoppingToken);
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, LongestRetry.Ticks));
        }
    }
}
