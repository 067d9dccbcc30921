using System.ComponentModel.DataAnnotations;
using MangaAssist.ServiceDefaults.Http;

namespace MangaAssist.Aws.ApiGatewayManagement;

/// <summary>
/// API Gateway Management API (<c>@connections</c>) client settings. The pool (<see cref="UpstreamHttpOptions"/>)
/// speaks HTTP/1.1 by default and defaults to 1,280 connections, one per admitted stream
/// (<c>Capacity:MaxConcurrentStreams</c>): every streamed frame is one POST and a stream has at most one in flight, so a
/// burst of streams never waits inside the pool for a connection, a wait that counts against the post's timeout
/// (docs/capacity.md: a 512 pool lost 785 first frames when 1,000 answers started at once). HTTP/2
/// (<c>ApiGatewayManagement:HttpVersion=Auto</c> or <c>Http2</c>) measured no lower CPU per answer for the posts, and a
/// task killed mid-post loses the bytes still queued on the shared connection (the kernel resets a socket that is
/// closed with unread data), where an HTTP/1.1 post's own connection still sends them (loadtest/README.md, "HTTP/2 to
/// the AWS upstreams").
/// </summary>
public sealed class ApiGatewayManagementOptions : UpstreamHttpOptions
{
    public ApiGatewayManagementOptions()
        : base(defaultMaxConnections: 1280)
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
