namespace MangaAssist.ServiceDefaults.Configuration;

/// <summary>The address rule every endpoint setting shares: absolute, and http or https.</summary>
public static class HttpUrls
{
    public static bool IsAbsoluteHttp(Uri? uri) =>
        uri is { IsAbsoluteUri: true } && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    public static bool IsAbsoluteHttp(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && IsAbsoluteHttp(uri);
}
