namespace MangaAssist.Aws.Bedrock.Models;

/// <summary>
/// The model capability table. Configuration section <c>BedrockModels</c>: <c>Models:{id prefix}:{field}</c>
/// overrides or adds entries over the shipped defaults (configuration keys cannot hold ':', so entries are
/// keyed by the model id up to its version suffix, e.g. <c>anthropic.claude-sonnet-4-6</c>).
/// </summary>
public sealed class BedrockModelsOptions
{
    public const string SectionName = "BedrockModels";

    /// <summary>Capabilities by base model id prefix; the longest matching prefix wins.</summary>
    public Dictionary<string, ModelCapabilities> Models { get; set; } = ShippedModelTable.Load();

    /// <summary>
    /// For an id no entry matches: the behaviour before the table existed (prefill, no caching) and no price,
    /// so an unknown model is never billed by guesswork.
    /// </summary>
    public ModelCapabilities Unknown { get; set; } = new();

    /// <summary>The capabilities of <paramref name="modelId"/> (a model id or an inference profile id).</summary>
    public ModelCapabilities For(string modelId)
    {
        var baseId = InferenceProfiles.BaseModelId(modelId);
        ModelCapabilities? best = null;
        var bestLength = -1;
        foreach (var (prefix, capabilities) in Models)
        {
            if (prefix.Length > bestLength && baseId.StartsWith(prefix, StringComparison.Ordinal))
            {
                (best, bestLength) = (capabilities, prefix.Length);
            }
        }

        return best ?? Unknown;
    }
}
