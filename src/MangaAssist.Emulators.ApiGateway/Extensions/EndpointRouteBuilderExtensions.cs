using MangaAssist.Emulators.ApiGateway.Connections;

namespace MangaAssist.Emulators.ApiGateway.Extensions;

internal static class EndpointRouteBuilderExtensions
{
    /// <summary>Client sockets connect at <c>/</c> and at <c>/{stage}</c>, like the stage URL of a deployed API.</summary>
    public static IEndpointRouteBuilder MapClientWebSockets(this IEndpointRouteBuilder endpoints, string stage)
    {
        RequestDelegate handler = context => context.RequestServices.GetRequiredService<WebSocketEndpoint>().HandleAsync(context);
        endpoints.Map("/", handler);
        endpoints.Map("/" + stage, handler);
        return endpoints;
    }
}
