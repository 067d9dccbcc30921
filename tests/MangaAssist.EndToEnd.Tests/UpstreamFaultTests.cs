using MangaAssist.EndToEnd.Tests.Support;
using Shouldly;

namespace MangaAssist.EndToEnd.Tests;

/// <summary>
/// With retries switched off, each Bedrock failure reaches the client as a typed error frame and a
/// broken stream is never "done". (Recovery is in <see cref="RecoveryTests"/>.)
/// </summary>
public sealed class UpstreamFaultTests(NoRetryEdge edge) : IClassFixture<NoRetryEdge>
{
    [Theory]
    [InlineData("[[fault:503]]", "model_unavailable", true)]
    [InlineData("[[fault:429]]", "throttled", true)]
    [InlineData("[[fault:500]]", "model_unavailable", true)]
    public async Task HttpErrorBeforeTheStream_IsATypedRetryableErrorWithNoText(string marker, string code, bool retryable)
    {
        await using var socket = await edge.Stack.ConnectAsync();
        var requestId = "f-" + code + marker.Length;

        await socket.AskAsync(requestId, $"Hello {marker}");
        var answer = (await socket.ReadAnswerAsync(requestId)).ShouldKeepTheProtocolPromises();

        answer.Frames.Select(f => f.Type).ShouldBe(["start", "error"]);
        answer.Terminal.Code.ShouldBe(code);
        answer.Terminal.Retryable.ShouldBe(retryable);
        answer.Terminal.Partial.ShouldBe(false);
        answer.Terminal.Json.GetProperty("retryAfterMs").GetInt32().ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData("stream-error")]
    [InlineData("stream-throttle")]
    [InlineData("reset")]
    public async Task StreamBreakingAfterSomeTokens_EndsInAPartialErrorWithExactlyTheTextProduced(string fault)
    {
        await using var socket = await edge.Stack.ConnectAsync();
        var tag = $"tag-break-{fault}";

        await socket.AskAsync(fault, $"Tell me a story [[tokens:50]] [[fault:{fault}:10]] {tag}");
        var answer = (await socket.ReadAnswerAsync(fault)).ShouldKeepTheProtocolPromises();

        answer.Terminal.Type.ShouldBe("error");
        answer.Terminal.Code.ShouldBeOneOf("stream_interrupted", "throttled");
        answer.Terminal.Partial.ShouldBe(true);
        answer.Terminal.Retryable.ShouldBe(true);
        var transcript = (await edge.Stack.TranscriptAsync(tag));
        answer.Text.ShouldBe(transcript.SentText);
        answer.Text.Length.ShouldBeLessThan(transcript.Text.Length);
    }

    [Fact]
    public async Task StalledStream_EndsWithAModelTimeoutAfterTheIdleTimeout()
    {
        await using var stack = await EdgeStack.StartAsync(service: ["--Routes:SendMessage:IdleTimeout=00:00:00.5", "--Resilience:MaxAttempts=1"]);
        await using var socket = await stack.ConnectAsync();

        await socket.AskAsync("stall-1", "Hello [[tokens:50]] [[fault:stall:5]] tag-stall");
        var answer = (await socket.ReadAnswerAsync("stall-1")).ShouldKeepTheProtocolPromises();

        answer.Terminal.Code.ShouldBe("model_timeout");
        answer.Terminal.Partial.ShouldBe(true);
        answer.Text.ShouldBe((await stack.TranscriptAsync("tag-stall")).SentText);
    }
}
