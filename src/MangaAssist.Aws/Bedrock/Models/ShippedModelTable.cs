using System.Text.Json;

namespace MangaAssist.Aws.Bedrock.Models;

/// <summary>Reads the shipped defaults (<c>bedrock-models.json</c>, embedded) so the table is data, not code.</summary>
public static class ShippedModelTable
{
    public const string ResourceName = "MangaAssist.Aws.Bedrock.Models.bedrock-models.json";

    private static readonly JsonSerializerOptions Json = new() { ReadCommentHandling = JsonCommentHandling.Skip };

    /// <summary>A fresh copy each call: configuration binding mutates the entries it overrides.</summary>
    public static Dictionary<string, ModelCapabilities> Load()
    {
        using var stream = typeof(ShippedModelTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded model table '{ResourceName}' is missing.");
        return new Dictionary<string, ModelCapabilities>(
            JsonSerializer.Deserialize<Dictionary<string, ModelCapabilities>>(stream, Json) ?? [], StringComparer.Ordinal);
    }
}
