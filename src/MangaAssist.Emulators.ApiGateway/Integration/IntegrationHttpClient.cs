using System.Net;

namespace MangaAssist.Emulators.ApiGateway.Integration;

/// <summary>
/// The one pooled, keep-alive HttpClient for integration calls. A bounded connection lifetime lets DNS changes
/// through; the per-call timeout is applied by <see cref="IntegrationClient"/> so it can follow the TimeProvider.
/// </summary>
internal sealed class IntegrationHttpClient : IDisposable
{
    public IntegrationHttpClient()
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            MaxConnectionsPerServer = 1024,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            AllowAutoRedirect = false,
        };
        Client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public HttpClient Client { get; }

    public void Dispose() => Client.Dispose();
}
