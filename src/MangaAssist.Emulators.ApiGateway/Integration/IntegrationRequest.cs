using MangaAssist.Emulators.ApiGateway.Kernel;
using MangaAssist.Emulators.ApiGateway.Routing;

namespace MangaAssist.Emulators.ApiGateway.Integration;

/// <summary>One event to deliver to the HTTP integration of a route.</summary>
internal sealed record IntegrationRequest(
    GatewayRoute Route,
    string EventType,
    string RequestId,
    ConnectionDetails Connection,
    ReadOnlyMemory<byte> Body)
{
    /// <summary>Query string of the client's upgrade request, forwarded on <c>$connect</c> (includes the leading '?').</summary>
    public string QueryString { get; init; } = "";

    /// <summary>Additional headers, e.g. <c>traceparent</c> or the disconnect status.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ExtraHeaders { get; init; } = [];
}
