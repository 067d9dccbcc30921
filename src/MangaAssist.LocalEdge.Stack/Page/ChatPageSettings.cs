namespace MangaAssist.LocalEdge.Stack.Page;

/// <summary>What the served page's generated <c>config.json</c> says, and the origins its CSP lets it connect to.</summary>
/// <param name="GatewayUrl">The WebSocket URL the page connects to (<c>ws://…</c>).</param>
/// <param name="TokenEndpoint">Where the page asks for a guest token (the dev issuer's <c>POST /tokens</c>).</param>
/// <param name="AllowedLinkHosts">Hosts the page may link to from answers and product cards.</param>
public sealed record ChatPageSettings(Uri GatewayUrl, Uri TokenEndpoint, IReadOnlyList<string> AllowedLinkHosts)
{
    /// <summary>The catalog's product pages live here.</summary>
    public static IReadOnlyList<string> StoreLinkHosts { get; } = ["store.mangaassist.example"];
}
