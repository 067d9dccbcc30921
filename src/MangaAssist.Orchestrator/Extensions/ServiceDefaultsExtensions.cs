using MangaAssist.Orchestrator.Options;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Extensions;

public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// Cross-cutting set-up: JSON logs (one object a line, with trace and span ids, for
    /// CloudWatch), health checks, and OpenTelemetry when an OTLP endpoint is configured.
    /// </summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        builder.AddQuietLoggingDefaults();
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(options =>
        {
            options.IncludeScopes = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        builder.Logging.Configure(options => options.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        // The framework logs every Unhealthy probe at Error (every few seconds while warming up); our checks log
        // their own transitions once, and Redis outages are logged where they happen.
        builder.Logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", LogLevel.None);

        builder.Services.AddSingleton<System.Diagnostics.DistributedContextPropagator>(new Diagnostics.AmazonTraceContextPropagator());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RetrievalReadinessCheck>();
        builder.Services.AddHealthChecks().AddCheck<RetrievalReadinessCheck>("retrieval", tags: ["ready"]);
        builder.Services.AddSingleton<StoppingReadiness>().AddHostedService(services => services.GetRequiredService<StoppingReadiness>());
        builder.Services.AddHealthChecks().AddCheck<StoppingReadiness>("stopping", tags: ["ready"]);
        builder.Services.AddProblemDetails();
        // Shutdown:DrainTimeout drives the budget: the drain, then the flush margin, and nothing after it.
        builder.Services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>((host, shutdown) => host.ShutdownTimeout = shutdown.Value.Budget);
        builder.AddOpenTelemetryExport();
        return builder;
    }

    /// <summary><c>/health/live</c> for the container health check, <c>/health/ready</c> for the load balancer.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        return app;
    }
}
