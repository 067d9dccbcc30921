using MangaAssist.Aws.Bedrock;
using MangaAssist.Aws.Bedrock.Models;
using Microsoft.Extensions.AI;
using MangaAssist.Orchestrator.Options;
using MangaAssist.SharedState.ResponseCache;
using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Generation;

/// <summary>The list price of model calls, from the capability table (US dollars), shown in the shop's currency.</summary>
public sealed class AnswerPricing(IOptions<BedrockModelsOptions> models, IOptions<CostOptions> cost)
{
    private const decimal Million = 1_000_000m;

    public decimal PriceUsd(string modelId, UsageDetails usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        var prices = models.Value.For(modelId);
        return ((usage.InputTokenCount ?? 0) * prices.InputPerMillion
            + (usage.OutputTokenCount ?? 0) * prices.OutputPerMillion
            + (usage.CachedInputTokenCount ?? 0) * prices.CacheReadPerMillion
            + BedrockUsage.CacheWriteTokens(usage) * prices.CacheWritePerMillion) / Million;
    }

    /// <summary><paramref name="usage"/> with <paramref name="priceUsd"/> converted to the configured currency.</summary>
    public AnswerUsage WithCost(AnswerUsage usage, decimal priceUsd)
    {
        var shown = cost.Value;
        return usage with { Cost = Math.Round(priceUsd * shown.PerUsd, shown.Decimals, MidpointRounding.AwayFromZero), Currency = shown.Currency };
    }
}
