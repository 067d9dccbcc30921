using System.Text.Json;
using System.Text.Json.Nodes;
using MangaAssist.Emulators.OpenSearch.Diagnostics;
using MangaAssist.Emulators.OpenSearch.Engine;

namespace MangaAssist.Emulators.OpenSearch.Api;

/// <summary>JSON bodies in, OpenSearch's JSON and error bodies out.</summary>
internal static class ApiResponses
{
    public const string JsonType = "application/json; charset=UTF-8";

    public static IResult Json(JsonNode body, int status = 200) => Results.Text(body.ToJsonString(), JsonType, statusCode: status);

    /// <summary>The request body as JSON, or null when it is empty; malformed JSON is OpenSearch's x_content_parse_exception.</summary>
    public static async Task<JsonDocument?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(buffer.ToArray());
        }
        catch (JsonException exception)
        {
            throw OpenSearchError.ContentParse($"Failed to parse the request body: {exception.Message}");
        }
    }

    /// <summary>Turns an <see cref="OpenSearchError"/> thrown by an endpoint into its status and body.</summary>
    public static async Task HandleErrorsAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (OpenSearchError error)
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("MangaAssist.Emulators.OpenSearch");
            Log.Refused(logger, error.Status, error.Type);
            context.Response.StatusCode = error.Status;
            context.Response.ContentType = JsonType;
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await context.Response.WriteAsync(ErrorBody(error).ToJsonString(), context.RequestAborted);
            }
        }
    }

    public static JsonObject ErrorBody(OpenSearchError error)
    {
        JsonObject Cause()
        {
            var cause = new JsonObject { ["type"] = error.Type, ["reason"] = error.Message };
            if (error.Index is not null)
            {
                cause["index"] = error.Index;
                cause["index_uuid"] = "_na_";
                if (error.Type == "index_not_found_exception")
                {
                    cause["resource.type"] = "index_or_alias";
                    cause["resource.id"] = error.Index;
                }
            }

            return cause;
        }

        var body = new JsonObject { ["root_cause"] = new JsonArray(Cause()) };
        foreach (var (key, value) in Cause())
        {
            body[key] = value?.DeepClone();
        }

        return new JsonObject { ["error"] = body, ["status"] = error.Status };
    }

    public static JsonObject Shards() => new() { ["total"] = 1, ["successful"] = 1, ["skipped"] = 0, ["failed"] = 0 };
}
