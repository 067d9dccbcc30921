using System.Text.Json;

namespace MangaAssist.Emulators.OpenSearch.Engine;

/// <summary>The body of <c>_search</c>: query, size, from, _source. Any other key is OpenSearch's parsing_exception.</summary>
internal sealed record SearchRequest(Query Query, int Size, int From, SourceFilter Source)
{
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal) { "track_total_hits", "timeout", "explain", "version", "seq_no_primary_term" };

    public static SearchRequest Parse(JsonElement? body)
    {
        if (body is not { } root || root.ValueKind == JsonValueKind.Undefined)
        {
            return new SearchRequest(new MatchAllQuery(), 10, 0, SourceFilter.All);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw OpenSearchError.Parsing("request body or source parameter is required");
        }

        Query query = new MatchAllQuery();
        int size = 10, from = 0;
        var source = SourceFilter.All;
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "query":
                    query = QueryParser.Parse(property.Value);
                    break;
                case "size":
                    size = Count(property.Value, "size");
                    break;
                case "from":
                    from = Count(property.Value, "from");
                    break;
                case "_source":
                    source = SourceFilter.Parse(property.Value);
                    break;
                case var name when Ignored.Contains(name):
                    break;
                default:
                    throw OpenSearchError.Parsing($"Unknown key for a {TokenName(property.Value)} in [{property.Name}].");
            }
        }

        if (from + size > 10_000)
        {
            throw OpenSearchError.IllegalArgument($"Result window is too large, from + size must be less than or equal to: [10000] but was [{from + size}].");
        }

        return new SearchRequest(query, size, from, source);
    }

    private static int Count(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= 0 ? n
        : throw OpenSearchError.IllegalArgument($"[{name}] parameter cannot be negative or a non-integer, found [{value.GetRawText()}]");

    private static string TokenName(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "START_OBJECT",
        JsonValueKind.Array => "START_ARRAY",
        JsonValueKind.String => "VALUE_STRING",
        JsonValueKind.Number => "VALUE_NUMBER",
        _ => "VALUE_BOOLEAN",
    };
}
