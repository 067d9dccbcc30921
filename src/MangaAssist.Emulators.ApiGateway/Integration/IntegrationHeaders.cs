namespace MangaAssist.Emulators.ApiGateway.Integration;

/// <summary>Header names of the integration request parameters (docs/architecture.md, container/apigateway/template.yaml).</summary>
public static class IntegrationHeaders
{
    public const string ConnectionId = "X-Connection-Id";
    public const string RouteKey = "X-Route-Key";
    public const string EventType = "X-Event-Type";
    public const string RequestId = "X-Api-Request-Id";
    public const string ConnectedAt = "X-Connected-At";
    public const string SourceIp = "X-Source-Ip";
    public const string DisconnectStatusCode = "X-Disconnect-Status-Code";
    public const string DisconnectReason = "X-Disconnect-Reason";
    public const string TraceParent = "traceparent";

    /// <summary>The shared secret that proves a route call came through the API (container/apigateway).</summary>
    public const string IntegrationSecret = "X-MangaAssist-Integration-Secret";
}
