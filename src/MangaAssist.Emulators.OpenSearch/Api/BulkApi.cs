using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MangaAssist.Emulators.OpenSearch.Diagnostics;
using MangaAssist.Emulators.OpenSearch.Engine;

namespace MangaAssist.Emulators.OpenSearch.Api;

/// <summary>
/// <c>POST /_bulk</c> and <c>/{index}/_bulk</c>: NDJSON <c>index</c> / <c>create</c> / <c>delete</c> actions, one
/// result per item and <c>errors</c> when any failed. A malformed line fails the whole request, as in OpenSearch.
/// </summary>
internal static class BulkApi
{
    public static void MapBulkApi(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/_bulk", ["POST", "PUT"], (HttpRequest request, IndexStore store, TimeProvider time, ILogger<IndexStore> logger, CancellationToken cancellationToken) =>
            RunAsync(null, request, store, time, logger, cancellationToken));
        app.MapMethods("/{index}/_bulk", ["POST", "PUT"], (string index, HttpRequest request, IndexStore store, TimeProvider time, ILogger<IndexStore> logger, CancellationToken cancellationToken) =>
            RunAsync(index, request, store, time, logger, cancellationToken));
    }

    private static async Task<IResult> RunAsync(string? pathIndex, HttpRequest request, IndexStore store, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var lines = (await reader.ReadToEndAsync(cancellationToken)).Split('\n').Where(l => l.Trim().Length > 0).ToList();
        if (lines.Count == 0)
        {
            throw new OpenSearchError(400, "parse_exception", "request body is required");
        }

        var items = new JsonArray();
        var failed = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            using var action = Parse(lines[i]);
            var (name, metadata) = ActionOf(action.RootElement);
            using var source = name is "index" or "create"
                ? Parse(i + 1 < lines.Count ? lines[++i] : throw OpenSearchError.IllegalArgument("The bulk request must be terminated by a newline [\\n]"))
                : null;
            var index = Text(metadata, "_index") ?? pathIndex
                ?? throw new OpenSearchError(400, "action_request_validation_exception", "Validation Failed: 1: index is missing;");
            var id = Text(metadata, "_id");
            var item = Apply(store, name, index, id, source?.RootElement);
            if (item["error"] is not null)
            {
                failed++;
            }

            items.Add(new JsonObject { [name] = item });
        }

        Log.Bulk(logger, items.Count, failed);
        return ApiResponses.Json(new JsonObject { ["took"] = (int)time.GetElapsedTime(started).TotalMilliseconds, ["errors"] = failed > 0, ["items"] = items });
    }

    private static JsonObject Apply(IndexStore store, string action, string index, string? id, JsonElement? source)
    {
        var item = new JsonObject { ["_index"] = index };
        try
        {
            switch (action)
            {
                case "delete":
                    var target = store.Get(index);
                    var deleted = target.Delete(id ?? throw new OpenSearchError(400, "action_request_validation_exception", "Validation Failed: 1: id is missing;"));
                    item["_id"] = id;
                    item["result"] = deleted ? "deleted" : "not_found";
                    item["status"] = deleted ? 200 : 404;
                    break;
                default:
                    id ??= NewId();
                    item["_id"] = id;
                    var created = store.GetOrCreate(index).Put(id, source!.Value, createOnly: action == "create");
                    item["result"] = created ? "created" : "updated";
                    item["status"] = created ? 201 : 200;
                    break;
            }

            item["_version"] = 1;
            item["_shards"] = new JsonObject { ["total"] = 1, ["successful"] = 1, ["failed"] = 0 };
            item["_seq_no"] = 0;
            item["_primary_term"] = 1;
        }
        catch (OpenSearchError error)
        {
            item["_id"] = id;
            item["status"] = error.Status;
            item["error"] = new JsonObject { ["type"] = error.Type, ["reason"] = error.Message, ["index"] = index };
        }

        return item;
    }

    private static (string Name, JsonElement Metadata) ActionOf(JsonElement action)
    {
        if (action.ValueKind == JsonValueKind.Object)
        {
            using var properties = action.EnumerateObject();
            if (properties.MoveNext() && properties.Current.Name is "index" or "create" or "delete" && properties.Current.Value.ValueKind == JsonValueKind.Object)
            {
                return (properties.Current.Name, properties.Current.Value);
            }

            if (properties.Current.Name == "update")
            {
                throw OpenSearchError.IllegalArgument("The stand-in's _bulk accepts index, create and delete actions; update is not supported");
            }
        }

        throw OpenSearchError.IllegalArgument("Malformed action/metadata line, expected START_OBJECT with one of [index, create, delete]");
    }

    private static JsonDocument Parse(string line)
    {
        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException exception)
        {
            throw OpenSearchError.ContentParse($"Failed to parse a _bulk line: {exception.Message}");
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string NewId() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', '-').Replace('/', '_');
}
