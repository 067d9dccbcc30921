using MangaAssist.EndToEnd.Tests.Support;
using Shouldly;

namespace MangaAssist.EndToEnd.Tests;

/// <summary>WebSocket client → gateway emulator → service → Bedrock emulator → @connections → client.</summary>
public sealed class StreamedAnswerTests(SharedEdge edge) : IClassFixture<SharedEdge>
{
    private EdgeStack Stack => edge.Stack;

    [Fact]
    public async Task SendMessage_StreamsTheModelsWholeAnswerAndEndsWithDone()
    {
        await using var socket = await Stack.ConnectAsync();

        await socket.AskAsync("c-1", "おすすめの少年漫画は？ tag-send-1");
        var answer = (await socket.ReadAnswerAsync("c-1")).ShouldKeepTheProtocolPromises();

        var transcript = (await Stack.TranscriptAsync("tag-send-1"));
        answer.Frames[0].Type.ShouldBe("start");
        answer.Frames[0].Str("model").ShouldBe("anthropic.claude-3-haiku-20240307-v1:0");
        answer.Text.ShouldBe(transcript.Text);
        answer.Text.ShouldContain("おすすめの少年漫画は？");
        answer.Terminal.Type.ShouldBe("done");
        answer.Terminal.Str("stopReason").ShouldBe("end_turn");
        answer.Terminal.Json.GetProperty("cached").GetBoolean().ShouldBeFalse();
        answer.Terminal.Json.GetProperty("usage").GetProperty("outputTokens").GetInt64().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Analyze_UsesTheDeepAnalysisModelAndSystemPrompt()
    {
        await using var socket = await Stack.ConnectAsync();

        await socket.AskAsync("a-1", "Compare the pacing of two long-running series tag-analyze-1", action: "analyze");
        var answer = (await socket.ReadAnswerAsync("a-1")).ShouldKeepTheProtocolPromises();

        var transcript = (await Stack.TranscriptAsync("tag-analyze-1"));
        transcript.ModelId.ShouldBe("us.anthropic.claude-3-5-sonnet-20240620-v1:0");
        answer.Frames[0].Str("model").ShouldBe("us.anthropic.claude-3-5-sonnet-20240620-v1:0");
        answer.Terminal.Str("model").ShouldBe("us.anthropic.claude-3-5-sonnet-20240620-v1:0");
        answer.Text.ShouldBe(transcript.Text);
    }

    [Fact]
    public async Task LongAnswer_IsCoalescedIntoFarFewerFramesThanTokens()
    {
        await using var socket = await Stack.ConnectAsync();

        await socket.AskAsync("long-1", "Tell me everything [[tokens:600]] [[tps:3000]] tag-long-1", action: "analyze");
        var answer = (await socket.ReadAnswerAsync("long-1")).ShouldKeepTheProtocolPromises();

        var transcript = (await Stack.TranscriptAsync("tag-long-1"));
        transcript.TokensSent.ShouldBe(600);
        answer.Text.ShouldBe(transcript.Text);
        answer.DeltaCount.ShouldBeLessThan(600 / 4);
    }

    [Fact]
    public async Task AnswerLongerThanMaxTokens_EndsWithMaxTokensStopReason()
    {
        await using var socket = await Stack.ConnectAsync();

        await socket.AskAsync("mt-1", "Go on and on [[tokens:5000]] [[tps:100000]] tag-max-1");
        var answer = (await socket.ReadAnswerAsync("mt-1")).ShouldKeepTheProtocolPromises();

        answer.Terminal.Str("stopReason").ShouldBe("max_tokens");
        answer.Terminal.Json.GetProperty("usage").GetProperty("outputTokens").GetInt64().ShouldBe(1024);
        answer.Text.ShouldBe((await Stack.TranscriptAsync("tag-max-1")).SentText);
    }

    [Fact]
    public async Task ManyConcurrentChats_EachGetTheirWholeAnswerWithContiguousSeq()
    {
        var sockets = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Stack.ConnectAsync($"shopper-{i}")));
        try
        {
            await Task.WhenAll(sockets.Select((s, i) => s.AskAsync($"m-{i}", $"Question number {i} tag-many-{i}-end")));
            var answers = await Task.WhenAll(sockets.Select((s, i) => s.ReadAnswerAsync($"m-{i}")));

            for (var i = 0; i < answers.Length; i++)
            {
                answers[i].ShouldKeepTheProtocolPromises();
                answers[i].Terminal.Type.ShouldBe("done");
                answers[i].Text.ShouldBe((await Stack.TranscriptAsync($"tag-many-{i}-end")).Text);
            }
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
    public async Task SameRequestIdTwice_IsAnsweredOnce()
    {
        await using var socket = await Stack.ConnectAsync();

        await socket.AskAsync("dup-1", "first tag-dup-1");
        var first = (await socket.ReadAnswerAsync("dup-1")).ShouldKeepTheProtocolPromises();
        await socket.AskAsync("dup-1", "second tag-dup-1");
        await socket.AskAsync("after-dup", "a later question tag-dup-after");
        await socket.ReadAnswerAsync("after-dup");

        first.Terminal.Type.ShouldBe("done");
        (await Stack.TranscriptAsync("tag-dup-1")).LastUserMessage.ShouldContain("first");
        socket.PendingFrames("dup-1").ShouldBe(0);
    }
}
