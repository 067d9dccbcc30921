using System.Globalization;
using MangaAssist.Emulators.ApiGateway.Configuration;
using MangaAssist.Emulators.ApiGateway.Connections;
using MangaAssist.Emulators.ApiGateway.Diagnostics;
using MangaAssist.Emulators.ApiGateway.Faults;
using MangaAssist.Emulators.ApiGateway.Kernel;
using Microsoft.Extensions.Options;

namespace MangaAssist.Emulators.ApiGateway.Management;

/// <summary>The <c>@connections</c> management API: PostToConnection, GetConnection, DeleteConnection.</summary>
internal static class ConnectionsApi
{
    public static IEndpointRouteBuilder MapConnectionsApi(this IEndpointRouteBuilder endpoints, string stage)
    {
        foreach (var prefix in new[] { "", "/" + stage })
        {
            var pattern = prefix + "/@connections/{connectionId}";
            endpoints.MapPost(pattern, PostToConnectionAsync);
            endpoints.MapGet(pattern, GetConnection);
            endpoints.MapDelete(pattern, DeleteConnection);
        }

        return endpoints;
    }

    private static async Task<IResult> PostToConnectionAsync(
        string connectionId,
        HttpContext context,
        ConnectionRegistry registry,
        FaultInjector faults,
        GatewayStats stats,
        IOptions<ApiGatewayEmulatorOptions> options,
        TimeProvider timeProvider)
    {
        var result = await PostAsync(connectionId, context, registry, faults, options.Value, timeProvider);
        stats.PostToConnection(result is ManagementError error ? error.Status : StatusCodes.Status200OK);
        return result;
    }

    private static async Task<IResult> PostAsync(
        string connectionId,
        HttpContext context,
        ConnectionRegistry registry,
        FaultInjector faults,
        ApiGatewayEmulatorOptions options,
        TimeProvider timeProvider)
    {
        if (Unauthorized(context.Request, options) is { } forbidden)
        {
            return forbidden;
        }

        var fault = faults.NextPostToConnection();
        if (fault.Delay > TimeSpan.Zero)
        {
            await Task.Delay(fault.Delay, timeProvider, context.RequestAborted);
        }

        if (fault.Error is { } injected)
        {
            return injected;
        }

        var data = await RequestBody.ReadUpToAsync(context.Request, options.MaxMessageBytes, context.RequestAborted);
        if (data is null)
        {
            return ManagementError.PayloadTooLarge(options.MaxMessageBytes);
        }

        if (!registry.TryGetOpen(connectionId, out var connection) || !await connection.SendAsync(data))
        {
            return ManagementError.Gone(connectionId);
        }

        return Results.Ok();
    }

    private static IResult GetConnection(
        string connectionId,
        HttpContext context,
        ConnectionRegistry registry,
        IOptions<ApiGatewayEmulatorOptions> options)
    {
        if (Unauthorized(context.Request, options.Value) is { } forbidden)
        {
            return forbidden;
        }

        if (!registry.TryGetOpen(connectionId, out var connection))
        {
            return ManagementError.Gone(connectionId);
        }

        var info = connection.Info;
        var description = new ConnectionDescription(
            Timestamp(info.ConnectedAt),
            new ConnectionIdentity(info.SourceIp, info.UserAgent),
            Timestamp(connection.LastActiveAt));
        return Results.Json(description);
    }

    private static IResult DeleteConnection(
        string connectionId,
        HttpContext context,
        ConnectionRegistry registry,
        IOptions<ApiGatewayEmulatorOptions> options)
    {
        if (Unauthorized(context.Request, options.Value) is { } forbidden)
        {
            return forbidden;
        }

        if (!registry.TryGetOpen(connectionId, out var connection) || !connection.RequestClose(DisconnectStatus.Deleted))
        {
            return ManagementError.Gone(connectionId);
        }

        return Results.NoContent();
    }

    private static ManagementError? Unauthorized(HttpRequest request, ApiGatewayEmulatorOptions options) =>
        options.RequireSignedManagementRequests ? SigV4AuthorizationShape.Check(request) : null;

    private static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
