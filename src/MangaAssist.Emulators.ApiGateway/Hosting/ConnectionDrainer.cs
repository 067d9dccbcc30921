using MangaAssist.Emulators.ApiGateway.Connections;

namespace MangaAssist.Emulators.ApiGateway.Hosting;

/// <summary>On shutdown, closes every client socket with 1001 so each still gets its <c>$disconnect</c> call.</summary>
internal sealed class ConnectionDrainer(ConnectionRegistry registry) : IHostedService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
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
            // The host's shutdown timeout won; the remaining sockets are aborted by Kestrel.
        }
    }
}
