using MangaAssist.EndToEnd.Tests.Support;
using MangaAssist.Orchestrator.Intake;
using MangaAssist.SharedState.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Shouldly;

namespace MangaAssist.EndToEnd.Tests.Takeover;

/// <summary>
/// SIGTERM in one process: the service that streams an answer drains (what SIGTERM starts) while its
/// gateway and the shopper's socket stay. A peer that shares the real redis-server and posts to the same gateway takes
/// the handed-over answer and sends the rest on the same socket: one answer, contiguous seq, the model's text once.
/// The separate-process proofs (SIGKILL and SIGTERM) run on the fleet harness.
/// </summary>
public sealed class InProcessHandOverTests : IAsyncLifetime
{
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task ServiceStoppedHalfWay_HandsItsAnswerOver_AndThePeerFinishesItOnTheSameSocket()
    {
        var prefix = $"e2e-{Guid.NewGuid():N}:";
        string[] shared =
        [
            $"--Redis:Configuration={_redis.Configuration}", $"--Redis:KeyPrefix={prefix}",
            "--Continuity:ClaimInterval=00:00:00.100", "--Continuity:HandOverGrace=00:00:00.200",
        ];
        await using var stack = await EdgeStack.StartAsync(service: shared);
        var management = stack.ServiceServices.GetRequiredService<IConfiguration>()["ApiGatewayManagement:Endpoint"];
        await stack.AddInstanceAsync([.. shared, $"--ApiGatewayManagement:Endpoint={management}"]);
        await using var socket = await stack.ConnectAsync();
        var tag = $"tag-handover-{Guid.NewGuid():N}";

        await socket.AskAsync("h-1", $"Tell me about long-running series [[tokens:400]] [[tps:80]] {tag}");
        await WaitUntilAsync(() => socket.PendingFrames("h-1") >= 8);
        // What SIGTERM starts: the drain (the in-process host is not stopped whole, so its gateway and the socket stay).
        var drain = stack.ServiceServices.GetServices<IHostedService>().OfType<AnswerDrainService>().Single();
        var drained = drain.StopAsync(CancellationToken.None);
        var answer = (await socket.ReadAnswerAsync("h-1", TimeSpan.FromSeconds(60))).ShouldKeepTheProtocolPromises();

        await drained;
        answer.Terminal.Type.ShouldBe("done", answer.Terminal.Raw);
        answer.Frames.ShouldNotContain(f => f.Raw.Contains("service_restarting", StringComparison.Ordinal));
        var calls = await stack.TranscriptsAsync(tag);
        calls.Count.ShouldBe(2);
        var continued = calls.Single(t => t.Prefill != null);
        continued.Outcome.ShouldBe("completed");
        answer.Text.ShouldBe(calls[0].Text);
        answer.Text.ShouldBe(continued.Text);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline);
            await Task.Delay(20);
        }
    }
}
