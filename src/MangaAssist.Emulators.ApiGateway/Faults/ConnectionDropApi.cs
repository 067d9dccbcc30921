using MangaAssist.Emulators.ApiGateway.Connections;
using MangaAssist.Emulators.ApiGateway.Diagnostics;

namespace MangaAssist.Emulators.ApiGateway.Faults;

/// <summary>
/// <c>POST /_emulator/connections/{id}/drop</c>: a network cut on purpose, for clients that must reconnect and resume.
/// The socket goes without a close frame, then <c>$disconnect</c> runs with 1006, as when a phone loses its signal.
/// </summary>
internal static class ConnectionDropApi
{
    public static IEndpointRouteBuilder MapConnectionDropApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/_emulator/connections/{connectionId}/drop", (string connectionId, ConnectionRegistry registry, ILoggerFactory loggers) =>
        {
            if (!registry.TryGetOpen(connectionId, out var connection) || !connection.Drop())
            {
                return Results.NotFound(new { message = "No open connection has this id." });
            }

            Log.ConnectionDropped(loggers.CreateLogger(typeof(ConnectionDropApi)), connection.Id);
            return Results.NoContent();
        });
        return endpoints;
    }
}
