using MangaAssist.Emulators.ApiGateway.Diagnostics;
using MangaAssist.Emulators.ApiGateway.Integration;
using MangaAssist.Emulators.ApiGateway.Routing;

namespace MangaAssist.Emulators.ApiGateway.Connections;

/// <summary>Routes one client message to its integration and sends API Gateway's own replies back to the client.</summary>
internal sealed class MessageDispatcher(
    RouteTable routes,
    IntegrationClient integration,
    IHostApplicationLifetime lifetime,
    ILogger<MessageDispatcher> logger)
{
    public async Task DispatchAsync(GatewayConnection connection, byte[] body)
    {
        var requestId = AwsStyleId.New();
        try
        {
            var route = routes.Select(body);
            if (route is null)
            {
                Log.NoRoute(logger, connection.Id);
                await connection.SendAsync(ClientReplies.Create(ClientReplies.Forbidden, connection.Id, requestId));
                return;
            }

            var request = new IntegrationRequest(route, EventType.Message, requestId, connection.Info, body);
            var outcome = await integration.SendAsync(request, lifetime.ApplicationStopping);
            var reply = outcome.Kind switch
            {
                IntegrationOutcomeKind.Succeeded when route.TwoWay && outcome.Body.Length > 0 => outcome.Body,
                IntegrationOutcomeKind.Succeeded => null,
                IntegrationOutcomeKind.TimedOut => ClientReplies.Create(ClientReplies.EndpointRequestTimedOut, connection.Id, requestId),
                _ => ClientReplies.Create(ClientReplies.InternalServerError, connection.Id, requestId),
            };
            if (reply is not null)
            {
                await connection.SendAsync(reply);
            }
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // Shutting down: the connection is being closed anyway.
        }
        catch (Exception exception)
        {
            Log.DispatchFailed(logger, connection.Id, exception);
        }
    }
}
