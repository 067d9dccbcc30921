using System.Text.Json.Nodes;
using MangaAssist.Emulators.OpenSearch.Diagnostics;
using MangaAssist.Emulators.OpenSearch.Engine;

namespace MangaAssist.Emulators.OpenSearch.Api;

/// <summary>
/// <c>PUT/HEAD/GET/DELETE /{index}</c>, <c>_refresh</c> (a no-op: every write is searchable at once) and
/// <c>PUT/GET/DELETE /_search/pipeline/{id}</c>.
/// </summary>
internal static class IndexApi
{
    public static void MapIndexApi(this IEndpointRouteBuilder app)
    {
        app.MapPut("/{index}", async (string index, HttpRequest request, IndexStore store, ILogger<IndexStore> logger, CancellationToken cancellationToken) =>
        {
            using var body = await ApiResponses.ReadAsync(request, cancellationToken);
            store.Create(index, body?.RootElement ?? default);
            Log.IndexCreated(logger, index);
            return ApiResponses.Json(new JsonObject { ["acknowledged"] = true, ["shards_acknowledged"] = true, ["index"] = index });
        });
        app.MapMethods("/{index}", ["HEAD"], (string index, IndexStore store) => Results.StatusCode(store.Exists(index) ? 200 : 404));
        app.MapGet("/{index}", (string index, IndexStore store) => ApiResponses.Json(new JsonObject { [index] = store.Get(index).Describe() }));
        app.MapDelete("/{index}", (string index, IndexStore store, ILogger<IndexStore> logger) =>
        {
            store.Delete(index);
            Log.IndexDeleted(logger, index);
            return ApiResponses.Json(new JsonObject { ["acknowledged"] = true });
        });
        app.MapMethods("/{index}/_refresh", ["GET", "POST"], (string index, IndexStore store) =>
        {
            store.Get(index);
            return ApiResponses.Json(new JsonObject { ["_shards"] = ApiResponses.Shards() });
        });
        app.MapMethods("/_refresh", ["GET", "POST"], () => ApiResponses.Json(new JsonObject { ["_shards"] = ApiResponses.Shards() }));
        app.MapGet("/{index}/_count", (string index, IndexStore store) =>
            ApiResponses.Json(new JsonObject { ["count"] = store.Get(index).Count, ["_shards"] = ApiResponses.Shards() }));

        app.MapPut("/_search/pipeline/{id}", async (string id, HttpRequest request, IndexStore store, CancellationToken cancellationToken) =>
        {
            using var body = await ApiResponses.ReadAsync(request, cancellationToken)
                ?? throw OpenSearchError.ContentParse("[search_pipeline] a body is required");
            store.PutPipeline(SearchPipeline.Parse(id, body.RootElement));
            return ApiResponses.Json(new JsonObject { ["acknowledged"] = true });
        });
        app.MapGet("/_search/pipeline/{id}", (string id, IndexStore store) =>
            ApiResponses.Json(new JsonObject { [id] = JsonNode.Parse(store.GetPipeline(id).Body) }));
        app.MapDelete("/_search/pipeline/{id}", (string id, IndexStore store) => store.DeletePipeline(id)
            ? ApiResponses.Json(new JsonObject { ["acknowledged"] = true })
            : throw new OpenSearchError(404, "resource_not_found_exception", $"Search pipeline [{id}] not found"));
    }
}
