using System.Net;
using MangaAssist.ServiceDefaults.Http;

namespace MangaAssist.Aws.Http;

/// <summary>
/// Builds the one long-lived, keep-alive <see cref="HttpClient"/> an upstream gets. The field showed that a
/// client per call (new TLS handshake and DNS lookup each time, pool of one) adds over a second per request.
/// </summary>
internal static class UpstreamHttpClientFactory
{
    public static HttpClient Create(UpstreamHttpOptions settings) =>
        new(CreateHandler(settings), disposeHandler: true)
        {
            // Streams run for minutes; every call carries its own cancellation instead.
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };

    /// <summary>
    /// The same pool without <see cref="HttpClient"/>'s layer, for <see cref="SignedHttpTransport"/>: HttpClient links a
    /// cancellation source and adds an async frame to every call, which an @connections post per frame pays for.
    /// Requests carry their own cancellation, as <see cref="Create"/>'s defaults say, and the HTTP version of
    /// <see cref="UpstreamHttpOptions.HttpVersion"/> (<see cref="SignedHttpTransport"/> sets it on each).
    /// </summary>
    /// <param name="drainAbandoned">
    /// False for a model's streams: one abandoned mid-answer (the shopper left, a hedge lost) closes its HTTP/1.1
    /// connection at once (over HTTP/2 the stream alone is reset). Draining it would keep the model generating, and
    /// billing, for nobody for up to two seconds.
    /// </param>
    public static HttpMessageInvoker CreateInvoker(UpstreamHttpOptions settings, bool drainAbandoned = true)
    {
        var handler = CreateHandler(settings);
        if (!drainAbandoned)
        {
            handler.MaxResponseDrainSize = 0;
        }

        return new(handler, disposeHandler: true);
    }

    private static SocketsHttpHandler CreateHandler(UpstreamHttpOptions settings) => new()
    {
        MaxConnectionsPerServer = settings.MaxConnections,
        // Bounded lifetime so that DNS changes (endpoint fail-over) are picked up.
        PooledConnectionLifetime = settings.PooledConnectionLifetime,
        PooledConnectionIdleTimeout = settings.PooledConnectionIdleTimeout,
        ConnectTimeout = settings.ConnectTimeout,
        AutomaticDecompression = DecompressionMethods.None,
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        EnableMultipleHttp2Connections = true,
    };
}
