using MangaAssist.EndToEnd.Tests.Support;
using Shouldly;

namespace MangaAssist.EndToEnd.Tests;

/// <summary>
/// <c>Bedrock:HttpVersion=Http2</c> (what the local stacks set; given here so the tests hold whatever the stack's default): the model streams share connections to the emulator over cleartext HTTP/2,
/// and the answers, and a stream broken after some tokens, read exactly as over HTTP/1.1.
/// </summary>
public sealed class Http2ModelStreamTests
{
    [Fact]
    public async Task ManyChatsAtOnce_OverHttp2_EachDoneWithTheModelsExactText()
    {
        await using var stack = await EdgeStack.StartAsync(service: ["--Bedrock:HttpVersion=Http2"]);
        var sockets = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => stack.ConnectAsync($"h2-shopper-{i}")));
        try
        {
            await Task.WhenAll(sockets.Select((s, i) => s.AskAsync($"h2-{i}", $"Question {i} [[tokens:30]] tag-h2-{i}-end")));
            var answers = await Task.WhenAll(sockets.Select((s, i) => s.ReadAnswerAsync($"h2-{i}")));

            for (var i = 0; i < answers.Length; i++)
            {
                answers[i].ShouldKeepTheProtocolPromises();
                answers[i].Terminal.Type.ShouldBe("done", answers[i].Terminal.Raw);
                answers[i].Text.ShouldBe((await stack.TranscriptAsync($"tag-h2-{i}-end")).Text);
            }

            (await stack.BedrockStatsAsync()).Requests["converseStream"].ShouldBe(20);
        }
        finally
        {
            foreach (var socket in sockets)
            {
                await socket.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task StreamResetAfterSomeTokens_OverHttp2_EndsInAPartialErrorWithExactlyTheTextProduced()
    {
        await using var stack = await EdgeStack.StartAsync(service: ["--Bedrock:HttpVersion=Http2", "--Resilience:MaxAttempts=1"]);
        await using var socket = await stack.ConnectAsync();

        await socket.AskAsync("h2-reset", "Tell me a story [[tokens:50]] [[fault:reset:10]] tag-h2-reset");
        var answer = (await socket.ReadAnswerAsync("h2-reset")).ShouldKeepTheProtocolPromises();

        answer.Terminal.Type.ShouldBe("error");
        answer.Terminal.Code.ShouldBe("stream_interrupted");
        answer.Terminal.Partial.ShouldBe(true);
        var transcript = await stack.TranscriptAsync("tag-h2-reset");
        answer.Text.ShouldBe(transcript.SentText);
        answer.Text.Length.ShouldBeLessThan(transcript.Text.Length);
    }
}
