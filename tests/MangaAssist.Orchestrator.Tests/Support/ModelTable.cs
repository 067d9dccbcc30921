using MangaAssist.Aws.Bedrock.Models;
using MangaAssist.Orchestrator.Diagnostics;
using MangaAssist.Orchestrator.Generation;
using Microsoft.Extensions.DependencyInjection;
using MangaAssist.Orchestrator.Options;

namespace MangaAssist.Orchestrator.Tests.Support;

/// <summary>The shipped model capability table and what the generator builds on it.</summary>
internal static class ModelTable
{
    public static ContinuationStrategies Strategies(BedrockModelsOptions? models = null)
    {
        var continuation = Microsoft.Extensions.Options.Options.Create(new ContinuationOptions());
        return new(Microsoft.Extensions.Options.Options.Create(models ?? new BedrockModelsOptions()), new PrefillContinuation(), new QuotedContinuation(continuation));
    }

    public static AnswerPricing Pricing(BedrockModelsOptions? models = null, CostOptions? cost = null, SpendMeter? spend = null) => new(
        Microsoft.Extensions.Options.Options.Create(models ?? new BedrockModelsOptions()),
        Microsoft.Extensions.Options.Options.Create(cost ?? new CostOptions()),
        spend ?? Spend(TimeProvider.System, new SpendBreakerOptions()));

    public static SpendMeter Spend(TimeProvider time, SpendBreakerOptions options) => new(
        time,
        Microsoft.Extensions.Options.Options.Create(options),
        new SpendTelemetry(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()));

    public static ConversePromptShaper Shaper(BedrockModelsOptions? models = null) =>
        new(Microsoft.Extensions.Options.Options.Create(models ?? new BedrockModelsOptions()));

    /// <summary>The shipped table plus <paramref name="modelId"/> as a model that refuses prefill.</summary>
    public static BedrockModelsOptions WithoutPrefill(string modelId)
    {
        var models = new BedrockModelsOptions();
        models.Models[modelId] = new ModelCapabilities { AssistantPrefill = false };
        return models;
    }
}
