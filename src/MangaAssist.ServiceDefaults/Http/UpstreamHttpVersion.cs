namespace MangaAssist.ServiceDefaults.Http;

/// <summary>The HTTP version an upstream's requests use (<c>{Section}:HttpVersion</c>).</summary>
public enum UpstreamHttpVersion
{
    /// <summary>
    /// HTTP/2 where it can be negotiated: over <c>https</c> offered through ALPN, falling back to HTTP/1.1 when the
    /// endpoint does not take it; over cleartext <c>http</c>, where nothing can be negotiated, HTTP/1.1.
    /// </summary>
    Auto,

    /// <summary>HTTP/1.1: a connection carries one request at a time, so a streamed answer holds a connection of its own.</summary>
    Http11,

    /// <summary>
    /// HTTP/2 only: many requests share a connection (another opens when the server's stream limit is reached). Over
    /// <c>https</c> through ALPN, over cleartext <c>http</c> with prior knowledge; an endpoint that does not speak it
    /// fails the request. Both local emulators speak it, and the local stacks set it.
    /// </summary>
    Http2,
}
