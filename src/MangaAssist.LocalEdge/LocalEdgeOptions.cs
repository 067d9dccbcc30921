namespace MangaAssist.LocalEdge;

/// <summary>Where the local apps and the chat page listen. Command line: <c>--GatewayUrl=…</c>, environment: <c>LOCALEDGE_GatewayUrl</c>.</summary>
internal sealed class LocalEdgeOptions
{
    /// <summary>API Gateway emulator: WebSocket clients and <c>@connections</c>.</summary>
    public string GatewayUrl { get; set; } = "http://127.0.0.1:8080";

    /// <summary>Bedrock Runtime emulator.</summary>
    public string BedrockUrl { get; set; } = "http://127.0.0.1:8090";

    /// <summary>The orchestrator service (the gateway's integration target).</summary>
    public string ServiceUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Development token issuer: <c>POST /tokens</c>, JWKS and discovery; the service's <c>Identity:Authority</c>.</summary>
    public string IssuerUrl { get; set; } = "http://127.0.0.1:8070";

    /// <summary>The chat page (clients/web with the client library at /lib/client/ and a generated config.json).</summary>
    public string PageUrl { get; set; } = "http://127.0.0.1:8081";

    /// <summary>The S3 stand-in (s3rver) for large analysis results; started unless the service is given <c>--S3:Bucket</c>.</summary>
    public string S3Url { get; set; } = "http://127.0.0.1:4568";

    /// <summary>The gateway stage, which is the first path segment of the management endpoint.</summary>
    public string Stage { get; set; } = "local";
}
