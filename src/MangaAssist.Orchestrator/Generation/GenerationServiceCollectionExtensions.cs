using MangaAssist.Aws.Bedrock.Models;
using MangaAssist.Orchestrator.Diagnostics;
using MangaAssist.Orchestrator.Options;
using MangaAssist.ServiceDefaults.Configuration;

namespace MangaAssist.Orchestrator.Generation;

public static class GenerationServiceCollectionExtensions
{
    /// <summary>The model capability table, the continuation strategies it selects, and answer pricing.</summary>
    public static IServiceCollection AddModelCapabilities(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<BedrockModelsOptions>(configuration, BedrockModelsOptions.SectionName);
        services.AddValidatedOptions<ContinuationOptions>(configuration, ContinuationOptions.SectionName);
        services.AddValidatedOptions<CostOptions>(configuration, CostOptions.SectionName);
        services.AddSingleton<PrefillContinuation>();
        services.AddSingleton<QuotedContinuation>();
        services.AddSingleton<ContinuationStrategies>();
        services.AddValidatedOptions<SpendBreakerOptions>(configuration, SpendBreakerOptions.SectionName);
        services.AddSingleton<SpendTelemetry>();
        services.AddSingleton<SpendMeter>();
        services.AddSingleton<AnswerPricing>();
        services.AddSingleton<ConversePromptShaper>();
        return services;
    }
}
