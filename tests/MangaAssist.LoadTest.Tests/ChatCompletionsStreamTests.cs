using System.Net;
using System.Net.Sockets;
using System.Text;
using MangaAssist.LoadTest.Peers;

namespace MangaAssist.LoadTest.Tests;

/// <summary>The Portkey client over real HTTP on loopback: a listener plays Portkey, answering with a captured stream.</summary>
public sealed class ChatCompletionsStreamTests
{
    private static readonly Uri Bedrock = new("http://127.0.0.1:28895/");

    [Fact]
    public async Task AskAsync_SendsTheBedrockRoutingHeadersAndReadsTheStreamToDone()
    {
        using var portkey = new FakePortkey();
        var serving = portkey.AnswerOnceAsync(200,
            """data: {"choices":[{"index":0,"delta":{"role":"assistant"},"finish_reason":null}]}""" + "\n\n" +
            """data: {"choices":[{"index":0,"delta":{"role":"assistant","content":"漫画 "},"finish_reason":null}]}""" + "\n\n" +
            """data: {"choices":[{"index":0,"delta":{"role":"assistant","content":"です"},"finish_reason":null}]}""" + "\n\n" +
            """data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""" + "\n\ndata: [DONE]\n\n");
        using var http = ChatCompletionsStream.CreateClient();

        var answer = await ChatCompletionsStream.AskAsync(http, portkey.Url, Bedrock, "おすすめは？ [[ttft:300]] #lt-x-1-1#", TimeSpan.FromSeconds(20), CancellationToken.None);
        var request = await serving;

        answer.Terminal.ShouldBe(StreamedAnswer.Done);
        answer.Text.ShouldBe("漫画 です");
        answer.FirstDeltaAt.ShouldNotBeNull();
        request.Path.ShouldBe("/v1/chat/completions");
        request.Headers["x-portkey-provider"].ShouldBe("bedrock");
        request.Headers["x-portkey-custom-host"].ShouldBe("http://127.0.0.1:28895");
        request.Headers["x-portkey-aws-access-key-id"].ShouldNotBeNullOrEmpty();
        request.Body.ShouldContain("\"stream\":true");
        request.Body.ShouldContain(ChatCompletionsStream.ModelId);
        request.Body.ShouldContain("#lt-x-1-1#");
    }

    [Fact]
    public async Task AskAsync_ARefusal_IsAnErrorWithTheStatus()
    {
        using var portkey = new FakePortkey();
        var serving = portkey.AnswerOnceAsync(502, """{"status":"failure","message":"upstream"}""");
        using var http = ChatCompletionsStream.CreateClient();

        var answer = await ChatCompletionsStream.AskAsync(http, portkey.Url, Bedrock, "q", TimeSpan.FromSeconds(20), CancellationToken.None);
        await serving;

        answer.Terminal.ShouldBe(StreamedAnswer.Error);
        answer.ErrorCode.ShouldBe("502");
    }

    private sealed record SeenRequest(string Path, WebHeaderCollection Headers, string Body);

    private sealed class FakePortkey : IDisposable
    {
        private readonly HttpListener _listener = new();

        public FakePortkey()
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Url = new Uri($"http://127.0.0.1:{port}/");
            _listener.Prefixes.Add(Url.ToString());
            _listener.Start();
        }

        public Uri Url { get; }

        public async Task<SeenRequest> AnswerOnceAsync(int status, string body)
        {
            var context = await _listener.GetContextAsync();
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var seen = new SeenRequest(context.Request.Url!.AbsolutePath, (WebHeaderCollection)context.Request.Headers, await reader.ReadToEndAsync());
            context.Response.StatusCode = status;
            context.Response.ContentType = status == 200 ? "text/event-stream" : "application/json";
            var bytes = Encoding.UTF8.GetBytes(body);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
            return seen;
        }

        public void Dispose() => _listener.Close();
    }
}
