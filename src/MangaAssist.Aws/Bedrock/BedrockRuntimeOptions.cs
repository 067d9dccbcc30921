using System.ComponentModel.DataAnnotations;
using MangaAssist.ServiceDefaults.Http;

namespace MangaAssist.Aws.Bedrock;

/// <summary>
/// Bedrock Runtime client settings. The pool (<see cref="UpstreamHttpOptions"/>) asks for HTTP/2 by default
/// (<c>Bedrock:HttpVersion=Auto</c>: ALPN on the https endpoint, HTTP/1.1 where the server offers only that or the
/// endpoint is plain http): the streams of a task share a few connections, and the token events of many streams
/// arrive in one socket read instead of a wake-up per stream, 12–20 % less service CPU per answer at 200 streams
/// (loadtest/README.md, "HTTP/2 to the AWS upstreams"). The local stacks set <c>Http2</c>, because the emulator is
/// plain http and speaks HTTP/2 with prior knowledge. Over HTTP/1.1 each answer stream holds a connection for its
/// whole length, so the pool's 1,280 connections match <c>Capacity:MaxConcurrentStreams</c> (docs/capacity.md).
/// </summary>
public sealed class BedrockRuntimeOptions : UpstreamHttpOptions
{
    public BedrockRuntimeOptions()
        : base(defaultMaxConnections: 1280)
    {
        HttpVersion = UpstreamHttpVersion.Auto;
    }

    /// <summary>AWS region; also the SigV4 scope region.</summary>
    /// <value>The default value is <c>us-east-1</c>.</value>
    [Required]
    public string Region { get; set; } = "us-east-1";

    /// <summary>Endpoint override, for example <c>http://127.0.0.1:8090</c> for the local emulator.</summary>
    /// <value>The default value is null: <c>https://bedrock-runtime.{Region}.amazonaws.com</c>.</value>
    public Uri? Endpoint { get; set; }

    /// <summary>Model used when <c>ChatOptions.ModelId</c> is not set.</summary>
    /// <value>The default value is <c>anthropic.claude-3-5-sonnet-20240620-v1:0</c>.</value>
    [Required]
    public string DefaultModelId { get; set; } = "anthropic.claude-3-5-sonnet-20240620-v1:0";

    /// <summary>Embedding model used when <c>EmbeddingGenerationOptions.ModelId</c> is not set.</summary>
    /// <value>The default value is <c>amazon.titan-embed-text-v2:0</c>.</value>
    [Required]
    public string EmbeddingModelId { get; set; } = "amazon.titan-embed-text-v2:0";

    /// <summary>Embedding size used when <c>EmbeddingGenerationOptions.Dimensions</c> is not set: 256, 512 or 1024.</summary>
    /// <value>The default value is 1024.</value>
    [Range(256, 1024)]
    public int EmbeddingDimensions { get; set; } = 1024;





    internal Uri ResolveEndpoint() => Endpoint ?? new Uri($"https://bedrock-runtime.{Region}.amazonaws.com");
}
