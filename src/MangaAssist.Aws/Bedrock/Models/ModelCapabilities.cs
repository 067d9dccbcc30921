using System.ComponentModel.DataAnnotations;

namespace MangaAssist.Aws.Bedrock.Models;

/// <summary>
/// What one model family can do and what it costs, as the Bedrock and Anthropic documentation state it
/// (shipped defaults in <c>bedrock-models.json</c>; docs/bedrock.md cites the pages). Prices are list prices in
/// US dollars per million tokens; the service converts them to its own currency.
/// </summary>
public sealed class ModelCapabilities
{
    /// <summary>Whether a conversation may end with an assistant turn that the model continues (prefill). The Claude 4.6 generation refuses it with a 400.</summary>
    public bool AssistantPrefill { get; set; } = true;

    /// <summary>Whether Converse honours <c>cachePoint</c> blocks for this model.</summary>
    public bool PromptCaching { get; set; }

    /// <summary>Shortest prefix, in tokens, that a cache point caches; a shorter prefix is processed (and billed) normally.</summary>
    [Range(0, 1_000_000)]
    public int MinCacheTokens { get; set; }

    /// <summary>Largest <c>maxTokens</c> the model accepts.</summary>
    [Range(1, 1_000_000)]
    public int MaxOutputTokens { get; set; } = 4096;

    /// <summary>Context window, in tokens.</summary>
    [Range(1, 10_000_000)]
    public int ContextTokens { get; set; } = 200_000;

    [Range(0, 10_000)]
    public decimal InputPerMillion { get; set; }

    [Range(0, 10_000)]
    public decimal OutputPerMillion { get; set; }

    [Range(0, 10_000)]
    public decimal CacheReadPerMillion { get; set; }

    [Range(0, 10_000)]
    public decimal CacheWritePerMillion { get; set; }
}
