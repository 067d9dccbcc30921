namespace MangaAssist.LocalEdge.Stack.Page;

/// <summary>Wiring a stack for a chat page served from another origin.</summary>
public static class ChatPageStackExtensions
{
    /// <summary>
    /// Lets a page at <paramref name="pageUrl"/> fetch tokens cross-origin: CORS on the dev issuer's <c>POST /tokens</c>
    /// and on the service's <c>POST /v1/guest-tokens</c>. (WebSockets need no CORS.)
    /// </summary>
    public static LoopbackStackBuilder AllowPageOrigin(this LoopbackStackBuilder builder, Uri pageUrl)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(pageUrl);
        var origin = pageUrl.GetLeftPart(UriPartial.Authority);
        return builder
            .ForIssuer($"--TokenIssuer:AllowedOrigins:0={origin}")
            .ForService($"--Identity:Guests:AllowedOrigins:0={origin}");
    }

    /// <summary>The page settings for <paramref name="stack"/>: its main gateway and its token issuer.</summary>
    public static ChatPageSettings ChatPageSettings(this LoopbackStack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        return new ChatPageSettings(stack.WebSocketUrl, new Uri(stack.IssuerUrl, "/tokens"), Page.ChatPageSettings.StoreLinkHosts);
    }
}
