using System.Text.Json;

namespace MangaAssist.Emulators.Bedrock.Models;

/// <summary>The shipped model table (linked from the client library), keyed by model id prefix; the longest prefix wins.</summary>
internal static class ModelTraitsTable
{
    private const string ResourceName = "MangaAssist.Emulators.Bedrock.Models.bedrock-models.json";

    private static readonly BedrockJsonContext Reader = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
    });

    private static readonly Lazy<Dictionary<string, ModelTraits>> Table = new(Load);

    public static ModelTraits For(string baseModelId)
    {
        ModelTraits? best = null;
        var bestLength = -1;
        foreach (var (prefix, traits) in Table.Value)
        {
            if (prefix.Length > bestLength && baseModelId.StartsWith(prefix, StringComparison.Ordinal))
            {
                (best, bestLength) = (traits, prefix.Length);
            }
        }

        return best ?? new ModelTraits();
    }

    private static Dictionary<string, ModelTraits> Load()
    {
        using var stream = typeof(ModelTraitsTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded model table '{ResourceName}' is missing.");
        return JsonSerializer.Deserialize(stream, Reader.DictionaryStringModelTraits) ?? [];
    }
}
