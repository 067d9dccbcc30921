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

    /// <summary>Connections kept to the endpoint; a streamed answer or a post in flight holds one.</summary>
    [Range(1, 65535)]
    public int MaxConnections { get; set; }

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
