using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MangaAssist.ServiceDefaults.Telemetry;

/// <summary>
/// One OpenTelemetry set-up for every MangaAssist app: ASP.NET Core, HttpClient and runtime
/// instrumentation, the app's own sources and meters, and OTLP export of traces, metrics and logs.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>The standard switch: without an OTLP endpoint nothing is collected, so a plain run pays nothing.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Collects and exports when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; the exporter reads the other
    /// standard <c>OTEL_*</c> variables. <c>OTEL_SERVICE_NAME</c> and <c>OTEL_RESOURCE_ATTRIBUTES</c> override
    /// <paramref name="serviceName"/>. Returns whether telemetry was switched on.
    /// </summary>
    /// <param name="tracing">The app's own activity sources and extra instrumentation.</param>
    /// <param name="metrics">The app's own meters.</param>
    public static bool AddServiceTelemetry(
        this IHostApplicationBuilder builder,
        string serviceName,
        Action<TracerProviderBuilder>? tracing = null,
        Action<MeterProviderBuilder>? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);
        if (string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]))
        {
            return false;
        }

        // Formatted messages are our [LoggerMessage] templates, which never carry user text; scopes hold
        // ids only (trace, connection, request), which the log pipeline already shows today.
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddSingleton<TelemetryExport>();
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName).AddEnvironmentVariableDetector())
            .WithTracing(traces =>
            {
                traces
                    .AddAspNetCoreInstrumentation(options => options.Filter = static context => !IsHealthProbe(context.Request.Path))
                    .AddHttpClientInstrumentation()
                    .AddProcessor(new StatusDescriptionScrubber());
                tracing?.Invoke(traces);
                // Last, so every other processor has finished with a span before it is queued for export.
                var host = new object();
                traces.AddProcessor(services => new HostSpanFilter(host, services.GetService<ActivitySource>(), OtlpSpanExport()));
            })
            .WithMetrics(meters =>
            {
                meters
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation();
                metrics?.Invoke(meters);
                meters.AddOtlpExporter();
            })
            .WithLogging(logs => logs.AddOtlpExporter());
        return true;
    }

    /// <summary>The OTLP span exporter as <c>UseOtlpExporter</c> would build it, from the standard <c>OTEL_*</c> variables.</summary>
    private static BatchActivityExportProcessor OtlpSpanExport()
    {
        var batch = new BatchExportActivityProcessorOptions();
        return new BatchActivityExportProcessor(
            new OtlpTraceExporter(new OtlpExporterOptions()),
            batch.MaxQueueSize,
            batch.ScheduledDelayMilliseconds,
            batch.ExporterTimeoutMilliseconds,
            batch.MaxExportBatchSize);
    }

    /// <summary>Probes arrive every few seconds from the container and the load balancer; a span each is noise.</summary>
    private static bool IsHealthProbe(PathString path) => path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
}
