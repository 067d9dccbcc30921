using System.Net;

namespace MangaAssist.ServiceDefaults.Http;

/// <summary>What an upstream's requests carry as <see cref="HttpRequestMessage.Version"/> and <see cref="HttpRequestMessage.VersionPolicy"/>.</summary>
public readonly record struct UpstreamRequestVersion(Version Version, HttpVersionPolicy Policy)
{
    /// <summary>HTTP/1.1, or lower: what a new <see cref="HttpRequestMessage"/> carries.</summary>
    public static UpstreamRequestVersion Http11 { get; } = new(HttpVersion.Version11, HttpVersionPolicy.RequestVersionOrLower);

    /// <summary>HTTP/2 only: through ALPN over TLS, with prior knowledge in cleartext.</summary>
    public static UpstreamRequestVersion Http2Only { get; } = new(HttpVersion.Version20, HttpVersionPolicy.RequestVersionExact);

    /// <summary>HTTP/2 if the TLS handshake agrees on it, else HTTP/1.1.</summary>
    public static UpstreamRequestVersion Http2OrLower { get; } = new(HttpVersion.Version20, HttpVersionPolicy.RequestVersionOrLower);

    /// <summary>The request version for <paramref name="version"/> to <paramref name="endpoint"/>.</summary>
    public static UpstreamRequestVersion For(UpstreamHttpVersion version, Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return version switch
        {
            // Cleartext has no ALPN and HttpClient does not upgrade: HTTP/2 there is prior knowledge, which only an
            // endpoint known to speak it should get.
            UpstreamHttpVersion.Auto => endpoint.Scheme == Uri.UriSchemeHttps ? Http2OrLower : Http11,
            UpstreamHttpVersion.Http11 => Http11,
            UpstreamHttpVersion.Http2 => Http2Only,
            _ => throw new ArgumentOutOfRangeException(nameof(version), version, "Unknown HTTP version."),
        };
    }
}
