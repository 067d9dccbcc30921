namespace MangaAssist.Aws.Http;

/// <summary>Connection pool shape for one upstream.</summary>
internal sealed record UpstreamHttpSettings(
    int MaxConnectionsPerServer,
    TimeSpan PooledConnectionLifetime,
    TimeSpan PooledConnectionIdleTimeout,
    TimeSpan ConnectTimeout);
