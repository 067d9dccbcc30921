using MangaAssist.EndToEnd.Tests.Support;
using MangaAssist.EndToEnd.Tests.Support.Fleet;
using MangaAssist.SharedState.Tests.Support;
using Shouldly;

namespace MangaAssist.EndToEnd.Tests.Takeover;

/// <summary>
/// Issue 19's proof with separate service processes sharing a real redis-server behind one gateway emulator, with the
/// shipped continuity defaults: the process streaming a slow answer dies (SIGKILL) or is stopped (SIGTERM) half-way,
/// and the shopper's socket gets the rest from another process: contiguous seq, no gap, no repeat, one terminal
/// frame, and the model's full text exactly once (the Bedrock emulator's transcripts).
/// </summary>
public sealed class FleetTakeoverTests : IAsyncLifetime
{
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task ProcessKilledHalfWay_AnotherProcessSendsTheRestOnTheSameSocket()
    {
        await using var edge = await FleetEdge.StartAsync(_redis, services: 3);
        var (socket, tag) = await AskSlowAsync(edge, "k-1");
        await using var _ = socket;
        var holder = (await AnswerHolder.OfAsync(edge)).ShouldNotBeNull();

        holder.Kill();

        (await holder.WaitForExitAsync(TimeSpan.FromSeconds(10))).ShouldBeTrue();
        holder.ExitCode.ShouldBe(137, "SIGKILL: no shutdown code ran");
        var answer = (await socket.ReadAnswerAsync("k-1", TimeSpan.FromSeconds(60))).ShouldKeepTheProtocolPromises();
        answer.Terminal.Type.ShouldBe("done", answer.Terminal.Raw);
        await ShouldBeTheModelsTextOnceAsync(edge, tag, answer);
    }

    [Fact]
    public async Task ProcessStoppedHalfWay_HandsTheAnswerOverInsteadOfEndingIt()
    {
        await using var edge = await FleetEdge.StartAsync(_redis, services: 2);
        var (socket, tag) = await AskSlowAsync(edge, "t-1");
        await using var _ = socket;
        var holder = (await AnswerHolder.OfAsync(edge)).ShouldNotBeNull();

        var exitCode = await holder.TerminateAsync(TimeSpan.FromSeconds(30));

        exitCode.ShouldBe(0, holder.Output.ToString());
        var answer = (await socket.ReadAnswerAsync("t-1", TimeSpan.FromSeconds(60))).ShouldKeepTheProtocolPromises();
        answer.Terminal.Type.ShouldBe("done", answer.Terminal.Raw);
        answer.Frames.ShouldNotContain(f => f.Raw.Contains("service_restarting", StringComparison.Ordinal));
        await ShouldBeTheModelsTextOnceAsync(edge, tag, answer);
    }

    /// <summary>A slow answer (about 8 s), returned once a few of its frames arrived.</summary>
    private static async Task<(ChatSocket Socket, string Tag)> AskSlowAsync(FleetEdge edge, string requestId)
    {
        var socket = new ChatSocket();
        await socket.ConnectAsync(edge.Fleet.ConnectUri(await edge.IssueTokenAsync("takeover-shopper")));
        var tag = $"tag-takeover-{Guid.NewGuid():N}";
        await socket.AskAsync(requestId, $"Tell me about long-running series [[tokens:400]] [[tps:50]] {tag}");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (socket.PendingFrames(requestId) < 8)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the answer did not start streaming");
            await Task.Delay(20);
        }

        return (socket, tag);
    }

    /// <summary>The first call was cut, the second continued it from what the shopper had: together the model's full answer, once.</summary>
    private static async Task ShouldBeTheModelsTextOnceAsync(FleetEdge edge, string tag, Answer answer)
    {
        var calls = await edge.TranscriptsAsync(tag);
        calls.Count.ShouldBe(2, "the first process's call and the continuation");
        var cut = calls.Single(t => t.Prefill == null);
        cut.Outcome.ShouldNotBe("completed");
        var continued = calls.Single(t => t.Prefill != null);
        continued.Outcome.ShouldBe("completed");
        cut.SentText.ShouldStartWith(continued.Prefill!);
        answer.Text.ShouldBe(continued.Text);
        answer.Text.ShouldBe(cut.Text, "the model's full answer, exactly once");
    }
}
