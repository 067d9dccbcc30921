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
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Extensions;

public static class ChatServiceCollectionExtensions
{
    /// <summary>The chat pipeline: intake, answers in the background, frames, and their options.</summary>
    public static IServiceCollection AddChatOrchestration(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InputLimitsOptions>().Bind(configuration.GetSection(InputLimitsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StreamingOptions>().Bind(configuration.GetSection(StreamingOptions.SectionName)).ValidateOnStart();
        services.AddOptions<DeliveryOptions>().Bind(configuration.GetSection(DeliveryOptions.SectionName)).ValidateOnStart();
        services.AddOptions<ChatRoutesOptions>().Bind(configuration.GetSection(ChatRoutesOptions.SectionName)).ValidateOnStart();
        services.AddOptions<ResilienceOptions>().Bind(configuration.GetSection(ResilienceOptions.SectionName)).ValidateOnStart();
        services.AddOptions<CapacityOptions>().Bind(configuration.GetSection(CapacityOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ResilienceOptions>, ResilienceOptionsValidator>();
        services.AddSingleton<IValidateOptions<CapacityOptions>, ResilienceOptionsValidator>();
        services.AddSingleton<IValidateOptions<CapacityOptions>, PoolSizingValidator>();
        services.AddOptions<ShutdownOptions>().Bind(configuration.GetSection(ShutdownOptions.SectionName));
        services.AddSingleton<IValidateOptions<StreamingOptions>, StreamingOptionsValidator>();
        services.AddSingleton<IValidateOptions<DeliveryOptions>, StreamingOptionsValidator>();
        services.AddSingleton<IValidateOptions<ChatRoutesOptions>, ChatRoutesOptionsValidator>();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new MangaAssist.Orchestrator.Kernel.Randomizer());
        services.AddSingleton(sp => new ClientMessageParser(sp.GetRequiredService<IOptions<InputLimitsOptions>>().Value));
        services.AddSingleton<ChatTelemetry>();
        services.AddSingleton<ChatRequestRegistry>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ResilienceOptions>>().Value;
            return new RetryBudget(options.RetryBudgetRatio, options.RetryBudgetMinimumPerSecond, options.RetryBudgetWindow, sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<ModelCircuitBreakers>();
        services.AddSingleton<ResilientAnswerGenerator>();
        services.AddSingleton<StreamAdmission>();
        services.AddSingleton(sp =>
        {
            var telemetry = new ResilienceTelemetry(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
            var budget = sp.GetRequiredService<RetryBudget>();
            var admission = sp.GetRequiredService<StreamAdmission>();
            var breakers = new Lazy<ModelCircuitBreakers>(sp.GetRequiredService<ModelCircuitBreakers>);
            telemetry.ObserveState(() => budget.Available, () => admission.InFlight, () => admission.Queued, () => breakers.Value.OpenCount);
            return telemetry;
        });
        services.AddOptions<HygieneOptions>().Bind(configuration.GetSection(HygieneOptions.SectionName))
            .Validate<IHostEnvironment>((options, environment) => !options.AllowDebug || !environment.IsProduction(),
                "Hygiene:AllowDebug must not be enabled in the Production environment: debug fields, prompts and context would reach clients.")
            .ValidateOnStart();
        services.AddSingleton(sp => new OutboundSanitizer(sp.GetRequiredService<IOptions<HygieneOptions>>().Value.AllowDebug));
        services.AddOptions<ResumeOptions>().Bind(configuration.GetSection(ResumeOptions.SectionName));
        services.AddSingleton<FramePoster>();
        services.AddSingleton<FrameStreamFactory>();
        services.AddAnswerPipeline();
        services.AddSingleton<ResumeRunner>();
        services.AddSingleton<ChatIntake>();
        services.AddHostedService<AnswerDrainService>();
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
