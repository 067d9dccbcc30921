using MangaAssist.Orchestrator.Kernel;
using MangaAssist.SharedState.Redis;
using MangaAssist.SharedState.Shoppers;

namespace MangaAssist.Orchestrator.Intake;

/// <summary>Stops this instance's answers of a shopper whom another instance (or this one) is forgetting.</summary>
internal sealed class ForgetAnnouncementListener(IForgetAnnouncements announcements, ChatRequestRegistry registry, ILogger<ForgetAnnouncementListener> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await announcements.ListenAsync(principalId => registry.CancelPrincipal(principalId, CancelReason.ClientCancelled), cancellationToken);
        }
        catch (SharedStateUnavailableException exception)
        {
            Log.ForgetFailed(logger, "(listener)", exception.GetType().Name);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
