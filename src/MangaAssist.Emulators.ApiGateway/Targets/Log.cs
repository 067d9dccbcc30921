namespace MangaAssist.Emulators.ApiGateway.Targets;

/// <summary>The target group's log events (EventIds 100–119).</summary>
internal static partial class Log
{
    [LoggerMessage(100, LogLevel.Information, "Integration target {BaseUrl} is healthy again")]
    public static partial void TargetHealthy(ILogger logger, string baseUrl);

    [LoggerMessage(101, LogLevel.Warning, "Integration target {BaseUrl} is unhealthy ({Reason}); it gets no new calls")]
    public static partial void TargetUnhealthy(ILogger logger, string baseUrl, string reason);
}
