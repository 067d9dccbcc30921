using System.Globalization;
using System.Text.Json;

namespace MangaAssist.Emulators.OpenSearch.Engine;

/// <summary>
/// One indexed document: its <c>_source</c> as sent, and per mapped field what a query needs — term frequencies
/// and length (text), exact values (keyword, boolean), numbers, a vector.
/// </summary>
internal sealed class StoredDocument
{
    private StoredDocument(string id, JsonElement source)
    {
        Id = id;
        Source = source;
    }

    public string Id { get; }

    public JsonElement Source { get; }

    public Dictionary<string, Dictionary<string, int>> Terms { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, int> Lengths { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, HashSet<string>> Keywords { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<double>> Numbers { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, float[]> Vectors { get; } = new(StringComparer.Ordinal);

    /// <summary>Analyzes <paramref name="source"/> by <paramref name="mapping"/>; a value of the wrong shape is a 400 as in OpenSearch.</summary>
    public static StoredDocument Create(string id, JsonElement source, IndexMapping mapping)
    {
        if (source.ValueKind != JsonValueKind.Object)
        {
            throw new OpenSearchError(400, "mapper_parsing_exception", "failed to parse: the document is not an object");
        }

        foreach (var property in source.EnumerateObject())
        {
            mapping.AddDynamic(property.Name, property.Value);
        }

        var document = new StoredDocument(id, source.Clone());
        foreach (var field in mapping.Fields.Where(f => f.Indexed))
        {
            if (source.TryGetProperty(field.SourcePath, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                document.Add(field, value);
            }
        }

        return document;
    }

    private void Add(FieldMapping field, JsonElement value)
    {
        switch (field.Type)
        {
            case FieldType.KnnVector:
                Vectors[field.Path] = ReadVector(field, value);
                break;
            case FieldType.Text:
                var terms = new Dictionary<string, int>(StringComparer.Ordinal);
                var length = 0;
                foreach (var text in Values(value))
                {
                    foreach (var term in field.IndexAnalyzer.Analyze(text))
                    {
                        terms[term] = terms.GetValueOrDefault(term) + 1;
                        length++;
                    }
                }

                Terms[field.Path] = terms;
                Lengths[field.Path] = length;
                break;
            case FieldType.Number:
                Numbers[field.Path] = [.. Values(value).Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
                    ? n
                    : throw new OpenSearchError(400, "mapper_parsing_exception", $"failed to parse field [{field.Path}] of type [number]"))];
                break;
            default:
                Keywords[field.Path] = [.. Values(value)];
                break;
        }
    }

    private static float[] ReadVector(FieldMapping field, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != field.Dimension)
        {
            throw new OpenSearchError(400, "mapper_parsing_exception",
                $"Vector dimension mismatch. Expected: {field.Dimension}, Given: {(value.ValueKind == JsonValueKind.Array ? value.GetArrayLength() : 0)}");
        }

        var vector = new float[field.Dimension];
        var i = 0;
        foreach (var element in value.EnumerateArray())
        {
            vector[i++] = element.ValueKind == JsonValueKind.Number ? element.GetSingle() : throw new OpenSearchError(400, "mapper_parsing_exception", $"failed to parse field [{field.Path}] of type [knn_vector]");
        }

        return vector;
    }

    private static IEnumerable<string> Values(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => value.EnumerateArray().SelectMany(Values),
        JsonValueKind.String => [value.GetString()!],
        JsonValueKind.Number => [value.GetRawText()],
        JsonValueKind.True => ["true"],
        JsonValueKind.False => ["false"],
        _ => [],
    };
}
