using System.Net.Http.Headers;
using MangaAssist.Aws.Credentials;
using MangaAssist.Aws.Http;
using MangaAssist.Aws.Signing;
using MangaAssist.ServiceDefaults.Http;

namespace MangaAssist.Retrieval.OpenSearch;

/// <summary>
/// Signed HTTP to one OpenSearch endpoint over one pooled keep-alive <see cref="HttpClient"/>. SigV4 with service
/// <c>es</c> or <c>aoss</c>; for <c>aoss</c> the payload hash is also sent and signed as <c>x-amz-content-sha256</c>,
/// which OpenSearch Serverless requires. The signing and sending are the shared <see cref="SignedHttpTransport"/>'s.
/// </summary>
internal sealed class OpenSearchTransport : IDisposable
{
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");

    private readonly SignedHttpTransport _transport;

    public OpenSearchTransport(HttpClient client, AwsEndpoint endpoint, SigV4Signer signer, IAwsCredentialsSource credentials, TimeProvider time, UpstreamRequestVersion? version = null) =>
        _transport = new SignedHttpTransport(client, endpoint, signer, credentials, time, version);

    public AwsEndpoint Endpoint => _transport.Endpoint;

    public static SigV4SignerSettings SigningFor(string service, string region) =>
        new(service, region, SendContentSha256: string.Equals(service, "aoss", StringComparison.Ordinal));

    /// <param name="path">Percent-encoded path starting with <c>/</c>.</param>
    /// <param name="query">Percent-encoded query without <c>?</c>, or empty.</param>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string query, ReadOnlyMemory<byte> body, string? contentType, CancellationToken cancellationToken) =>
        await _transport.SendAsync(method, path, query, body, contentType is null ? null : new MediaTypeHeaderValue(contentType), AcceptJson,
            HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);

    public void Dispose() => _transport.Dispose();
}
