using System.Text.Json;
using System.Text.Json.Nodes;

namespace MangaAssist.Emulators.OpenSearch.Engine;

/// <summary>
/// The fields of one index from <c>mappings.properties</c> (with <c>fields</c> multi-fields), grown dynamically
/// for unmapped <c>_source</c> properties as OpenSearch does (strings: text + <c>.keyword</c>; numbers; booleans).
/// </summary>
internal sealed class IndexMapping
{
    private static readonly HashSet<string> NumberTypes = new(StringComparer.Ordinal) { "integer", "long", "short", "byte", "float", "double", "half_float", "scaled_float", "unsigned_long" };

    private readonly Dictionary<string, FieldMapping> _fields = new(StringComparer.Ordinal);
    private readonly AnalyzerRegistry _analyzers;
    private readonly JsonObject _properties;

    public IndexMapping(JsonElement? mappings, AnalyzerRegistry analyzers)
    {
        _analyzers = analyzers;
        _properties = new JsonObject();
        if (mappings is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("properties", out var properties))
        {
            if (properties.ValueKind != JsonValueKind.Object)
            {
                throw new OpenSearchError(400, "mapper_parsing_exception", "Expected map for property [properties]");
            }

            foreach (var property in properties.EnumerateObject())
            {
                Add(property.Name, property.Value);
                _properties[property.Name] = JsonNode.Parse(property.Value.GetRawText());
            }
        }
    }

    public IEnumerable<FieldMapping> Fields => _fields.Values;

    /// <summary>The mapping as <c>GET /{index}</c> shows it.</summary>
    public JsonObject ToJson() => new() { ["properties"] = _properties.DeepClone() };

    public FieldMapping? Find(string path) => _fields.GetValueOrDefault(path);

    /// <summary>Maps a <c>_source</c> property seen for the first time from its value.</summary>
    public void AddDynamic(string name, JsonElement value)
    {
        if (_fields.ContainsKey(name))
        {
            return;
        }

        var type = value.ValueKind switch
        {
            JsonValueKind.String => "text",
            JsonValueKind.Number => "float",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            _ => null,
        };
        if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0)
        {
            AddDynamic(name, value[0]);
            return;
        }

        if (type is null)
        {
            return;
        }

        var definition = type == "text"
            ? new JsonObject { ["type"] = "text", ["fields"] = new JsonObject { ["keyword"] = new JsonObject { ["type"] = "keyword", ["ignore_above"] = 256 } } }
            : new JsonObject { ["type"] = type };
        using var document = JsonDocument.Parse(definition.ToJsonString());
        Add(name, document.RootElement);
        _properties[name] = definition;
    }

    private void Add(string path, JsonElement definition)
    {
        if (definition.ValueKind != JsonValueKind.Object)
        {
            throw new OpenSearchError(400, "mapper_parsing_exception", $"Expected map for property [fields] on field [{path}]");
        }

        var sourcePath = path.Split('.')[0];
        var type = definition.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "object";
        var analyzer = _analyzers.Get(Text(definition, "analyzer"), path);
        var search = Text(definition, "search_analyzer") is { } s ? _analyzers.Get(s, path) : analyzer;
        var indexed = !(definition.TryGetProperty("index", out var i) && i.ValueKind == JsonValueKind.False);
        FieldMapping mapping = type switch
        {
            "text" => new(path, sourcePath, FieldType.Text, analyzer, search) { Indexed = indexed },
            "keyword" => new(path, sourcePath, FieldType.Keyword, TextAnalyzer.Standard, TextAnalyzer.Standard) { Indexed = indexed },
            "boolean" => new(path, sourcePath, FieldType.Boolean, TextAnalyzer.Standard, TextAnalyzer.Standard),
            "knn_vector" => KnnVector(path, definition),
            _ when NumberTypes.Contains(type) => new(path, sourcePath, FieldType.Number, TextAnalyzer.Standard, TextAnalyzer.Standard) { Indexed = indexed },
            "object" or "nested" or "date" => new(path, sourcePath, FieldType.Keyword, TextAnalyzer.Standard, TextAnalyzer.Standard) { Indexed = false },
            _ => throw new OpenSearchError(400, "mapper_parsing_exception", $"No handler for type [{type}] declared on field [{path}]"),
        };
        _fields[path] = mapping;
        if (definition.TryGetProperty("fields", out var fields) && fields.ValueKind == JsonValueKind.Object)
        {
            foreach (var sub in fields.EnumerateObject())
            {
                Add(path + "." + sub.Name, sub.Value);
            }
        }
    }

    private static FieldMapping KnnVector(string path, JsonElement definition)
    {
        var dimension = definition.TryGetProperty("dimension", out var d) && d.TryGetInt32(out var n) && n is > 0 and <= 16_000
            ? n
            : throw new OpenSearchError(400, "mapper_parsing_exception", $"Dimension value missing for vector: {path}");
        var space = definition.TryGetProperty("method", out var method) && Text(method, "space_type") is { } spaceType ? spaceType
            : Text(definition, "space_type") ?? "l2";
        if (space is not ("cosinesimil" or "innerproduct" or "l2"))
        {
            throw new OpenSearchError(400, "mapper_parsing_exception", $"Unsupported space type [{space}] for field [{path}]");
        }

        return new(path, path, FieldType.KnnVector, TextAnalyzer.Standard, TextAnalyzer.Standard) { Dimension = dimension, SpaceType = space };
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
