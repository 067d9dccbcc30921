namespace MangaAssist.Aws.Signing;

/// <summary>
/// The parts of an HTTP request that SigV4 covers. <see cref="Path"/> and <see cref="Query"/> are taken
/// exactly as they travel on the wire (already percent-encoded once by the caller).
/// </summary>
internal readonly ref struct SigV4Request
{
    public SigV4Request(string method, string host, ReadOnlySpan<char> path, ReadOnlySpan<char> query, ReadOnlySpan<SigningHeader> headers, ReadOnlySpan<byte> payload)
    {
        Method = method;
        Host = host;
        Path = path;
        Query = query;
        Headers = headers;
        Payload = payload;
    }

    public string Method { get; }

    /// <summary>Host header value: host name, plus <c>:port</c> when the port is not the scheme's default.</summary>
    public string Host { get; }

    public ReadOnlySpan<char> Path { get; }

    /// <summary>Query string without the leading <c>?</c>; empty when there is none.</summary>
    public ReadOnlySpan<char> Query { get; }

    /// <summary>Headers to sign besides <c>host</c>, <c>x-amz-date</c> and <c>x-amz-security-token</c>, which the signer adds.</summary>
    public ReadOnlySpan<SigningHeader> Headers { get; }

    public ReadOnlySpan<byte> Payload { get; }
}
