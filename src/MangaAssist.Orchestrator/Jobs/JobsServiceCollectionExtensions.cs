using MangaAssist.Aws.S3;
using MangaAssist.ServiceDefaults.Configuration;
using MangaAssist.SharedState.Work;

namespace MangaAssist.Orchestrator.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>Analysis jobs: the shared queue and records, the runner with its own concurrency limit, and results in S3 when <c>S3:Bucket</c> is set.</summary>
    public static IServiceCollection AddAnalysisJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<AnalysesOptions>(configuration, AnalysesOptions.SectionName);
        services.AddSharedWork(configuration);
        services.AddS3Results(configuration.GetSection("S3"));
        services.AddSingleton<RunningJobs>();
        services.AddSingleton<JobWakeup>();
        services.AddSingleton<JobCharges>();
        services.AddSingleton<JobFollower>();
        services.AddSingleton<SocketAnalyses>();
        services.AddSingleton<Intake.IJobIntake>(sp => sp.GetRequiredService<SocketAnalyses>());
        services.AddSingleton(sp => new JobResults(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<AnalysesOptions>>(), sp.GetService<IResultObjectStore>()));
        services.AddSingleton<AnalysisJobs>();
        services.AddSingleton<AnalysisJobRunner>();
        services.AddHostedService<AnalysisWorker>();
        return services;
    }
}
