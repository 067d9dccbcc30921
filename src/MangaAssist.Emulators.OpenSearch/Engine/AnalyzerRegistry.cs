using System.Text.Json;

namespace MangaAssist.Emulators.OpenSearch.Engine;

/// <summary>
/// The analyzers an index knows: the built-in names, and the custom ones of its <c>settings.analysis</c>, each mapped
/// to a <see cref="TextAnalyzer"/> by what its tokenizer and filters are (an honest approximation, not Lucene).
/// </summary>
internal sealed class AnalyzerRegistry
{
    private static readonly Dictionary<string, TextAnalyzer> BuiltIn = new(StringComparer.Ordinal)
    {
        ["standard"] = TextAnalyzer.Standard,
        ["simple"] = TextAnalyzer.Standard,
        ["whitespace"] = TextAnalyzer.Standard,
        ["english"] = new(AnalyzerKind.Words, true),
        ["stop"] = new(AnalyzerKind.Words, true),
        ["cjk"] = new(AnalyzerKind.Words, true),
        ["kuromoji"] = new(AnalyzerKind.Words, true),
        ["keyword"] = new(AnalyzerKind.Keyword, false),
    };

    private readonly Dictionary<string, TextAnalyzer> _custom = new(StringComparer.Ordinal);

    private AnalyzerRegistry()
    {
    }

    /// <summary>Reads <c>settings.index.analysis</c> or <c>settings.analysis</c>; an unknown tokenizer type is a 400.</summary>
    public static AnalyzerRegistry FromSettings(JsonElement settings)
    {
        var registry = new AnalyzerRegistry();
        var analysis = Find(settings, "analysis") ?? (Find(settings, "index") is { } index ? Find(index, "analysis") : null);
        if (analysis is not { } root)
        {
            return registry;
        }

        var tokenizers = Definitions(root, "tokenizer");
        var filters = Definitions(root, "filter");
        foreach (var (name, definition) in Definitions(root, "analyzer"))
        {
            registry._custom[name] = Resolve(name, definition, tokenizers, filters);
        }

        return registry;
    }

    public TextAnalyzer Get(string? name, string field)
    {
        if (name is null)
        {
            return TextAnalyzer.Standard;
        }

        return _custom.TryGetValue(name, out var custom) ? custom
            : BuiltIn.TryGetValue(name, out var builtIn) ? builtIn
            : throw new OpenSearchError(400, "mapper_parsing_exception", $"analyzer [{name}] has not been configured in mappings for field [{field}]");
    }

    private static TextAnalyzer Resolve(string name, JsonElement definition, Dictionary<string, JsonElement> tokenizers, Dictionary<string, JsonElement> filters)
    {
        var type = Text(definition, "type") ?? "custom";
        if (type != "custom")
        {
            return BuiltIn.TryGetValue(type, out var builtIn) ? builtIn
                : throw OpenSearchError.IllegalArgument($"Unknown analyzer type [{type}] for [{name}]");
        }

        var tokenizer = Text(definition, "tokenizer") ?? throw OpenSearchError.IllegalArgument($"analyzer [{name}] must specify either an analyzer type, or a tokenizer");
        var tokenizerType = tokenizers.TryGetValue(tokenizer, out var custom) ? Text(custom, "type") ?? tokenizer : tokenizer;
        var filterTypes = Names(definition, "filter").Select(f => filters.TryGetValue(f, out var d) ? Text(d, "type") ?? f : f).ToList();
        var kind = tokenizerType switch
        {
            "ngram" or "edge_ngram" => AnalyzerKind.Grams,
            "keyword" => AnalyzerKind.Keyword,
            "standard" or "whitespace" or "letter" or "classic" or "kuromoji_tokenizer" or "icu_tokenizer" or "simple_pattern" or "pattern" => AnalyzerKind.Words,
            _ => throw OpenSearchError.IllegalArgument($"failed to find tokenizer under name [{tokenizer}]"),
        };
        if (filterTypes.Contains("kuromoji_readingform"))
        {
            kind = AnalyzerKind.Reading;
        }

        return new TextAnalyzer(kind, filterTypes.Any(f => f is "stop" or "ja_stop"));
    }

    private static Dictionary<string, JsonElement> Definitions(JsonElement analysis, string name)
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (Find(analysis, name) is { ValueKind: JsonValueKind.Object } group)
        {
            foreach (var property in group.EnumerateObject())
            {
                result[property.Name] = property.Value;
            }
        }

        return result;
    }

    private static IEnumerable<string> Names(JsonElement definition, string name) =>
        Find(definition, name) switch
        {
            { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!),
            { ValueKind: JsonValueKind.String } one => [one.GetString()!],
            _ => [],
        };

    private static JsonElement? Find(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : null;

    private static string? Text(JsonElement element, string name) =>
        Find(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
}
