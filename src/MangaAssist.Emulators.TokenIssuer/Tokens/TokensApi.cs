using System.Text.Json;
using System.Text.Json.Serialization;
using MangaAssist.Emulators.TokenIssuer.Configuration;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace MangaAssist.Emulators.TokenIssuer.Tokens;

/// <summary><c>POST /tokens</c>: JSON in, a signed token out; anything else is a ProblemDetails answer.</summary>
internal static class TokensApi
{
    /// <summary>A token request is a few dozen bytes; anything near this size is not one.</summary>
    public const int MaxBodyBytes = 4096;

    // Unknown members are refused so a misspelt "ttlSeconds" is reported instead of silently ignored.
    private static readonly JsonSerializerOptions Strict = new(JsonSerializerOptions.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
    };

    public static IEndpointRouteBuilder MapTokensApi(this IEndpointRouteBuilder endpoints)
    {
        var origins = endpoints.ServiceProvider.GetRequiredService<IOptions<TokenIssuerOptions>>().Value.AllowedOrigins;
        // A browser page on another origin (the chat page) asks here first; the preflight allows exactly this call.
        endpoints.MapPost("/tokens", IssueAsync).RequireCors(cors => cors.WithOrigins(origins).WithMethods("POST").WithHeaders("Content-Type"));
        return endpoints;
    }

    private static async Task<IResult> IssueAsync(HttpContext context, TokenMinter minter, IOptions<TokenIssuerOptions> options)
    {
        var request = context.Request;
        if (!request.HasJsonContentType())
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "The body must be JSON (Content-Type: application/json).");
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return TooLarge();
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        TokenRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<TokenRequest>(Strict, context.RequestAborted);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge();
        }
        catch (JsonException)
        {
            // The parser's message quotes the body; the answer names the shape instead.
            return Problem(StatusCodes.Status400BadRequest, "The body must be a JSON object such as {\"sub\":\"alice\"} or {\"guest\":true}, with optional \"ttlSeconds\" and \"aud\" and nothing else.");
        }

        if (body is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "The body must be a JSON object such as {\"sub\":\"alice\"} or {\"guest\":true}.");
        }

        if (TokenRequestRules.TryOrder(body, options.Value, out var order) is { } problem)
        {
            return Problem(StatusCodes.Status400BadRequest, problem);
        }

        return TypedResults.Ok(minter.Mint(order!));
    }

    private static ProblemHttpResult TooLarge() =>
        Problem(StatusCodes.Status413PayloadTooLarge, $"The body must be at most {MaxBodyBytes} bytes.");

    private static ProblemHttpResult Problem(int status, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: "The token request was refused");
}
