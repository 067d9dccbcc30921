namespace MangaAssist.Emulators.ApiGateway.Connections;

/// <summary>
/// On shutdown, before Kestrel stops, closes every client socket with 1001 so each still gets its
/// <c>$disconnect</c> call; Kestrel then waits for those sessions to end.
/// </summary>
internal sealed class ConnectionDrainer(ConnectionRegistry registry) : IHostedLifecycleService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        foreach (var connection in registry.All)
        {
            connection.RequestClose(DisconnectStatus.Shutdown);
        }

        // Shutdown only: a short poll is simpler than an "all sessions ended" signal and costs nothing at run time.
        try
        {
            while (registry.Count > 0)
            {
                await Task.Delay(PollInterval, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout won; Kestrel aborts the remaining sockets.
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
