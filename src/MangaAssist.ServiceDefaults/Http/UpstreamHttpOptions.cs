using System.ComponentModel.DataAnnotations;

namespace MangaAssist.ServiceDefaults.Http;

/// <summary>
/// The connection pool of one upstream (Bedrock Runtime, API Gateway Management, OpenSearch): one shape for
/// every outbound client, so each is tuned with the same keys (<c>Bedrock:MaxConnections</c>, …).
/// </summary>
public abstract class UpstreamHttpOptions
{
    /// <param name="defaultMaxConnections">The upstream's default pool size; each documents its own.</param>
    protected UpstreamHttpOptions(int defaultMaxConnections) => MaxConnections = defaultMaxConnections;

    /// <summary>
    /// Connections kept to the endpoint. Over HTTP/1.1 a streamed answer or a post in flight holds one; over HTTP/2
    /// a connection carries as many requests as the server allows at once (100 for Kestrel), and this caps the
    /// connections opened beyond the first.
    /// </summary>
    [Range(1, 65535)]
    public int MaxConnections { get; set; }

    /// <summary>The HTTP version of the requests (<see cref="UpstreamHttpVersion"/>: <c>Auto</c>, <c>Http11</c> or <c>Http2</c>).</summary>
    /// <value>The default value is <see cref="UpstreamHttpVersion.Http11"/>; Bedrock's is <see cref="UpstreamHttpVersion.Auto"/>.</value>
    [EnumDataType(typeof(UpstreamHttpVersion))]
    public UpstreamHttpVersion HttpVersion { get; set; } = UpstreamHttpVersion.Http11;

    /// <summary>What the requests to <paramref name="endpoint"/> carry for <see cref="HttpVersion"/>.</summary>
    public UpstreamRequestVersion RequestVersionFor(Uri endpoint) => UpstreamRequestVersion.For(HttpVersion, endpoint);

    /// <summary>How long a pooled connection lives, so DNS changes (endpoint fail-over) are picked up.</summary>
    /// <value>The default value is 5 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PooledConnectionLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an idle pooled connection is kept.</summary>
    /// <value>The default value is 1 minute.</value>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PooledConnectionIdleTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>TCP + TLS connect timeout.</summary>
    /// <value>The default value is 3 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:05:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(3);
}
