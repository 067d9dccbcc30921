using System.Net.Http.Headers;
using MangaAssist.Aws.Credentials;
using MangaAssist.Aws.Signing;

namespace MangaAssist.Aws.Http;

/// <summary>One upstream: its pooled client, its endpoint, and SigV4 signing of every request sent to it.</summary>
internal sealed class SignedHttpTransport : IDisposable
{
    private readonly HttpClient _client;
    private readonly SigV4Signer _signer;
    private readonly IAwsCredentialsSource _credentials;
    private readonly TimeProvider _time;

    public SignedHttpTransport(HttpClient client, AwsEndpoint endpoint, SigV4Signer signer, IAwsCredentialsSource credentials, TimeProvider time)
    {
        _client = client;
        Endpoint = endpoint;
        _signer = signer;
        _credentials = credentials;
        _time = time;
    }

    public AwsEndpoint Endpoint { get; }

    public TimeProvider Time => _time;

    /// <summary>Signs and sends a request. <paramref name="relativePath"/> is percent-encoded and starts with <c>/</c>.</summary>
    public ValueTask<HttpResponseMessage> SendAsync(
        HttpMethod method,
        string relativePath,
        ReadOnlyMemory<byte> body,
        MediaTypeHeaderValue? contentType,
        MediaTypeWithQualityHeaderValue? accept,
        HttpCompletionOption completion,
        CancellationToken cancellationToken) =>
        SendAsync(method, relativePath, string.Empty, body, contentType, accept, completion, cancellationToken);

    /// <summary>
    /// Signs and sends a request with a query string. <paramref name="relativePath"/> is percent-encoded
    /// and starts with <c>/</c>; <paramref name="query"/> is percent-encoded, without <c>?</c>, and signed too.
    /// </summary>
    public async ValueTask<HttpResponseMessage> SendAsync(
        HttpMethod method,
        string relativePath,
        string query,
        ReadOnlyMemory<byte> body,
        MediaTypeHeaderValue? contentType,
        MediaTypeWithQualityHeaderValue? accept,
        HttpCompletionOption completion,
        CancellationToken cancellationToken)
    {
        var credentials = await _credentials.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
        var path = Endpoint.BasePath.Length == 0 ? relativePath : Endpoint.BasePath + relativePath;
        var signature = _signer.Sign(
            new SigV4Request(method.Method, Endpoint.Host, path, query, default, body.Span),
            credentials,
            _time.GetUtcNow());

        using var request = new HttpRequestMessage(method, Endpoint.CreateUri(query.Length == 0 ? path : path + "?" + query));
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

        if (accept is not null)
        {
            request.Headers.Accept.Add(accept);
        }

        if (contentType is not null || !body.IsEmpty)
        {
            request.Content = new ReadOnlyMemoryContent(body);
            request.Content.Headers.ContentType = contentType;
        }

        return await _client.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _client.Dispose();
}
