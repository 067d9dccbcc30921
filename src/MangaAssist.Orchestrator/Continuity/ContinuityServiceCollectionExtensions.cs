using MangaAssist.ServiceDefaults.Configuration;

namespace MangaAssist.Orchestrator.Continuity;

public static class ContinuityServiceCollectionExtensions
{
    /// <summary>
    /// Answers that outlive their task: leases on the shared answers queue, the orphan claimer, the take-over and the
    /// SIGTERM hand-over (readiness turns not-ready on SIGTERM already: StoppingReadiness). Call after <c>AddAnalysisJobs</c> (the shared queue).
    /// </summary>
    public static IServiceCollection AddAnswerContinuity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ContinuityOptions>(configuration, ContinuityOptions.SectionName);
        services.AddSingleton<ContinuityTelemetry>();
        services.AddSingleton<AnswerLeases>();
        services.AddSingleton<AnswerHandover>();
        services.AddSingleton<Intake.IAnswerHandOver>(sp => sp.GetRequiredService<AnswerHandover>());
        services.AddSingleton<Pipeline.IAnswerLeaseHooks, AnswerLeaseHooks>();
        services.AddSingleton<ResumedStreams>();
        services.AddSingleton<AnswerContinuation>();
        services.AddSingleton<AnswerResumer>();
        services.AddHostedService<OrphanClaimer>();
        return services;
    }
}
