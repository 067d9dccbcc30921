namespace MangaAssist.Orchestrator.Apis;

/// <summary>
/// Headers the API Gateway integration maps from its context variables
/// (container/apigateway and docs/architecture.md).
/// </summary>
public static class GatewayHeaders
{
    public const string ConnectionId = "X-Connection-Id";
    public const string RouteKey = "X-Route-Key";
    public const string EventType = "X-Event-Type";
    public const string ApiRequestId = "X-Api-Request-Id";
    public const string ConnectedAt = "X-Connected-At";
    public const string SourceIp = "X-Source-Ip";

    /// <summary>The shopper's token, mapped from the <c>token</c> query parameter of <c>$connect</c> only; never logged.</summary>
    public const string Token = "X-MangaAssist-Token";

    /// <summary>The shared secret proving a route call came through the API; never logged.</summary>
    public const string IntegrationSecret = "X-MangaAssist-Integration-Secret";
}
