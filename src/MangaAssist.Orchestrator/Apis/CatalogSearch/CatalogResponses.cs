using System.Text.Json;
using MangaAssist.Orchestrator.Diagnostics;
using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Apis.CatalogSearch;

/// <summary>Writes a page as JSON it has measured: every size goes to the histogram, a large one also to the log.</summary>
internal sealed class CatalogResponses(CatalogTelemetry telemetry, IOptions<CatalogSearchOptions> options, ILogger<CatalogResponses> logger)
{
    public IResult Page(CatalogSearchResponse response)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(response, JsonSerializerOptions.Web);
        telemetry.RecordResponseSize(body.Length, response.Results.Count);
        var threshold = options.Value.ResponseSizeWarningBytes;
        if (body.Length > threshold)
        {
            Log.LargeResponse(logger, body.Length, response.Results.Count, threshold);
        }

        return TypedResults.Bytes(body, "application/json; charset=utf-8");
    }
}
