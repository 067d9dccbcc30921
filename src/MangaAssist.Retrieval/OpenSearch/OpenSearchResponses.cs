using System.Text.Json;
using MangaAssist.Retrieval.Catalog;

namespace MangaAssist.Retrieval.OpenSearch;

/// <summary>One search hit: its score, the product rebuilt from <c>_source</c>, and its embedding when <c>_source</c> held it.</summary>
internal sealed record OpenSearchHit(string DocumentId, double Score, MangaProduct Product)
{
    public ReadOnlyMemory<float> Embedding { get; init; }
}

/// <summary>The outcome of a <c>_bulk</c> request: how many items succeeded, and the first errors.</summary>
internal sealed record BulkResult(int Succeeded, int Failed, IReadOnlyList<string> Errors);

/// <summary>Readers for the documented response shapes of <c>_search</c>, <c>_bulk</c> and errors.</summary>
internal static class OpenSearchResponses
{
    private const int MaxReportedErrors = 5;

    /// <summary><c>{"hits":{"hits":[{"_id","_score","_source":{…}}]}}</c>; hits without a usable <c>_source</c> are skipped.</summary>
    public static List<OpenSearchHit> ReadSearch(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var hits = new List<OpenSearchHit>();
        if (!document.RootElement.TryGetProperty("hits", out var outer) || !outer.TryGetProperty("hits", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException("The OpenSearch search response has no hits.hits array.");
        }

        foreach (var hit in array.EnumerateArray())
        {
            if (!hit.TryGetProperty("_source", out var source) || source.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            MangaProduct product;
            try
            {
                product = OpenSearchDocument.Read(source);
            }
            catch (InvalidDataException)
            {
                continue;
            }

            var score = hit.TryGetProperty("_score", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetDouble() : 0;
            var id = hit.TryGetProperty("_id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString()! : product.Id;
            hits.Add(new OpenSearchHit(id, score, product) { Embedding = EmbeddingOf(source) });
        }

        return hits;
    }

    /// <summary>The <c>embedding</c> array of a <c>_source</c> (the second stage asks for it), or empty.</summary>
    private static float[] EmbeddingOf(JsonElement source)
    {
        if (!source.TryGetProperty(OpenSearchDocument.EmbeddingField, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var vector = new float[array.GetArrayLength()];
        var i = 0;
        foreach (var value in array.EnumerateArray())
        {
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetSingle(out vector[i++]))
            {
                return [];
            }
        }

        return vector;
    }

    /// <summary><c>{"errors":bool,"items":[{"index":{"status":201}} | {"index":{"status":400,"error":{"type","reason"}}}]}</c>.</summary>
    public static BulkResult ReadBulk(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var succeeded = 0;
        var failed = 0;
        var errors = new List<string>();
        if (!document.RootElement.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException("The OpenSearch bulk response has no items array.");
        }

        foreach (var item in items.EnumerateArray())
        {
            foreach (var action in item.EnumerateObject())
            {
                var status = action.Value.TryGetProperty("status", out var s) && s.TryGetInt32(out var code) ? code : 0;
                if (status is >= 200 and < 300)
                {
                    succeeded++;
                    continue;
                }

                failed++;
                if (errors.Count < MaxReportedErrors)
                {
                    var id = action.Value.TryGetProperty("_id", out var i) ? i.GetString() : null;
                    var (type, reason) = action.Value.TryGetProperty("error", out var error) ? ErrorOf(error) : (null, null);
                    errors.Add($"{action.Name} {id ?? "(no id)"}: {status} {type} {reason}".TrimEnd());
                }
            }
        }

        return new BulkResult(succeeded, failed, errors);
    }

    /// <summary><c>{"error":{"type","reason"},"status":n}</c>, or the plain text of a non-JSON error body.</summary>
    public static (string? Type, string? Reason) ReadError(ReadOnlySpan<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            if (document.RootElement.TryGetProperty("error", out var error))
            {
                return ErrorOf(error);
            }

            if (document.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
            {
                return (null, message.GetString());
            }
        }
        catch (JsonException)
        {
            // Gateways in front of OpenSearch answer plain text or HTML.
        }

        var text = System.Text.Encoding.UTF8.GetString(body[..Math.Min(body.Length, 300)]).Trim();
        return (null, text.Length == 0 ? null : text);
    }

    private static (string? Type, string? Reason) ErrorOf(JsonElement error) => error.ValueKind switch
    {
        JsonValueKind.Object => (
            error.TryGetProperty("type", out var t) ? t.GetString() : null,
            error.TryGetProperty("reason", out var r) ? r.GetString() : null),
        JsonValueKind.String => (null, error.GetString()),
        _ => (null, null),
    };
}
