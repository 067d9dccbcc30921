using System.Net.Http.Headers;
using MangaAssist.Aws.Credentials;
using MangaAssist.Aws.Http;
using MangaAssist.Aws.Signing;

namespace MangaAssist.Retrieval.OpenSearch;

/// <summary>
/// Signed HTTP to one OpenSearch endpoint over one pooled keep-alive <see cref="HttpClient"/>. SigV4 with service
/// <c>es</c> or <c>aoss</c>; for <c>aoss</c> the payload hash is also sent and signed as <c>x-amz-content-sha256</c>,
/// which OpenSearch Serverless requires. Unlike the Bedrock transport it signs query strings (<c>?search_pipeline=</c>).
/// </summary>
internal sealed class OpenSearchTransport : IDisposable
{
    private readonly HttpClient _client;
    private readonly SigV4Signer _signer;
    private readonly IAwsCredentialsSource _credentials;
    private readonly TimeProvider _time;

    public OpenSearchTransport(HttpClient client, AwsEndpoint endpoint, SigV4Signer signer, IAwsCredentialsSource credentials, TimeProvider time)
    {
        _client = client;
        Endpoint = endpoint;
        _signer = signer;
        _credentials = credentials;
        _time = time;
    }

    public AwsEndpoint Endpoint { get; }

    public static SigV4SignerSettings SigningFor(string service, string region) =>
        new(service, region, SendContentSha256: string.Equals(service, "aoss", StringComparison.Ordinal));

    /// <param name="path">Percent-encoded path starting with <c>/</c>.</param>
    /// <param name="query">Percent-encoded query without <c>?</c>, or empty.</param>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string query, ReadOnlyMemory<byte> body, string? contentType, CancellationToken cancellationToken)
    {
        var credentials = await _credentials.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
        var fullPath = Endpoint.BasePath + path;
        var signature = _signer.Sign(new SigV4Request(method.Method, Endpoint.Host, fullPath, query, default, body.Span), credentials, _time.GetUtcNow());

        using var request = new HttpRequestMessage(method, new Uri(Endpoint.Origin + fullPath + (query.Length > 0 ? "?" + query : string.Empty), UriKind.Absolute));
        request.Headers.TryAddWithoutValidation("X-Amz-Date", signature.AmzDate);
        request.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);
        if (signature.SecurityToken is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", signature.SecurityToken);
        }

        if (signature.ContentSha256 is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Content-Sha256", signature.ContentSha256);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (contentType is not null)
        {
            request.Content = new ReadOnlyMemoryContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        return await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _client.Dispose();
}
