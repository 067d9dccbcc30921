using MangaAssist.EndToEnd.Tests.Support;
using Shouldly;

namespace MangaAssist.EndToEnd.Tests.Analyses;

/// <summary>The socket's <c>analyze</c> is a job: it outlives the socket, and another connection of the same principal attaches by job id.</summary>
public sealed class SocketAnalysisTests(SharedEdge edge) : IClassFixture<SharedEdge>
{
    [Fact]
    public async Task AnalyzeOnASocketThatCloses_GoesOnAndAnotherConnectionAttachesForTheRest()
    {
        var tag = $"tag-attach-{Guid.NewGuid():N}";
        var first = await edge.Stack.ConnectAsync("attacher");
        await first.SendAsync(new { action = "analyze", requestId = "an-1", sessionId = "s-attach", message = $"A long comparison [[tokens:300]] [[tps:150]] {tag}" });
        var before = new List<Frame> { await first.ReadFrameAsync("an-1") };
        var jobId = before[0].Str("jobId");
        jobId.ShouldNotBeNullOrEmpty(before[0].Raw);
        while (before.Count(f => f.Type == "delta") < 3)
        {
            before.Add(await first.ReadFrameAsync("an-1"));
        }

        first.Abort();
        await first.DisposeAsync();
        await using var second = await edge.Stack.ConnectAsync("attacher");
        await second.SendAsync(new { action = "attach", requestId = jobId, afterSeq = before[^1].Seq });
        var rest = await second.ReadAnswerAsync("an-1");

        var whole = new Answer("an-1", [.. before, .. rest.Frames]).ShouldKeepTheProtocolPromises();
        whole.Terminal.Type.ShouldBe("done", whole.Terminal.Raw);
        whole.Text.ShouldBe((await edge.Stack.TranscriptAsync(tag)).Text);
    }

    [Fact]
    public async Task AttachToAnotherPrincipalsJob_IsAnUnknownRequest()
    {
        await using var owner = await edge.Stack.ConnectAsync("job-owner");
        await owner.SendAsync(new { action = "analyze", requestId = "an-2", sessionId = "s-own", message = "Short analysis [[tokens:5]]" });
        var jobId = (await owner.ReadFrameAsync("an-2")).Str("jobId");
        await using var stranger = await edge.Stack.ConnectAsync("job-stranger");

        await stranger.SendAsync(new { action = "attach", requestId = jobId, afterSeq = -1 });
        var refused = await stranger.ReadAnswerAsync(jobId!);

        refused.Terminal.Code.ShouldBe("unknown_request");
        (await owner.ReadAnswerAsync("an-2")).Terminal.Type.ShouldBe("done");
    }
}
