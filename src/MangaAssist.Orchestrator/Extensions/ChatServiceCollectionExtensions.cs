using MangaAssist.Orchestrator.Delivery;
using MangaAssist.Orchestrator.Diagnostics;
using MangaAssist.Orchestrator.Generation;
using MangaAssist.Orchestrator.Grounding;
using MangaAssist.Orchestrator.Hygiene;
using MangaAssist.Orchestrator.Intake;
using MangaAssist.Orchestrator.Options;
using MangaAssist.Orchestrator.Pipeline;
using MangaAssist.Orchestrator.Pipeline.Sources;
using MangaAssist.Orchestrator.Protocol;
using MangaAssist.ServiceDefaults.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Extensions;

public static class ChatServiceCollectionExtensions
{
    /// <summary>The chat pipeline: intake, answers in the background, frames, and their options.</summary>
    public static IServiceCollection AddChatOrchestration(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<InputLimitsOptions>(configuration, InputLimitsOptions.SectionName);
        services.AddValidatedOptions<StreamingOptions>(configuration, StreamingOptions.SectionName);
        services.AddValidatedOptions<DeliveryOptions>(configuration, DeliveryOptions.SectionName);
        services.AddValidatedOptions<ChatRoutesOptions>(configuration, ChatRoutesOptions.SectionName, OrchestratorOptionsChecks.Routes);
        services.AddValidatedOptions<ResilienceOptions>(configuration, ResilienceOptions.SectionName, OrchestratorOptionsChecks.Resilience);
        services.AddValidatedOptions<CapacityOptions>(configuration, CapacityOptions.SectionName, OrchestratorOptionsChecks.Capacity);
        services.AddOptionsCheck<CapacityOptions, IOptions<MangaAssist.Aws.Bedrock.BedrockRuntimeOptions>>(CapacityOptions.SectionName, OrchestratorOptionsChecks.PoolSizing);
        services.AddValidatedOptions<ShutdownOptions>(configuration, ShutdownOptions.SectionName);
        services.AddValidatedOptions<HygieneOptions>(configuration, HygieneOptions.SectionName);
        services.AddOptionsCheck<HygieneOptions, IHostEnvironment>(HygieneOptions.SectionName, OrchestratorOptionsChecks.NoDebugInProduction);
        services.AddValidatedOptions<ResumeOptions>(configuration, ResumeOptions.SectionName);
        services.AddValidatedOptions<GatewayOptions>(configuration, GatewayOptions.SectionName);
        services.AddOptionsCheck<GatewayOptions, IHostEnvironment>(GatewayOptions.SectionName, OrchestratorOptionsChecks.SecretOutsideDevelopment);
        services.AddShopperIdentity(configuration);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new MangaAssist.Orchestrator.Kernel.Randomizer());
        services.AddSingleton(sp => new ClientMessageParser(sp.GetRequiredService<IOptions<InputLimitsOptions>>().Value));
        services.AddSingleton<ChatTelemetry>();
        services.AddSingleton<ChatRequestRegistry>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ResilienceOptions>>().Value;
            return new RetryBudget(options.RetryBudgetRatio, options.RetryBudgetMinimumPerSecond, options.RetryBudgetWindow, sp.GetRequiredService<TimeProvider>(), options.RetryBudgetBurst, options.RetryBudgetRefillPerSuccess);
        });
        services.AddSingleton<ModelCircuitBreakers>();
        services.AddModelCapabilities(configuration);
        services.AddSingleton<ResilientAnswerGenerator>();
        services.AddSingleton<StreamAdmission>();
        services.AddSingleton<FlushPace>();
        services.AddSingleton(sp =>
        {
            var telemetry = new ResilienceTelemetry(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
            var budget = sp.GetRequiredService<RetryBudget>();
            var admission = sp.GetRequiredService<StreamAdmission>();
            var breakers = new Lazy<ModelCircuitBreakers>(sp.GetRequiredService<ModelCircuitBreakers>);
            telemetry.ObserveState(() => budget.Available, () => admission.InFlight, () => admission.Queued, () => breakers.Value.OpenCount);
            return telemetry;
        });
        services.AddSingleton(sp => new OutboundSanitizer(sp.GetRequiredService<IOptions<HygieneOptions>>().Value.AllowDebug));
        services.AddSingleton<FramePoster>();
        services.AddSingleton<FrameStreamFactory>();
        services.AddAnswerPipeline();
        services.AddSingleton<ResumeRunner>();
        services.AddSingleton<ShopperDataForgetter>();
        services.AddSingleton<ForgetRunner>();
        services.AddSingleton<ChatIntake>();
        services.AddSingleton<MangaAssist.Orchestrator.Apis.IntegrationDoor>();
        services.AddHostedService<MangaAssist.Orchestrator.Apis.IntegrationDoorNotice>();
        services.AddHostedService<AnswerDrainService>();
        services.AddHostedService<ForgetAnnouncementListener>();
        return services;
    }

    /// <summary>One answer's stages, and its sources in the order they are asked: cache, shared flight, model.</summary>
    private static IServiceCollection AddAnswerPipeline(this IServiceCollection services)
    {
        services.AddSingleton<RequestLimits>();
        services.AddSingleton<ConversationMemory>();
        services.AddSingleton<AnswerContextBuilder>();
        services.AddSingleton<ResponseCacheSource>();
        services.AddSingleton<SharedFlightSource>();
        services.AddSingleton<ModelSource>();
        services.AddSingleton(sp => new AnswerSourceChain(
            sp.GetRequiredService<ResponseCacheSource>(), sp.GetRequiredService<SharedFlightSource>(), sp.GetRequiredService<ModelSource>()));
        services.AddSingleton<AdmitStage>();
        services.AddSingleton<PrepareStage>();
        services.AddSingleton<ProduceStage>();
        services.AddSingleton<CompleteStage>();
        services.AddSingleton<AnswerRecorder>();
        services.AddSingleton<IAnswerRunner, AnswerPipeline>();
        return services;
    }
}
