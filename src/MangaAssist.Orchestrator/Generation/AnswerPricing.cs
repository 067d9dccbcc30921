using MangaAssist.Aws.Bedrock;
using MangaAssist.Aws.Bedrock.Models;
using Microsoft.Extensions.AI;
using MangaAssist.Orchestrator.Options;
using MangaAssist.SharedState.ResponseCache;
using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Generation;

/// <summary>The list price of model calls, from the capability table (US dollars), shown in the shop's currency.</summary>
public sealed class AnswerPricing(IOptions<BedrockModelsOptions> models, IOptions<CostOptions> cost, SpendMeter spend)
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

    /// <summary>Prices one call's usage (US dollars) and counts it as spend, in the shop's currency, for the metric and the spend breaker.</summary>
    public decimal Charge(string route, string modelId, UsageDetails usage)
    {
        var priceUsd = PriceUsd(modelId, usage);
        spend.Record(route, modelId, cost.Value.Currency, priceUsd * cost.Value.PerUsd);
        return priceUsd;
    }

    /// <summary><paramref name="usage"/> with <paramref name="priceUsd"/> converted to the configured currency.</summary>
    public AnswerUsage WithCost(AnswerUsage usage, decimal priceUsd)
    {
        var shown = cost.Value;
        return usage with { Cost = Math.Round(priceUsd * shown.PerUsd, shown.Decimals, MidpointRounding.AwayFromZero), Currency = shown.Currency };
    }
}
