using System.Globalization;
using System.Text.Json.Nodes;
using MangaAssist.Emulators.OpenSearch.Diagnostics;
using MangaAssist.Emulators.OpenSearch.Engine;

namespace MangaAssist.Emulators.OpenSearch.Api;

/// <summary><c>GET/POST /{index}/_search[?search_pipeline=…]</c>: the hits in OpenSearch's response shape.</summary>
internal static class SearchApi
{
    public static void MapSearchApi(this IEndpointRouteBuilder app) =>
        app.MapMethods("/{index}/_search", ["GET", "POST"], async (string index, HttpRequest request, IndexStore store, SearchLedger ledger, TimeProvider time, ILogger<IndexStore> logger, CancellationToken cancellationToken) =>
        {
            var started = time.GetTimestamp();
            var target = store.Get(index);
            using var body = await ApiResponses.ReadAsync(request, cancellationToken);
            var search = SearchRequest.Parse(body?.RootElement);
            if (request.Query.TryGetValue("size", out var size) && int.TryParse(size, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) && s >= 0)
            {
                search = search with { Size = s };
            }

            var pipelineId = request.Query["search_pipeline"].ToString();
            var pipeline = pipelineId.Length == 0 ? null : store.GetPipeline(pipelineId);
            var outcome = SearchExecutor.Run(target.Snapshot(), search, pipeline);
            ledger.Record(index, outcome.Hits.Select(h => h.Document.Id));
            Log.Searched(logger, index, outcome.Hits.Count, outcome.Total);

            var hits = new JsonArray();
            foreach (var hit in outcome.Hits)
            {
                var item = new JsonObject { ["_index"] = index, ["_id"] = hit.Document.Id, ["_score"] = hit.Score };
                if (search.Source.Apply(hit.Document.Source) is { } source)
                {
                    item["_source"] = source;
                }

                hits.Add(item);
            }

            return ApiResponses.Json(new JsonObject
            {
                ["took"] = (int)time.GetElapsedTime(started).TotalMilliseconds,
                ["timed_out"] = false,
                ["_shards"] = ApiResponses.Shards(),
                ["hits"] = new JsonObject
                {
                    ["total"] = new JsonObject { ["value"] = outcome.Total, ["relation"] = "eq" },
                    ["max_score"] = outcome.Hits.Count == 0 ? null : outcome.Hits[0].Score,
                    ["hits"] = hits,
                },
            });
        });
}
