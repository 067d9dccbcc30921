namespace MangaAssist.Orchestrator.Apis;

/// <summary>Says once at start-up that the integration door is open, so a Development setup never reaches production unnoticed.</summary>
internal sealed class IntegrationDoorNotice(IntegrationDoor door, ILogger<IntegrationDoorNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!door.IsClosed)
        {
            Log.IntegrationDoorOpen(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
