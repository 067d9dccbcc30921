using MangaAssist.ServiceDefaults.Configuration;

namespace MangaAssist.Aws.Bedrock;

/// <summary>An endpoint override must be an http(s) address; Titan v2 embeds in three sizes only.</summary>
internal static class BedrockRuntimeOptionsChecks
{
    public static void Check(BedrockRuntimeOptions options, OptionsProblems problems)
    {
        if (options.Endpoint is not null && !HttpUrls.IsAbsoluteHttp(options.Endpoint))
        {
            problems.Add(nameof(options.Endpoint), $"'{options.Endpoint}' must be an absolute http:// or https:// address.");
        }

        if (options.EmbeddingDimensions is not (256 or 512 or 1024))
        {
            problems.Add(nameof(options.EmbeddingDimensions), $"must be 256, 512 or 1024 (was {options.EmbeddingDimensions}).");
        }
    }
}
