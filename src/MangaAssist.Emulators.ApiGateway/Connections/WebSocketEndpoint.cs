using System.Net;
using MangaAssist.Emulators.ApiGateway.Configuration;
using MangaAssist.Emulators.ApiGateway.Diagnostics;
using MangaAssist.Emulators.ApiGateway.Integration;
using MangaAssist.Emulators.ApiGateway.Kernel;
using MangaAssist.Emulators.ApiGateway.Routing;
using Microsoft.Extensions.Options;

namespace MangaAssist.Emulators.ApiGateway.Connections;

/// <summary>
/// The client entry point at <c>/</c> and <c>/{stage}</c>: runs <c>$connect</c> before the upgrade is accepted and
/// answers the upgrade with the integration's error status when it refuses the connection.
/// </summary>
internal sealed class WebSocketEndpoint(
    ConnectionRegistry registry,
    ConnectionSession session,
    RouteTable routes,
    IntegrationClient integration,
    ConnectParameterMapper connectParameters,
    IOptions<ApiGatewayEmulatorOptions> options,
    GatewayStats stats,
    TimeProvider timeProvider,
    ILogger<WebSocketEndpoint> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await GatewayError.Write(context, StatusCodes.Status426UpgradeRequired, "Upgrade Required");
            return;
        }

        var info = new ConnectionDetails(
            registry.NewConnectionId(),
            timeProvider.GetUtcNow(),
            SourceIp(context),
            context.Request.Headers.UserAgent.ToString());

        var refusal = await RunConnectRouteAsync(context, info);
        if (refusal is not null)
        {
            stats.ConnectionRejected();
            Log.ConnectionRejected(logger, info.ConnectionId, refusal.Value.Status);
            await GatewayError.Write(context, refusal.Value.Status, refusal.Value.Message);
            return;
        }

        var connection = new GatewayConnection(info, options.Value.FrameBytes, stats, timeProvider);
        await session.RunAsync(connection, () => context.WebSockets.AcceptWebSocketAsync());
    }

    private async Task<(int Status, string Message)?> RunConnectRouteAsync(HttpContext context, ConnectionDetails info)
    {
        if (routes.Connect is not { } route)
        {
            return null;
        }

        var extraHeaders = new List<KeyValuePair<string, string>>();
        if (context.Request.Headers.TryGetValue(IntegrationHeaders.TraceParent, out var traceParent))
        {
            extraHeaders.Add(new(IntegrationHeaders.TraceParent, traceParent.ToString()));
        }

        extraHeaders.AddRange(connectParameters.Headers(context.Request));
        var request = new IntegrationRequest(route, EventType.Connect, AwsStyleId.New(), info, ReadOnlyMemory<byte>.Empty)
        {
            QueryString = connectParameters.ForwardedQueryString(context.Request.QueryString),
            ExtraHeaders = extraHeaders,
        };
        var outcome = await integration.SendAsync(request, context.RequestAborted);
        return outcome.Kind switch
        {
            IntegrationOutcomeKind.Succeeded => null,
            IntegrationOutcomeKind.ErrorStatus => (outcome.StatusCode, ReasonPhrase(outcome.StatusCode)),
            IntegrationOutcomeKind.TimedOut => (StatusCodes.Status504GatewayTimeout, ClientReplies.EndpointRequestTimedOut),
            _ => (StatusCodes.Status500InternalServerError, ClientReplies.InternalServerError),
        };
    }

    private static string ReasonPhrase(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error";

    private static string SourceIp(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress ?? IPAddress.Loopback;
        return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }
}
