using System.Net.Http.Json;
using MangaAssist.EndToEnd.Tests.Support;
using MangaAssist.EndToEnd.Tests.Support.Fleet;
using MangaAssist.SharedState.Tests.Support;
using Shouldly;

namespace MangaAssist.EndToEnd.Tests.Takeover;

/// <summary>
/// The one window a take-over leaves on the wire: the process that streams an answer logs a frame and dies before its
/// post reaches the gateway. The gateway emulator holds posts (its post delay) so the window is wide enough to kill
/// into; the held post dies with its process. The successor goes on after the logged frame, so the socket shows a gap,
/// and a <c>resume</c> on the same socket (what the client library sends) gets exactly the missing frame from the task
/// that streams the answer. Two processes, so the resume can only reach that task.
/// </summary>
public sealed class TakeoverSeamTests : IAsyncLifetime
{
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task ProcessKilledBetweenLoggingAFrameAndPostingIt_ResumeOnTheSameSocketFillsTheSeamWithThatFrameOnly()
    {
        await using var edge = await FleetEdge.StartAsync(_redis, services: 2);
        await using var socket = new ChatSocket();
        await socket.ConnectAsync(edge.Fleet.ConnectUri(await edge.IssueTokenAsync("seam-shopper")));
        var tag = $"tag-seam-{Guid.NewGuid():N}";
        await socket.AskAsync("m-1", $"Tell me about long-running series [[tokens:400]] [[tps:50]] {tag}");
        var before = new List<Frame>();
        while (before.Count < 8)
        {
            before.Add(await socket.ReadFrameAsync("m-1"));
        }

        var holder = (await AnswerHolder.OfAsync(edge)).ShouldNotBeNull();
        await SetPostDelayAsync(edge, 30_000);
        // The holder posts a frame at least every flush interval (50 ms); its next post now waits in the gateway.
        await Task.Delay(500);
        holder.Kill();
        (await holder.WaitForExitAsync(TimeSpan.FromSeconds(10))).ShouldBeTrue();
        await SetPostDelayAsync(edge, 0);
        while (socket.PendingFrames("m-1") > 0)
        {
            // Posted before the delay took hold.
            before.Add(await socket.ReadFrameAsync("m-1"));
        }

        var lastBeforeKill = before[^1].Seq;
        var afterSeam = await socket.ReadFrameAsync("m-1");
        afterSeam.Seq.ShouldBeGreaterThan(lastBeforeKill + 1, "the frame held in the gateway when its process died is the seam");
        var missing = afterSeam.Seq - lastBeforeKill - 1;

        await socket.SendAsync(new { action = "resume", requestId = "m-1", sessionId = "s-e2e", afterSeq = lastBeforeKill });
        var after = (await socket.ReadAnswerAsync("m-1", TimeSpan.FromSeconds(60))).Frames;

        var wire = before.Append(afterSeam).Concat(after).ToList();
        var filled = wire.Where(f => f.Seq > lastBeforeKill && f.Seq < afterSeam.Seq).ToList();
        filled.Count.ShouldBe((int)missing, "the seam's frames, each once: " + string.Join(" | ", wire.Select(f => f.Raw)));
        wire.Select(f => f.Seq).ShouldBeUnique("the task streaming the answer sends the seam only, nothing twice");
        var ordered = wire.OrderBy(f => f.Seq).ToList();
        ordered.Select(f => f.Seq).ShouldBe(Enumerable.Range(0, ordered.Count).Select(i => (long)i));
        ordered.Count(f => f.IsTerminal).ShouldBe(1);
        ordered[^1].Type.ShouldBe("done", ordered[^1].Raw);

        var calls = await edge.TranscriptsAsync(tag);
        calls.Count.ShouldBe(2, "the first process's call and the continuation");
        var text = string.Concat(ordered.Where(f => f.Type == "delta").Select(f => f.Text));
        text.ShouldBe(calls.Single(t => t.Prefill == null).Text, "the model's full answer, exactly once");
    }

    private static async Task SetPostDelayAsync(FleetEdge edge, int milliseconds)
    {
        using var response = await edge.Http.PostAsJsonAsync(new Uri(edge.Fleet.GatewayUrl, "/_emulator/faults"), new { postToConnectionDelayMs = milliseconds });
        response.EnsureSuccessStatusCode();
    }
}
