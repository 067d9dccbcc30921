namespace MangaAssist.Aws.Http;

/// <summary>An upstream base address, split once into what every request needs.</summary>
internal sealed class AwsEndpoint
{
    public AwsEndpoint(Uri baseAddress)
    {
        if (!baseAddress.IsAbsoluteUri || (baseAddress.Scheme != Uri.UriSchemeHttp && baseAddress.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"'{baseAddress}' is not an absolute http(s) address.", nameof(baseAddress));
        }

        BaseAddress = baseAddress;
        Host = baseAddress.IsDefaultPort ? baseAddress.IdnHost : $"{baseAddress.IdnHost}:{baseAddress.Port}";
        BasePath = baseAddress.AbsolutePath.TrimEnd('/');
        Origin = $"{baseAddress.Scheme}://{baseAddress.Authority}";
    }

    public Uri BaseAddress { get; }

    /// <summary>Value of the Host header (and the signed <c>host</c>).</summary>
    public string Host { get; }

    /// <summary>Path prefix without a trailing slash (for example <c>/production</c>), empty when none.</summary>
    public string BasePath { get; }

    /// <summary><c>scheme://host[:port]</c>.</summary>
    public string Origin { get; }

    /// <summary>An absolute URI whose path is exactly <paramref name="encodedPath"/> (already percent-encoded).</summary>
    public Uri CreateUri(string encodedPath) => new(Origin + encodedPath, UriKind.Absolute);
}
