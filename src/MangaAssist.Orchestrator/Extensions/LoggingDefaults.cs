using Microsoft.Extensions.Configuration.Memory;

namespace MangaAssist.Orchestrator.Extensions;

/// <summary>
/// The service's default log levels: our own events at Information (a couple of lines per answer), the framework's
/// per-request lines (ASP.NET Core request and routing logs, every outbound HttpClient call to Bedrock and
/// <c>@connections</c>, resilience attempts) at Warning. They are the lowest-priority configuration source, so any
/// <c>Logging:LogLevel:*</c> in appsettings, the environment or the command line still wins.
/// </summary>
public static class LoggingDefaults
{
    public static IReadOnlyDictionary<string, string?> Levels { get; } = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.Extensions.Http"] = "Warning",
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
        ["Logging:LogLevel:Polly"] = "Warning",
    };

    public static WebApplicationBuilder AddQuietLoggingDefaults(this WebApplicationBuilder builder)
    {
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Levels });
        return builder;
    }
}
