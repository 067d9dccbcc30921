using System.Text;
using BenchmarkDotNet.Attributes;
using MangaAssist.Aws.Credentials;
using MangaAssist.Aws.Signing;

namespace MangaAssist.Benchmarks;

/// <summary>SigV4 header signing of the two calls the service makes per answer: ConverseStream and an @connections post.</summary>
[ShortJob]
public class SigV4SigningBenchmarks
{
    private readonly SigV4Signer _bedrock = new(new SigV4SignerSettings("bedrock", "ap-northeast-1"));
    private readonly SigV4Signer _executeApi = new(new SigV4SignerSettings("execute-api", "ap-northeast-1"));
    private readonly AwsCredentials _credentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "session-token-example");
    private readonly DateTimeOffset _now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private readonly SigningHeader[] _headers = [new("content-type", "application/json")];
    private byte[] _conversePayload = [];
    private byte[] _framePayload = [];

    [GlobalSetup]
    public void Setup()
    {
        _conversePayload = Encoding.UTF8.GetBytes(
            $$$"""{"messages":[{"role":"user","content":[{"text":"{{{new string('x', 1500)}}}"}]}],"system":[{"text":"{{{new string('y', 800)}}}"}],"inferenceConfig":{"maxTokens":1024}}""");
        _framePayload = Encoding.UTF8.GetBytes("""{"type":"delta","requestId":"c-7f3a9","seq":17,"text":"おすすめは「葬送のフリーレン」です。"}""");
    }

    [Benchmark]
    public string SignConverseStream() =>
        _bedrock.Sign(
            new SigV4Request("POST", "bedrock-runtime.ap-northeast-1.amazonaws.com", "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream", "", _headers, _conversePayload),
            _credentials,
            _now).Authorization;

    [Benchmark]
    public string SignConnectionsPost() =>
        _executeApi.Sign(
            new SigV4Request("POST", "abc123.execute-api.ap-northeast-1.amazonaws.com", "/prod/%40connections/J4bXxcYZNjMCFlg%3D", "", _headers, _framePayload),
            _credentials,
            _now).Authorization;
}
