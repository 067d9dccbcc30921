using System.Text.Json.Serialization;

namespace MangaAssist.LocalEdge.Stack.Page;

/// <summary>The page's <c>config.json</c>, in the shape clients/web/app.js reads.</summary>
internal sealed record ChatPageConfig(
    [property: JsonPropertyName("gatewayUrl")] string GatewayUrl,
    [property: JsonPropertyName("tokenEndpoint")] string TokenEndpoint,
    [property: JsonPropertyName("tokenRequest")] ChatPageTokenRequest TokenRequest,
    [property: JsonPropertyName("allowedLinkHosts")] IReadOnlyList<string> AllowedLinkHosts)
{
    public static ChatPageConfig From(ChatPageSettings settings) =>
        new(settings.GatewayUrl.ToString(), settings.TokenEndpoint.ToString(), new ChatPageTokenRequest(true), settings.AllowedLinkHosts);
}

/// <summary>The body the page posts to the token endpoint: a guest, as a shopper who has not signed in.</summary>
internal sealed record ChatPageTokenRequest([property: JsonPropertyName("guest")] bool Guest);
