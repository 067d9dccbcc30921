using MangaAssist.EndToEnd.Tests.Support;
using Shouldly;

namespace MangaAssist.EndToEnd.Tests;

/// <summary>Long text is split across frames to respect the frame limit, and never cut.</summary>
public sealed class FrameLimitTests
{
    [Fact]
    public async Task BatchLargerThanTheFrameLimit_IsSplitIntoFramesThatFitAndLoseNothing()
    {
        // A small limit and a long flush interval make every batch larger than one frame.
        await using var stack = await EdgeStack.StartAsync(service:
        [
            "--Streaming:MaxFrameBytes=600",
            "--Streaming:FlushInterval=00:00:00.5",
            "--Streaming:FlushThresholdChars=100000",
        ]);
        await using var socket = await stack.ConnectAsync();

        await socket.AskAsync("split-1", "日本語で長く答えてください [[tokens:800]] [[tps:5000]] tag-split", action: "analyze");
        var answer = (await socket.ReadAnswerAsync("split-1")).ShouldKeepTheProtocolPromises(maxFrameBytes: 600);

        answer.Terminal.Type.ShouldBe("done");
        answer.Text.ShouldBe((await stack.TranscriptAsync("tag-split")).Text);
        answer.Frames.Where(f => f.Type == "delta").ShouldContain(f => f.Bytes > 500);
        (await stack.GatewayStatsAsync()).LargestMessageSent.ShouldBeLessThanOrEqualTo(600);
    }
}
