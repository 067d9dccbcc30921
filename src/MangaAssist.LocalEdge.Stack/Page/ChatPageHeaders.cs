using Microsoft.AspNetCore.Http;

namespace MangaAssist.LocalEdge.Stack.Page;

/// <summary>
/// The security headers of every page response: a CSP that allows only the page's own files and connections to the
/// configured gateway and token endpoint (no inline script or style, no framing), and no MIME sniffing.
/// </summary>
internal sealed class ChatPageHeaders
{
    private readonly string _policy;

    private ChatPageHeaders(string policy) => _policy = policy;

    public static ChatPageHeaders For(ChatPageSettings settings)
    {
        var gateway = settings.GatewayUrl.GetLeftPart(UriPartial.Authority);
        var tokens = settings.TokenEndpoint.GetLeftPart(UriPartial.Authority);
        return new ChatPageHeaders(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + $"connect-src 'self' {gateway} {tokens}; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    }

    public void ApplyTo(IHeaderDictionary headers)
    {
        headers.ContentSecurityPolicy = _policy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        // Local development: an edited file shows on the next reload.
        headers.CacheControl = "no-cache";
    }
}
