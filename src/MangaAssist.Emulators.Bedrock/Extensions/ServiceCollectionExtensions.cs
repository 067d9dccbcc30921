using MangaAssist.Emulators.Bedrock.Configuration;
using MangaAssist.Emulators.Bedrock.Converse;
using MangaAssist.Emulators.Bedrock.Diagnostics;
using MangaAssist.Emulators.Bedrock.Embeddings;
using MangaAssist.Emulators.Bedrock.Faults;
using MangaAssist.Emulators.Bedrock.Models;
using MangaAssist.ServiceDefaults.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MangaAssist.Emulators.Bedrock.Extensions;

internal static class ServiceCollectionExtensions
{
    public static IServiceCollection AddBedrockEmulator(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<BedrockEmulatorOptions>(configuration, BedrockEmulatorOptions.SectionName, BedrockEmulatorOptionsChecks.Check);

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ModelCatalog>();
        services.AddSingleton<EmulatorStats>();
        services.AddSingleton(sp => new TranscriptStore(sp.GetRequiredService<IOptions<BedrockEmulatorOptions>>().Value.TranscriptCapacity));
        services.AddSingleton<TranscriptRecorder>();
        services.AddSingleton<MarkerRequestCounter>();
        services.AddSingleton<FaultRuleBook>();
        services.AddSingleton<FaultPlanner>();
        services.AddSingleton<PromptCache>();
        services.AddSingleton<ChatRequestPreparer>();
        services.AddSingleton<ConverseStreamHandler>();
        services.AddSingleton<ConverseHandler>();
        services.AddSingleton<InvokeModelHandler>();
        return services;
    }
}
