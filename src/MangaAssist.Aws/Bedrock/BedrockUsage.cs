using Microsoft.Extensions.AI;

namespace MangaAssist.Aws.Bedrock;

/// <summary>Bedrock's usage fields that <see cref="UsageDetails"/> has no property for.</summary>
public static class BedrockUsage
{
    /// <summary>The <see cref="UsageDetails.AdditionalCounts"/> key of <c>cacheWriteInputTokens</c>.</summary>
    public const string CacheWriteInputTokens = "cacheWriteInputTokens";

    public static long CacheWriteTokens(UsageDetails usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        return usage.AdditionalCounts?.TryGetValue(CacheWriteInputTokens, out var value) == true ? value : 0;
    }
}
