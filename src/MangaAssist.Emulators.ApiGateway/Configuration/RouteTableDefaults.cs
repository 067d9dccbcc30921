namespace MangaAssist.Emulators.ApiGateway.Configuration;

/// <summary>The route table of docs/architecture.md, mirrored by container/apigateway/template.yaml.</summary>
public static class RouteTableDefaults
{
    public const string Connect = "$connect";
    public const string Disconnect = "$disconnect";
    public const string Default = "$default";

    public static IReadOnlyDictionary<string, string> Routes { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Connect] = "/routes/connect",
        [Disconnect] = "/routes/disconnect",
        ["sendMessage"] = "/routes/sendMessage",
        ["analyze"] = "/routes/analyze",
        ["cancel"] = "/routes/cancel",
        ["resume"] = "/routes/resume",
        ["forget"] = "/routes/forget",
        [Default] = "/routes/default",
    };
}
