using System.Text.Json;
using System.Text.Json.Nodes;

namespace MangaAssist.Emulators.OpenSearch.Engine;

/// <summary><c>_source</c> of a search: <c>false</c>, a field list, or <c>includes</c> / <c>excludes</c> with <c>*</c> wildcards (top-level fields).</summary>
internal sealed record SourceFilter(bool Enabled, IReadOnlyList<string> Includes, IReadOnlyList<string> Excludes)
{
    public static readonly SourceFilter All = new(true, [], []);

    public static SourceFilter Parse(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.False => new(false, [], []),
        JsonValueKind.True => All,
        JsonValueKind.String => new(true, [value.GetString()!], []),
        JsonValueKind.Array => new(true, Strings(value), []),
        JsonValueKind.Object => new(true,
            value.TryGetProperty("includes", out var i) ? Strings(i) : [],
            value.TryGetProperty("excludes", out var e) ? Strings(e) : []),
        _ => throw OpenSearchError.Parsing("[_source] must be a boolean, a string, an array or an object"),
    };

    public JsonNode? Apply(JsonElement source)
    {
        if (!Enabled)
        {
            return null;
        }

        var result = new JsonObject();
        foreach (var property in source.EnumerateObject())
        {
            if ((Includes.Count == 0 || Includes.Any(p => Matches(p, property.Name))) && !Excludes.Any(p => Matches(p, property.Name)))
            {
                result[property.Name] = JsonNode.Parse(property.Value.GetRawText());
            }
        }

        return result;
    }

    private static bool Matches(string pattern, string name)
    {
        var star = pattern.IndexOf('*', StringComparison.Ordinal);
        return star < 0
            ? string.Equals(pattern, name, StringComparison.Ordinal) || name.StartsWith(pattern + ".", StringComparison.Ordinal)
            : name.StartsWith(pattern[..star], StringComparison.Ordinal) && name.EndsWith(pattern[(star + 1)..], StringComparison.Ordinal);
    }

    private static string[] Strings(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => [.. value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)],
        JsonValueKind.String => [value.GetString()!],
        _ => [],
    };
}
