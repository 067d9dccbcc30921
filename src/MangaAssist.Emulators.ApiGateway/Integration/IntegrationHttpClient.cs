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
            // Like API Gateway with X-Ray on: the trace goes out as X-Amzn-Trace-Id, never as W3C
            // headers of the gateway's own (a client's traceparent is forwarded as it came).
            ActivityHeadersPropagator = new XRayTraceHeaderPropagator(),
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
