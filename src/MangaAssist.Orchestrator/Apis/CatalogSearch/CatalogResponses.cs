using System.Text.Encodings.Web;
using System.Text.Json;
using MangaAssist.Orchestrator.Diagnostics;
using MangaAssist.Orchestrator.Hygiene;
using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Apis.CatalogSearch;

/// <summary>
/// Writes a page as JSON it has measured: every size goes to the histogram, a large one also to the log. The body
/// passes the outbound gate here, so the size measured is the size sent (the response middleware's second pass
/// finds it clean and leaves it as is).
/// </summary>
internal sealed class CatalogResponses(OutboundSanitizer sanitizer, CatalogTelemetry telemetry, IOptions<CatalogSearchOptions> options, ILogger<CatalogResponses> logger)
{
    // Japanese titles as UTF-8, not \u escapes: smaller, and what the outbound gate writes too.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public IResult Page(CatalogSearchResponse response)
    {
        var body = sanitizer.Sanitize(JsonSerializer.SerializeToUtf8Bytes(response, Json));
        telemetry.RecordResponseSize(body.Length, response.Results.Count);
        var threshold = options.Value.ResponseSizeWarningBytes;
        if (body.Length > threshold)
        {
            Log.LargeResponse(logger, body.Length, response.Results.Count, threshold);
        }

        return TypedResults.Bytes(body.ToArray(), "application/json; charset=utf-8");
    }
}
