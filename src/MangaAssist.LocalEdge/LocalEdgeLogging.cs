namespace MangaAssist.LocalEdge;

/// <summary>
/// One console for four apps: every app writes one JSON object a line (the service's production format), and the
/// framework's per-request lines stay at Warning, so a chat costs a couple of lines, not hundreds. Given before the
/// person's own arguments, which therefore win (e.g. <c>--Logging:LogLevel:Microsoft.AspNetCore=Information</c>).
/// </summary>
internal static class LocalEdgeLogging
{
    public static readonly string[] Defaults =
    [
        "--Logging:Console:FormatterName=json",
        "--Logging:LogLevel:Default=Information",
        "--Logging:LogLevel:Microsoft.AspNetCore=Warning",
        "--Logging:LogLevel:Microsoft.Extensions.Http=Warning",
        "--Logging:LogLevel:System.Net.Http.HttpClient=Warning",
        "--Logging:LogLevel:Polly=Warning",
    ];
}
