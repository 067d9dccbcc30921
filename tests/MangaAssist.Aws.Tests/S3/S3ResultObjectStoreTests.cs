using Amazon.Runtime;
using MangaAssist.Aws.S3;
using Shouldly;
using Xunit;

namespace MangaAssist.Aws.Tests.S3;

public sealed class S3ResultObjectStoreTests
{
    private static S3ResultObjectStore CreateSut(string serviceUrl)
    {
        var options = new S3ResultOptions { Bucket = "results", ServiceUrl = new Uri(serviceUrl), ForcePathStyle = true, Region = "ap-northeast-1" };
        return new S3ResultObjectStore(S3ResultObjectStore.CreateClient(new BasicAWSCredentials("AKIDEXAMPLE", "secret"), options), options);
    }

    [Fact]
    public void PresignGet_ForAnHttpEndpoint_IsAnHttpPathStyleSigV4UrlWithTheExpiry()
    {
        using var sut = CreateSut("http://127.0.0.1:4568");
        var expiresAt = DateTimeOffset.UtcNow.AddMinutes(15);

        var url = sut.PresignGet("analyses/u_1/job.txt", expiresAt);

        url.Scheme.ShouldBe("http");
        url.Authority.ShouldBe("127.0.0.1:4568");
        url.AbsolutePath.ShouldBe("/results/analyses/u_1/job.txt");
        url.Query.ShouldContain("X-Amz-Algorithm=AWS4-HMAC-SHA256");
        url.Query.ShouldContain("X-Amz-Credential=AKIDEXAMPLE%2F");
        url.Query.ShouldContain("%2Fap-northeast-1%2Fs3%2Faws4_request");
        url.Query.ShouldMatch("X-Amz-Expires=(899|900)");
        url.Query.ShouldMatch("X-Amz-Signature=[0-9a-f]{64}");
    }

    [Fact]
    public void PresignGet_ForAnHttpsEndpoint_StaysHttps()
    {
        using var sut = CreateSut("https://s3.ap-northeast-1.amazonaws.com");

        sut.PresignGet("k.txt", DateTimeOffset.UtcNow.AddMinutes(5)).Scheme.ShouldBe("https");
    }
}
