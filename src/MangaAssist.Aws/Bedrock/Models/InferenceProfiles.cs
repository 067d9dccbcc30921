namespace MangaAssist.Aws.Bedrock.Models;

/// <summary>
/// Cross-region inference profile ids are a geography prefix on a model id (<c>us.</c>, <c>jp.</c>,
/// <c>apac.</c>, <c>global.</c>…); the capabilities are the underlying model's.
/// </summary>
public static class InferenceProfiles
{
    private static readonly string[] Prefixes = ["global.", "us-gov.", "us.", "eu.", "apac.", "jp.", "au.", "ca."];

    public static bool IsProfile(string modelId) => PrefixOf(modelId) is not null;

    /// <summary>The model id without its inference profile prefix.</summary>
    public static string BaseModelId(string modelId) => PrefixOf(modelId) is { } prefix ? modelId[prefix.Length..] : modelId;

    private static string? PrefixOf(string modelId)
    {
        ArgumentNullException.ThrowIfNull(modelId);
        foreach (var prefix in Prefixes)
        {
            if (modelId.StartsWith(prefix, StringComparison.Ordinal))
            {
                return prefix;
            }
        }

        return null;
    }
}
