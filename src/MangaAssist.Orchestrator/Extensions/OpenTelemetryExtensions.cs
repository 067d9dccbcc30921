using MangaAssist.Aws.Extensions;
using MangaAssist.Orchestrator.Diagnostics;
using MangaAssist.ServiceDefaults.Telemetry;
using MangaAssist.SharedState.Redis;
using OpenTelemetry.Trace;

namespace MangaAssist.Orchestrator.Extensions;

public static class OpenTelemetryExtensions
{
    public const string ServiceName = "mangaassist-orchestrator";

    /// <summary>Name the shared-state connection carries in the Redis spans.</summary>
    private const string SharedStateConnection = "shared-state";

    /// <summary>
    /// The service defaults' telemetry (when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set) with the chat's own
    /// sources and meters, the Bedrock client's GenAI signals and Redis command spans.
    /// </summary>
    public static WebApplicationBuilder AddOpenTelemetryExport(this WebApplicationBuilder builder)
    {
        builder.AddServiceTelemetry(
            ServiceName,
            tracing => tracing
                .AddSource(ChatTelemetry.Name, BedrockChatTelemetry.SourceName)
                // Command names only: verbose statements would carry keys, and our keys hold session ids.
                .AddRedisInstrumentation(options => options.SetVerboseDatabaseStatements = false)
                .ConfigureRedisInstrumentation(static (services, redis) =>
                    services.GetRequiredService<RedisConnectionAnnouncer>().OnConnected(multiplexer => redis.AddConnection(SharedStateConnection, multiplexer))),
            metrics => metrics.AddMeter(ChatTelemetry.Name, CatalogTelemetry.Name, ResilienceTelemetry.Name, SharedStateTelemetry.MeterName, BedrockChatTelemetry.SourceName));
        return builder;
    }
}
