using MangaAssist.Orchestrator.Apis.CatalogSearch;
using MangaAssist.Orchestrator.Identity;
using MangaAssist.Orchestrator.Options;
using MangaAssist.Retrieval;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Apis;

/// <summary>
/// <c>GET /v1/catalog/search?q=&amp;limit=&amp;cursor=&amp;debug=</c>: the store's products for a query, best first, a page
/// at a time (docs/catalog-search.md). Bearer token required (a guest token will do): every search spends an
/// embedding call, so the catalog is public in content but not an anonymous spend tap.
/// </summary>
public static class CatalogSearchApi
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 50;
    public const int MaxQueryChars = 200;

    public static IEndpointRouteBuilder MapCatalogSearch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/catalog/search", SearchAsync).WithTags("Catalog");
        return app;
    }

    private static async Task<IResult> SearchAsync(
        HttpContext context,
        ShopperTokenValidator tokens,
        IHostEnvironment environment,
        IOptions<HygieneOptions> hygiene,
        IRetrievalReadiness readiness,
        CursorSigner cursors,
        CatalogSearcher searcher,
        CatalogResponses responses)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        var check = await tokens.CheckAsync(authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null, context.RequestAborted);
        if (!check.IsAccepted)
        {
            context.Response.Headers.WWWAuthenticate = check.StatusCode == StatusCodes.Status401Unauthorized ? "Bearer error=\"invalid_token\"" : "Bearer";
            return TokenProblems.Refusal(check);
        }

        var query = context.Request.Query;
        if (query.Count != query.Keys.Count(k => k is "q" or "limit" or "cursor" or "debug") || query.Any(p => p.Value.Count > 1))
        {
            return BadRequest("Only q, limit, cursor and debug are accepted, each at most once.");
        }

        if (Single(query, "q")?.Trim() is not { Length: > 0 and <= MaxQueryChars } text)
        {
            return BadRequest($"q is required: one search text of 1 to {MaxQueryChars} characters.");
        }

        var limit = DefaultLimit;
        if (Single(query, "limit") is { } limitText && (!int.TryParse(limitText, out limit) || limit is < 1 or > MaxLimit))
        {
            return BadRequest($"limit must be a whole number from 1 to {MaxLimit} (default {DefaultLimit}).");
        }

        var debug = false;
        if (Single(query, "debug") is { } debugText && !bool.TryParse(debugText, out debug))
        {
            return BadRequest("debug must be true or false.");
        }

        // Debug output leaves only where the outbound gate lets debug fields through (Hygiene:AllowDebug, never Production).
        if (debug && (environment.IsProduction() || !hygiene.Value.AllowDebug))
        {
            return TypedResults.Problem(
                environment.IsProduction() ? "debug is not available in Production." : "debug output is off on this instance (Hygiene:AllowDebug).",
                statusCode: StatusCodes.Status403Forbidden);
        }

        if (!cursors.IsConfigured)
        {
            return TypedResults.Problem("Catalog search is not configured on this instance.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        SearchCursor? after = null;
        if (Single(query, "cursor") is { } cursor && (after = cursors.Open(cursor, text)) is null)
        {
            return BadRequest("cursor is not valid for this query: use the nextCursor of the previous page, unchanged and with the same q.");
        }

        if (!readiness.IsReady)
        {
            context.Response.Headers.RetryAfter = "5";
            return TypedResults.Problem("The catalog index is still being built. Try again shortly.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var page = await searcher.SearchAsync(text, limit, after, debug, context.RequestAborted);
        context.Response.Headers.CacheControl = "no-store";
        return responses.Page(page);
    }

    private static string? Single(IQueryCollection query, string key) =>
        query.TryGetValue(key, out var values) && values.Count > 0 ? values[0] : null;

    private static ProblemHttpResult BadRequest(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest);
}
