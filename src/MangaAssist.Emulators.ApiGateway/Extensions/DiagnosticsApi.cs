using MangaAssist.Emulators.ApiGateway.Connections;
using MangaAssist.Emulators.ApiGateway.Diagnostics;
using MangaAssist.Emulators.ApiGateway.Targets;

namespace MangaAssist.Emulators.ApiGateway.Extensions;

/// <summary><c>/_emulator/stats</c>, <c>/_emulator/stats/reset</c>, <c>/_emulator/connections</c> and <c>/_emulator/targets</c>.</summary>
internal static class DiagnosticsApi
{
    public static IEndpointRouteBuilder MapDiagnosticsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/_emulator/stats", (GatewayStats stats, ConnectionRegistry registry) =>
            TypedResults.Ok(stats.Snapshot(registry.Count)));
        endpoints.MapPost("/_emulator/stats/reset", (GatewayStats stats) =>
        {
            stats.Reset();
            return TypedResults.NoContent();
        });

        // Clients of a real WebSocket API never learn their connection id; local tools and scripts read it here.
        endpoints.MapGet("/_emulator/connections", (ConnectionRegistry registry) =>
            TypedResults.Ok(new { connectionIds = registry.All.Where(c => c.CloseStatus is null).Select(c => c.Id).ToArray() }));
        endpoints.MapGet("/_emulator/targets", (TargetGroup targets) =>
            TypedResults.Ok(targets.All.Select(TargetView.Of).ToArray()));
        return endpoints;
    }
}
