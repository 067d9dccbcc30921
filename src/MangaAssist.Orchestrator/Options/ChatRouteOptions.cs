using System.ComponentModel.DataAnnotations;

namespace MangaAssist.Orchestrator.Options;

/// <summary>How one chat route (<c>sendMessage</c> or <c>analyze</c>) calls the model.</summary>
public sealed class ChatRouteOptions
{
    /// <summary>Bedrock model id or inference profile id.</summary>
    [Required]
    public string ModelId { get; set; } = "";

    /// <summary>
    /// Models tried, in order, when the one before is throttled, unavailable or its circuit is
    /// open (e.g. a cross-region inference profile, then a regional model, then a smaller one).
    /// Comma-separated, so that configuration replaces the list instead of merging with it.
    /// </summary>
    public string FallbackModelIds { get; set; } = "";

    /// <summary><see cref="ModelId"/> followed by <see cref="FallbackModelIds"/>, without repeats.</summary>
    public IReadOnlyList<string> ModelChain =>
        [.. new[] { ModelId }.Concat(FallbackModelIds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal)];

    /// <summary>Upper bound on answer length, in tokens.</summary>
    [Range(1, 8192)]
    public int MaxTokens { get; set; }

    /// <summary>Catalog passages retrieved for the prompt; 0 turns retrieval off.</summary>
    [Range(0, 50)]
    public int RetrievalTopK { get; set; } = 5;

    /// <summary>Tokens of the prompt given to retrieved passages and conversation history together.</summary>
    [Range(0, 100_000)]
    public int ContextTokenBudget { get; set; } = 1500;

    /// <summary>Sampling temperature; null leaves the model's default.</summary>
    [Range(0.0, 1.0)]
    public float? Temperature { get; set; }

    /// <summary>The system prompt for this route.</summary>
    [Required]
    public string SystemPrompt { get; set; } = "";

    /// <summary>Longest wait for the first token of an answer.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan FirstTokenTimeout { get; set; }

    /// <summary>Longest silence between two tokens once the answer streams.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan IdleTimeout { get; set; }

    /// <summary>Guardrail, latency mode, service tier and prompt caching for this route.</summary>
    public RouteBedrockOptions Bedrock { get; set; } = new();

    /// <summary>Longest time a whole answer may take.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan TotalTimeout { get; set; }
}
