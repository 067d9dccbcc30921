using System.Text.Json;
using MangaAssist.Orchestrator.Identity;
using MangaAssist.Orchestrator.Jobs;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Orchestrator.Options;
using MangaAssist.SharedState.Jobs;
using MangaAssist.SharedState.Redis;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Apis;

/// <summary>
/// Deep analysis for callers that are not WebSocket clients (API Gateway HTTP API): <c>POST /v1/analyses</c>
/// answers 202 with the job, <c>GET /v1/analyses/{id}</c> polls it, <c>DELETE</c> cancels it. Bearer tokens as on
/// the socket; another principal's job is a 404, exactly like an unknown one.
/// </summary>
public static class AnalysesApi
{
    private const int MaxBodyBytes = 64 * 1024;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapAnalysesApi(this IEndpointRouteBuilder app)
    {
        var analyses = app.MapGroup("/v1/analyses").WithTags("Analyses");
        analyses.MapPost("", SubmitAsync);
        analyses.MapGet("/{id}", GetAsync);
        analyses.MapDelete("/{id}", CancelAsync);
        return app;
    }

    private static async Task<IResult> SubmitAsync(HttpContext context, ShopperTokenValidator tokens, AnalysisJobs jobs, JobResults results, IOptions<InputLimitsOptions> limits, TimeProvider time)
    {
        if (await PrincipalAsync(context, tokens) is not { } principal)
        {
            return Refused(context);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxBodyBytes;
        }

        AnalysisSubmission? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<AnalysisSubmission>(context.Request.Body, Json, context.RequestAborted);
        }
        catch (Exception exception) when (exception is JsonException or BadHttpRequestException)
        {
            return TypedResults.Problem($"The body must be JSON of at most {MaxBodyBytes} bytes: {{ \"sessionId\", \"message\", \"idempotencyKey\"? }}.", statusCode: StatusCodes.Status400BadRequest);
        }

        var header = context.Request.Headers["Idempotency-Key"].ToString() is { Length: > 0 } h ? h : null;
        var problem = body is null ? "A JSON body is required." : body.Problem(limits.Value.MaxIdChars, limits.Value.MaxMessageChars, header);
        if (problem is not null)
        {
            return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest);
        }

        try
        {
            var (job, created) = await jobs.SubmitAsync(principal, body!.SessionId!, body.Message!, header ?? body.IdempotencyKey, null, context.RequestAborted);
            if (!created && !AnalysisJobs.SameQuestion(job, body.SessionId!, body.Message!))
            {
                return TypedResults.Problem("This idempotency key was used for a different analysis.", statusCode: StatusCodes.Status422UnprocessableEntity);
            }

            context.Response.Headers.Location = AnalysisView.UrlOf(job.Id);
            context.Response.Headers.RetryAfter = "1";
            return TypedResults.Json(AnalysisView.Of(job, results, time.GetUtcNow()), Json, statusCode: StatusCodes.Status202Accepted);
        }
        catch (SharedStateUnavailableException)
        {
            return Unavailable(context);
        }
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, ShopperTokenValidator tokens, AnalysisJobs jobs, JobResults results, IOptions<AnalysesOptions> options, TimeProvider time)
    {
        if (await PrincipalAsync(context, tokens) is not { } principal)
        {
            return Refused(context);
        }

        JobRecord? job;
        try
        {
            job = await jobs.FindAsync(principal, id, context.RequestAborted);
        }
        catch (SharedStateUnavailableException)
        {
            return Unavailable(context);
        }

        if (job is null)
        {
            return NotFound();
        }

        var etag = AnalysisView.ETagOf(job);
        context.Response.Headers.ETag = etag;
        context.Response.Headers.CacheControl = "no-cache";
        if (!job.IsTerminal)
        {
            context.Response.Headers.RetryAfter = options.Value.PollAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (context.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Json(AnalysisView.Of(job, results, time.GetUtcNow()), Json);
    }

    private static async Task<IResult> CancelAsync(string id, HttpContext context, ShopperTokenValidator tokens, AnalysisJobs jobs, JobResults results, TimeProvider time)
    {
        if (await PrincipalAsync(context, tokens) is not { } principal)
        {
            return Refused(context);
        }

        try
        {
            return await jobs.CancelAsync(principal, id, context.RequestAborted) is { } job
                ? TypedResults.Json(AnalysisView.Of(job, results, time.GetUtcNow()), Json, statusCode: StatusCodes.Status202Accepted)
                : NotFound();
        }
        catch (SharedStateUnavailableException)
        {
            return Unavailable(context);
        }
    }

    /// <summary>The bearer's principal; null (with the refusal kept for <see cref="Refused"/>) when the token is not accepted.</summary>
    private static async Task<ShopperPrincipal?> PrincipalAsync(HttpContext context, ShopperTokenValidator tokens)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        var token = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
        var check = await tokens.CheckAsync(token, context.RequestAborted);
        context.Items[typeof(TokenCheck)] = check;
        return check.Principal;
    }

    private static IResult Refused(HttpContext context)
    {
        var check = (TokenCheck)context.Items[typeof(TokenCheck)]!;
        context.Response.Headers.WWWAuthenticate = check.StatusCode == StatusCodes.Status401Unauthorized ? "Bearer error=\"invalid_token\"" : "Bearer";
        return TokenProblems.Refusal(check);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult NotFound() => TypedResults.Problem("No analysis with this id.", statusCode: StatusCodes.Status404NotFound);

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Unavailable(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "2";
        return TypedResults.Problem("Analyses are unavailable right now. Please try again shortly.", statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
