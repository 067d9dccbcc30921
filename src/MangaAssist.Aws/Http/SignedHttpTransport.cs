using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using MangaAssist.Aws.Credentials;
using MangaAssist.Aws.Signing;
using MangaAssist.ServiceDefaults.Http;

namespace MangaAssist.Aws.Http;

/// <summary>One upstream: its pooled client, its endpoint, and SigV4 signing of every request sent to it.</summary>
internal sealed class SignedHttpTransport : IDisposable
{
    private readonly HttpMessageInvoker _client;
    private readonly SigV4Signer _signer;
    private readonly IAwsCredentialsSource _credentials;
    private readonly TimeProvider _time;
    private readonly UpstreamRequestVersion _version;

    /// <param name="client">
    /// The pool: an <see cref="HttpMessageInvoker"/> from <see cref="UpstreamHttpClientFactory.CreateInvoker"/>, or an
    /// <see cref="HttpClient"/> (then its own SendAsync, with the completion option, is used).
    /// </param>
    /// <param name="version">The HTTP version of every request; HTTP/1.1 when not given.</param>
    public SignedHttpTransport(HttpMessageInvoker client, AwsEndpoint endpoint, SigV4Signer signer, IAwsCredentialsSource credentials, TimeProvider time, UpstreamRequestVersion? version = null)
    {
        _client = client;
        _version = version ?? UpstreamRequestVersion.Http11;
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
    public ValueTask<HttpResponseMessage> SendAsync(
        HttpMethod method,
        string relativePath,
        string query,
        ReadOnlyMemory<byte> body,
        MediaTypeHeaderValue? contentType,
        MediaTypeWithQualityHeaderValue? accept,
        HttpCompletionOption completion,
        CancellationToken cancellationToken) =>
        SendAsync(method, Target(relativePath, query), body, contentType, accept, completion, cancellationToken);

    /// <summary>The target of <paramref name="relativePath"/> (percent-encoded, starting with <c>/</c>) on this endpoint, to reuse.</summary>
    public RequestTarget Target(string relativePath, string query = "")
    {
        var path = Endpoint.BasePath.Length == 0 ? relativePath : Endpoint.BasePath + relativePath;
        return new RequestTarget(path, query, Endpoint.CreateUri(query.Length == 0 ? path : path + "?" + query));
    }

    /// <summary>Signs and sends a request to a target built by <see cref="Target"/>.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<HttpResponseMessage> SendAsync(
        HttpMethod method,
        RequestTarget target,
        ReadOnlyMemory<byte> body,
        MediaTypeHeaderValue? contentType,
        MediaTypeWithQualityHeaderValue? accept,
        HttpCompletionOption completion,
        CancellationToken cancellationToken)
    {
        var credentials = await _credentials.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
        var signature = _signer.Sign(
            new SigV4Request(method.Method, Endpoint.Host, target.Path, target.Query, default, body.Span),
            credentials,
            _time.GetUtcNow());

        using var request = new HttpRequestMessage(method, target.Uri) { Version = _version.Version, VersionPolicy = _version.Policy };
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

        if (_client is HttpClient client)
        {
            return await client.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }

        // The handler returns once the headers are in, as HttpClient does for ResponseHeadersRead.
        var response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (completion == HttpCompletionOption.ResponseContentRead)
        {
            try
            {
                await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }

        return response;
    }

    public void Dispose() => _client.Dispose();
}
