using System.Net;
using MangaAssist.Orchestrator.Identity;
using MangaAssist.Orchestrator.Intake;
using MangaAssist.SharedState.RateLimiting;
using MangaAssist.SharedState.Redis;

namespace MangaAssist.Orchestrator.Apis;

/// <summary>
/// Shopper endpoints outside the socket: <c>POST /v1/guest-tokens</c> mints a guest token (when guests are
/// enabled, rate-limited per source address) and <c>DELETE /v1/me/data</c> forgets the bearer's data.
/// </summary>
public static class ShopperApi
{
    public static IEndpointRouteBuilder MapShopperApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1").WithTags("Shopper identity and data");
        v1.MapPost("/guest-tokens", MintGuestTokenAsync).RequireCors(GuestTokenCors.PolicyName);
        v1.MapDelete("/me/data", ForgetMyDataAsync);
        return app;
    }

    private static async Task<IResult> MintGuestTokenAsync(HttpContext context, GuestTokens guests, IRateLimiter limiter, ILoggerFactory loggers)
    {
        if (!guests.Enabled)
        {
            return TypedResults.Problem("Guest access is not enabled on this service.", statusCode: StatusCodes.Status404NotFound);
        }

        var source = SourceAddress(context);
        RateLimitDecision decision;
        try
        {
            decision = await limiter.TryAcquireAsync(RateLimitScope.GuestTokenMints, source, 1, context.RequestAborted);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Minting without a working limiter would hand out identities without bound.
            Log.GuestTokenRefused(loggers.CreateLogger(typeof(ShopperApi)), source, exception.GetType().Name);
            return TypedResults.Problem("Guest tokens are unavailable right now. Please try again shortly.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        if (!decision.Allowed)
        {
            Log.GuestTokenRefused(loggers.CreateLogger(typeof(ShopperApi)), source, "rate_limited");
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(decision.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem("Too many guest tokens were requested from this address. Please wait before asking again.", statusCode: StatusCodes.Status429TooManyRequests);
        }

        var (token, expiresAt) = guests.Mint();
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(new GuestTokenResponse(token, expiresAt), statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ForgetMyDataAsync(HttpContext context, ShopperTokenValidator tokens, ShopperDataForgetter forgetter)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        var token = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
        var check = await tokens.CheckAsync(token, context.RequestAborted);
        if (check.Principal is not { } principal)
        {
            context.Response.Headers.WWWAuthenticate = check.StatusCode == StatusCodes.Status401Unauthorized ? "Bearer error=\"invalid_token\"" : "Bearer";
            return TokenProblems.Refusal(check);
        }

        try
        {
            var result = await forgetter.ForgetAsync(principal, context.RequestAborted);
            return TypedResults.Json(new ForgetResponse(result.Deleted, result.Cancelled));
        }
        catch (SharedStateUnavailableException)
        {
            return TypedResults.Problem("Your data could not be deleted right now. Please try again.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    /// <summary>
    /// The caller's address: the last X-Forwarded-For entry (the one the nearest proxy, API Gateway or the load
    /// balancer, appended: earlier ones are the client's to invent), else the socket's peer.
    /// </summary>
    private static string SourceAddress(HttpContext context)
    {
        var forwarded = context.Request.Headers["X-Forwarded-For"].ToString();
        var last = forwarded.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        return last is not null && IPAddress.TryParse(last, out var address)
            ? address.ToString()
            : context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }

    private sealed record GuestTokenResponse(string Token, DateTimeOffset ExpiresAt);

    private sealed record ForgetResponse(IReadOnlyDictionary<string, int> Deleted, int Cancelled);
}
