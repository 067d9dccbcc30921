using System.ComponentModel.DataAnnotations;

namespace MangaAssist.Aws.ApiGatewayManagement;

/// <summary>API Gateway Management API (<c>@connections</c>) client settings.</summary>
public sealed class ApiGatewayManagementOptions
{
    /// <summary>
    /// Management endpoint including the stage: <c>https://{api-id}.execute-api.{region}.amazonaws.com/{stage}</c>,
    /// or <c>http://127.0.0.1:8080/local</c> for the emulator.
    /// </summary>
    /// <value>There is no default; it is required.</value>
    [Required]
    public Uri? Endpoint { get; set; }

    /// <summary>AWS region; the SigV4 scope region.</summary>
    /// <value>The default value is <c>us-east-1</c>.</value>
    [Required]
    public string Region { get; set; } = "us-east-1";

    /// <summary>Connections kept to the endpoint; every streamed frame is one POST.</summary>
    /// <value>The default value is 512.</value>
    [Range(1, 65535)]
    public int MaxConnections { get; set; } = 512;

    /// <summary>How long a pooled connection lives, so DNS changes are picked up.</summary>
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

    /// <summary>Upper bound for one call (a post of one frame), connection set-up included.</summary>
    /// <value>The default value is 5 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
