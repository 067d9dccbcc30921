namespace MangaAssist.ServiceDefaults.ApiGateway;

/// <summary>
/// The Amazon API Gateway WebSocket API quotas the service and the emulator both obey, defined once
/// (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html).
/// </summary>
public static class ApiGatewayQuotas
{
    /// <summary>Largest WebSocket frame: 32 KB.</summary>
    public const int FrameBytes = 32 * 1024;

    /// <summary>Largest message (client message or <c>@connections</c> post): 128 KB.</summary>
    public const int MessageBytes = 128 * 1024;

    /// <summary>Longest wait for an integration response.</summary>
    public static readonly TimeSpan IntegrationTimeout = TimeSpan.FromSeconds(29);

    /// <summary>A connection with no client message for this long is closed.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Longest life of a connection, whatever its activity.</summary>
    public static readonly TimeSpan MaxConnectionDuration = TimeSpan.FromHours(2);
}
