using System.Text;
using MangaAssist.Aws.Credentials;
using MangaAssist.Aws.Signing;
using Shouldly;
using Xunit;

namespace MangaAssist.Aws.Tests.Signing;

public sealed class SigV4SignerTests
{
    private static readonly AwsCredentials Keys = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null);
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void ExecuteApiDoubleEncodesTheWirePathOfAConnectionId()
    {
        var trace = Sign(new SigV4SignerSettings("execute-api", "ap-northeast-1"), "/prod/@connections/L0SM9cOFvHcCIhw%3D");

        trace.CanonicalRequest.Split('\n')[1].ShouldBe("/prod/%40connections/L0SM9cOFvHcCIhw%253D");
        trace.StringToSign.Split('\n')[2].ShouldBe("20261121/ap-northeast-1/execute-api/aws4_request");
    }

    [Fact]
    public void BedrockDoubleEncodesTheEscapedModelId()
    {
        var trace = Sign(new SigV4SignerSettings("bedrock", "us-east-1"), "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream");

        trace.CanonicalRequest.Split('\n')[1].ShouldBe("/model/anthropic.claude-3-haiku-20240307-v1%253A0/converse-stream");
    }

    [Fact]
    public void S3StyleSigningUsesTheWirePathAsIs()
    {
        var trace = Sign(new SigV4SignerSettings("s3", "us-east-1", DoubleEncodePath: false, NormalizePath: false), "/bucket/my%20key//a");

        trace.CanonicalRequest.Split('\n')[1].ShouldBe("/bucket/my%20key//a");
    }

    [Fact]
    public void TheSameInputsAlwaysGiveTheSameSignatureAndADifferentDayADifferentOne()
    {
        var settings = new SigV4SignerSettings("bedrock", "us-east-1");
        var signer = new SigV4Signer(settings);

        var first = signer.Sign(new SigV4Request("POST", "bedrock-runtime.us-east-1.amazonaws.com", "/model/m/converse", default, default, "{}"u8), Keys, Now);
        var second = signer.Sign(new SigV4Request("POST", "bedrock-runtime.us-east-1.amazonaws.com", "/model/m/converse", default, default, "{}"u8), Keys, Now);
        var nextDay = signer.Sign(new SigV4Request("POST", "bedrock-runtime.us-east-1.amazonaws.com", "/model/m/converse", default, default, "{}"u8), Keys, Now.AddDays(1));

        second.ShouldBe(first);
        nextDay.Authorization.ShouldNotBe(first.Authorization);
        nextDay.Authorization.ShouldContain("Credential=AKIDEXAMPLE/20261122/us-east-1/bedrock/aws4_request");
        first.SecurityToken.ShouldBeNull();
        first.Authorization.ShouldContain("SignedHeaders=host;x-amz-date,");
    }

    [Fact]
    public void SigningAFrameAllocatesLittleMoreThanTheAuthorizationHeaderItself()
    {
        var signer = new SigV4Signer(new SigV4SignerSettings("execute-api", "us-east-1"));
        var keys = Keys with { SessionToken = "session-token" };
        var frame = new byte[2048];
        for (var i = 0; i < 10; i++)
        {
            signer.Sign(new SigV4Request("POST", "abc123.execute-api.us-east-1.amazonaws.com", "/prod/@connections/L0SM9cOFvHcCIhw%3D", default, default, frame), keys, Now);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var authorizationLength = 0;
        for (var i = 0; i < 100; i++)
        {
            var signature = signer.Sign(new SigV4Request("POST", "abc123.execute-api.us-east-1.amazonaws.com", "/prod/@connections/L0SM9cOFvHcCIhw%3D", default, default, frame), keys, Now);
            authorizationLength = signature.Authorization.Length;
        }

        var perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / 100;
        // The Authorization string is the one allocation a signature needs (UTF-16, plus the string header).
        perCall.ShouldBeLessThanOrEqualTo((authorizationLength * 2) + 64);
    }

    private static SigV4Trace Sign(SigV4SignerSettings settings, string path)
    {
        var trace = new SigV4Trace();
        new SigV4Signer(settings).Sign(new SigV4Request("POST", "example.amazonaws.com", path, default, default, Encoding.UTF8.GetBytes("x")), Keys, Now, trace);
        return trace;
    }
}
