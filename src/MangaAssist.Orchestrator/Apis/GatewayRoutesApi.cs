using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using MangaAssist.Orchestrator.Identity;
using MangaAssist.Orchestrator.Intake;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Orchestrator.Options;
using MangaAssist.SharedState.Shoppers;
using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Apis;

/// <summary>
/// The HTTP integration endpoints API Gateway calls for each WebSocket route
/// (docs/architecture.md). Each answers at once; the answer itself travels through
/// <c>@connections</c>.
/// </summary>
public static class GatewayRoutesApi
{
    /// <summary>Largest integration body read: API Gateway's 128 KB message limit plus headroom.</summary>
    public const int MaxBodyBytes = 160 * 1024;

    public static IEndpointRouteBuilder MapGatewayRoutes(this IEndpointRouteBuilder app)
    {
        var routes = app.MapGroup("/routes").WithTags("API Gateway WebSocket routes");
        routes.AddEndpointFilter((context, next) => context.HttpContext.RequestServices.GetRequiredService<IntegrationDoor>().InvokeAsync(context, next));
        routes.MapPost("/connect", Connect);
        routes.MapPost("/disconnect", Disconnect);

        // Every message route shares one intake: the body's action decides, so a route added in
        // API Gateway but not here still gets a clear error frame instead of a silent drop.
        foreach (var route in new[] { "/sendMessage", "/analyze", "/cancel", "/resume", "/forget", "/default" })
        {
            routes.MapPost(route, Message);
        }

        return app;
    }

    /// <summary>Accepts the connection only with a valid token (401/403 otherwise, which refuses the upgrade) and records its principal.</summary>
    private static async Task<IResult> Connect(HttpRequest request, ShopperTokenValidator tokens, IConnectionPrincipals principals, ILoggerFactory loggers)
    {
        if (!TryGetConnectionId(request, out var connectionId, loggers))
        {
            return TypedResults.Problem(MissingHeaderDetail, statusCode: StatusCodes.Status400BadRequest);
        }

        var logger = loggers.CreateLogger(typeof(GatewayRoutesApi));
        var check = await tokens.CheckAsync(request.Headers[GatewayHeaders.Token].ToString(), request.HttpContext.RequestAborted);
        if (check.Principal is not { } principal)
        {
            var level = TokenProblems.LevelOf(check.Reason);
            Log.ConnectRefused(logger, level, connectionId, check.Reason, check.StatusCode);
            return TokenProblems.Refusal(check);
        }

        await principals.RecordAsync(connectionId, principal.Id, request.HttpContext.RequestAborted);
        Log.ConnectionOpened(logger, connectionId, request.Headers[GatewayHeaders.SourceIp], principal.Id);
        return TypedResults.Ok();
    }

    private static async Task<IResult> Disconnect(
        HttpRequest request, ChatRequestRegistry registry, IConnectionPrincipals principals, IOptions<ResumeOptions> resume, TimeProvider time, ILoggerFactory loggers)
    {
        if (!TryGetConnectionId(request, out var connectionId, loggers))
        {
            return TypedResults.Problem(MissingHeaderDetail, statusCode: StatusCodes.Status400BadRequest);
        }

        // This instance's answers on the connection stop (after the resume grace period, when answers are resumable).
        var grace = resume.Value.Enabled ? resume.Value.DetachedGracePeriod : TimeSpan.Zero;
        var cancelled = registry.CancelConnection(connectionId, grace, time);
        await principals.RemoveAsync(connectionId, CancellationToken.None);
        Log.ConnectionClosed(loggers.CreateLogger(typeof(GatewayRoutesApi)), connectionId, cancelled);
        return TypedResults.Ok();
    }

    private static async Task<IResult> Message(HttpRequest request, ChatIntake intake, IConnectionPrincipals principals, ILoggerFactory loggers)
    {
        if (!TryGetConnectionId(request, out var connectionId, loggers))
        {
            return TypedResults.Problem(MissingHeaderDetail, statusCode: StatusCodes.Status400BadRequest);
        }

        var body = await ReadBodyAsync(request.BodyReader, request.HttpContext.RequestAborted);
        try
        {
            if (body.Length > MaxBodyBytes)
            {
                return TypedResults.Problem($"The message exceeds {MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
            }

            if (ShopperPrincipal.FromId(await principals.FindAsync(connectionId, request.HttpContext.RequestAborted)) is not { } principal)
            {
                intake.RefuseUnauthorized(connectionId);
                return TypedResults.Ok();
            }

            // The request's span continues the caller's traceparent or API Gateway's X-Amzn-Trace-Id
            // (AmazonTraceContextPropagator); the answer, which outlives the request, hangs off it.
            var traceParent = Activity.Current?.Context ?? default;
            intake.Accept(connectionId, principal, body.IsSingleSegment ? body.FirstSpan : body.ToArray(), traceParent);
            return TypedResults.Ok();
        }
        finally
        {
            request.BodyReader.AdvanceTo(body.End);
        }
    }

    private const string MissingHeaderDetail =
        "The X-Connection-Id header is missing. Map it from context.connectionId in the API Gateway integration request.";

    private static bool TryGetConnectionId(HttpRequest request, out string connectionId, ILoggerFactory loggers)
    {
        connectionId = request.Headers[GatewayHeaders.ConnectionId].ToString();
        if (connectionId.Length > 0)
        {
            return true;
        }

        Log.MissingConnectionHeader(loggers.CreateLogger(typeof(GatewayRoutesApi)), request.Path);
        return false;
    }

    /// <summary>Buffers the whole body (at most <see cref="MaxBodyBytes"/> plus one read) without copying it.</summary>
    private static async Task<ReadOnlySequence<byte>> ReadBodyAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            if (result.IsCompleted || result.Buffer.Length > MaxBodyBytes)
            {
                return result.Buffer;
            }

            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }
}
