namespace MangaAssist.Emulators.ApiGateway.Configuration;

/// <summary>The <c>$connect</c> request parameters of the deployed API: the shopper's token travels as a header, not in a URL.</summary>
public static class RequestParameterDefaults
{
    /// <summary>The integration header the service reads the token from (no "Bearer " prefix).</summary>
    public const string TokenHeader = "X-MangaAssist-Token";

    /// <summary>The query parameter a browser can set on a WebSocket URL.</summary>
    public const string TokenQueryParameter = "token";

    public static IReadOnlyDictionary<string, string> Connect { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["integration.request.header." + TokenHeader] = "route.request.querystring." + TokenQueryParameter,
    };
}
