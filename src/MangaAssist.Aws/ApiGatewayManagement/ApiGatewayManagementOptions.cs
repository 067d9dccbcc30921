using System.ComponentModel.DataAnnotations;
using MangaAssist.ServiceDefaults.Http;

namespace MangaAssist.Aws.ApiGatewayManagement;

/// <summary>
/// API Gateway Management API (<c>@connections</c>) client settings. The pool (<see cref="UpstreamHttpOptions"/>)
/// uses HTTP/2 wherever it can be negotiated (<c>ApiGatewayManagement:HttpVersion=Auto</c>: the https endpoint; the
/// local stacks set <c>Http2</c> for the emulator): every streamed frame is one POST, and over HTTP/2 the posts of all
/// streams share a few connections, their requests and replies batched into fewer socket writes and reads
/// (loadtest/README.md, "HTTP/2 to the AWS upstreams"). Over HTTP/1.1 a post holds a connection, and
/// the 1,280 connections, one per admitted stream (<c>Capacity:MaxConcurrentStreams</c>), keep a burst of streams from
/// waiting inside the pool, a wait that counts against the post's timeout (docs/capacity.md: a 512 pool lost 785 first
/// frames when 1,000 answers started at once).
/// </summary>
public sealed class ApiGatewayManagementOptions : UpstreamHttpOptions
{
    public ApiGatewayManagementOptions()
        : base(defaultMaxConnections: 1280, defaultHttpVersion: UpstreamHttpVersion.Auto)
    {
    }

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





    /// <summary>Upper bound for one call (a post of one frame), connection set-up included.</summary>
    /// <value>The default value is 5 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
