namespace MangaAssist.LocalEdge;

/// <summary>Where the three local processes listen. Command line: <c>--GatewayUrl=…</c>, environment: <c>LOCALEDGE_GatewayUrl</c>.</summary>
internal sealed class LocalEdgeOptions
{
    /// <summary>API Gateway emulator: WebSocket clients and <c>@connections</c>.</summary>
    public string GatewayUrl { get; set; } = "http://127.0.0.1:8080";

    /// <summary>Bedrock Runtime emulator.</summary>
    public string BedrockUrl { get; set; } = "http://127.0.0.1:8090";

    /// <summary>The orchestrator service (the gateway's integration target).</summary>
    public string ServiceUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>The gateway stage, which is the first path segment of the management endpoint.</summary>
    public string Stage { get; set; } = "local";
}
