using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using MangaAssist.Aws.Credentials;
using MangaAssist.Aws.Http;
using MangaAssist.Aws.Signing;
using MangaAssist.Retrieval.OpenSearch;
using MangaAssist.Retrieval.Tests.Support;

namespace MangaAssist.Retrieval.Tests.OpenSearch;

/// <summary>
/// SigV4 as OpenSearch needs it. The signer itself is verified against AWS's test suite in MangaAssist.Aws.Tests;
/// here: the service name in the scope, x-amz-content-sha256 for aoss, the payload hash, the signed query string,
/// and a signature recomputed independently from what went on the wire.
/// </summary>
public class OpenSearchSigningTests
{
    private static readonly AwsCredentials Credentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "session-token-example");
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 30, 45, TimeSpan.Zero);
    private static readonly float[] QueryVector = [0.5f, 0.5f];
    private static readonly float[] DocumentVector = [1f, 0f];

    [Fact]
    public async Task Serverless_SignsAsAossWithTheContentHashHeader()
    {
        var (client, handler) = Create(OpenSearchRequestsTests.Serverless);

        await client.SearchAsync("紅の刃", QueryVector, 5, null, CancellationToken.None);

        var request = handler.Requests.Single();
        var authorization = request.Headers["authorization"];
        authorization.ShouldStartWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261121/us-east-1/aoss/aws4_request, SignedHeaders=");
        SignedHeaders(authorization).ShouldBe(["host", "x-amz-content-sha256", "x-amz-date", "x-amz-security-token"]);
        request.Headers["x-amz-content-sha256"].ShouldBe(Sha256Hex(request.Body));
        request.Headers["x-amz-date"].ShouldBe("20261121T123045Z");
        request.Uri.Query.ShouldBe("?search_pipeline=manga-hybrid");
        Signature(authorization).ShouldBe(ExpectedSignature(request, "aoss"));
    }

    [Fact]
    public async Task ManagedDomain_SignsAsEsWithoutTheContentHashHeader()
    {
        var (client, handler) = Create(OpenSearchRequestsTests.Managed);

        await client.SearchAsync("crimson", QueryVector, 5, null, CancellationToken.None);

        var request = handler.Requests.Single();
        var authorization = request.Headers["authorization"];
        authorization.ShouldContain("/us-east-1/es/aws4_request");
        request.Headers.ShouldNotContainKey("x-amz-content-sha256");
        SignedHeaders(authorization).ShouldBe(["host", "x-amz-date", "x-amz-security-token"]);
        Signature(authorization).ShouldBe(ExpectedSignature(request, "es"));
    }

    [Fact]
    public async Task Bulk_SignsTheNdjsonPayload()
    {
        var (client, handler) = Create(OpenSearchRequestsTests.Serverless, """{"took":1,"errors":false,"items":[{"index":{"status":201}}]}""");

        var result = await client.BulkAsync(TestCatalog.Small().Take(1).ToList(), DocumentVector, 2, CancellationToken.None);

        result.Succeeded.ShouldBe(1);
        var request = handler.Requests.Single();
        request.Uri.AbsolutePath.ShouldBe("/_bulk");
        request.Headers["content-type"].ShouldStartWith("application/x-ndjson");
        request.Headers["x-amz-content-sha256"].ShouldBe(Sha256Hex(request.Body));
        Signature(request.Headers["authorization"]).ShouldBe(ExpectedSignature(request, "aoss"));
    }

    [Fact]
    public async Task CreateIndex_PutsTheMappingAndReportsErrors()
    {
        var (client, handler) = Create(OpenSearchRequestsTests.Managed, OpenSearchRequestsTests.Golden("response-error-index-not-found.json"), HttpStatusCode.BadRequest);

        var error = await Should.ThrowAsync<OpenSearchException>(() => client.CreateIndexAsync(1024, CancellationToken.None));

        error.StatusCode.ShouldBe(400);
        error.ErrorType.ShouldBe("index_not_found_exception");
        handler.Requests.Single().Method.ShouldBe(HttpMethod.Put);
        handler.Requests.Single().Uri.AbsolutePath.ShouldBe("/manga-products");
    }

    internal static (OpenSearchClient Client, CapturingHandler Handler) Create(OpenSearchRetrievalOptions options, string? response = null, HttpStatusCode status = HttpStatusCode.OK)
    {
        var handler = new CapturingHandler(_ => (status, response ?? OpenSearchRequestsTests.Golden("response-search.json")));
        var transport = new OpenSearchTransport(
            new HttpClient(handler),
            new AwsEndpoint(options.Endpoint!),
            new SigV4Signer(OpenSearchTransport.SigningFor(options.ResolveService(), options.Region)),
            new StaticCredentialsSource(Credentials),
            new FixedTime(Now));
        return (new OpenSearchClient(transport, options), handler);
    }

    private static string[] SignedHeaders(string authorization) =>
        authorization.Split(", ").Single(p => p.StartsWith("SignedHeaders=", StringComparison.Ordinal))["SignedHeaders=".Length..].Split(';');

    private static string Signature(string authorization) => authorization[(authorization.IndexOf("Signature=", StringComparison.Ordinal) + "Signature=".Length)..];

    /// <summary>SigV4 from scratch (AWS's documented algorithm) over the request as it was sent.</summary>
    private static string ExpectedSignature(CapturedRequest request, string service)
    {
        var signed = SignedHeaders(request.Headers["authorization"]);
        var canonicalHeaders = string.Concat(signed.Select(name => name + ":" + (name == "host" ? request.Uri.Authority : request.Headers[name].Trim()) + "\n"));
        var canonicalQuery = string.Join('&', request.Uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
        var canonical = string.Join('\n', request.Method.Method, request.Uri.AbsolutePath, canonicalQuery, canonicalHeaders, string.Join(';', signed), Sha256Hex(request.Body));
        var date = request.Headers["x-amz-date"];
        var scope = $"{date[..8]}/us-east-1/{service}/aws4_request";
        var stringToSign = $"AWS4-HMAC-SHA256\n{date}\n{scope}\n{Sha256Hex(Encoding.UTF8.GetBytes(canonical))}";
        var key = Encoding.UTF8.GetBytes("AWS4" + Credentials.SecretAccessKey);
        foreach (var part in new[] { date[..8], "us-east-1", service, "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }

    private static string Sha256Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
