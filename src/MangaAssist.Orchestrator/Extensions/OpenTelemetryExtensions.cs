using MangaAssist.Orchestrator.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MangaAssist.Orchestrator.Extensions;

public static class OpenTelemetryExtensions
{
    /// <summary>
    /// Exports traces and metrics over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; the
    /// exporter reads the other standard <c>OTEL_*</c> settings from the app's configuration
    /// (environment variables or command-line arguments alike). ASP.NET Core and
    /// HttpClient emit their activities natively, so no instrumentation packages are needed.
    /// </summary>
    public static WebApplicationBuilder AddOpenTelemetryExport(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return builder;
        }

        builder.Services.AddSingleton(new TelemetryProviders(
            Sdk.CreateTracerProviderBuilder()
                .ConfigureServices(services => services.AddSingleton<IConfiguration>(builder.Configuration))
                .ConfigureResource(ConfigureResource)
                .AddSource(ChatTelemetry.Name, "Microsoft.AspNetCore", "System.Net.Http")
                .AddOtlpExporter()
                .Build(),
            Sdk.CreateMeterProviderBuilder()
                .ConfigureServices(services => services.AddSingleton<IConfiguration>(builder.Configuration))
                .ConfigureResource(ConfigureResource)
                .AddMeter(ChatTelemetry.Name, ResilienceTelemetry.Name, "MangaAssist.SharedState", "Microsoft.AspNetCore.Hosting", "System.Net.Http")
                .AddOtlpExporter()
                .Build()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TelemetryProviders>());
        return builder;
    }

    private static void ConfigureResource(ResourceBuilder resource) =>
        resource.AddService(serviceName: "mangaassist-orchestrator").AddEnvironmentVariableDetector();

    /// <summary>Owns the providers so they flush and dispose when the host stops.</summary>
    private sealed class TelemetryProviders(TracerProvider tracing, MeterProvider metrics) : IHostedService, IDisposable
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            tracing.ForceFlush(2000);
            metrics.ForceFlush(2000);
            return Task.CompletedTask;
        }

        public void Dispose()
        {
            tracing.Dispose();
            metrics.Dispose();
        }
    }
}
