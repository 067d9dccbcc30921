using MangaAssist.EndToEnd.Tests.Support.Fleet;
using MangaAssist.SharedState.Tests.Support;
using Shouldly;

namespace MangaAssist.EndToEnd.Tests.Analyses;

/// <summary>
/// Issue 17's proof with separate processes: two service processes share a real redis-server; the one running a
/// long analysis is SIGKILLed half-way (no shutdown code runs), and the other takes the job over after the
/// visibility timeout and continues it from the frame log: the result is the model's whole answer, exactly once.
/// </summary>
public sealed class AnalysisProcessKillTests : IAsyncLifetime
{
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task RunnerProcessKilledHalfWay_TheOtherProcessFinishesTheJobWithTheWholeAnswerOnce()
    {
        await using var edge = await FleetEdge.StartAsync(_redis, services: 2, service:
        [
            "--SharedState:Work:VisibilityTimeout=00:00:02",
            "--Analyses:PollInterval=00:00:00.050",
            "--Analyses:HeartbeatInterval=00:00:00.300",
        ]);
        var token = await edge.IssueTokenAsync("analyst-sigkill");
        var tag = $"tag-sigkill-{Guid.NewGuid():N}";
        var id = await new AnalysesClient(edge.Http, edge.Services[0].ServiceUrl, token)
            .SubmitIdAsync("s-k", $"Compare two long series in depth [[tokens:400]] [[tps:100]] {tag}");
        await new AnalysesClient(edge.Http, edge.Services[0].ServiceUrl, token)
            .PollAsync(id, view => view.GetProperty("progress").GetProperty("outputTokens").GetInt64() >= 60, TimeSpan.FromSeconds(30));
        var runner = (await edge.AnalysisRunnerAsync()).ShouldNotBeNull();
        var survivor = edge.Services.Single(s => s != runner);

        runner.Kill();

        (await runner.WaitForExitAsync(TimeSpan.FromSeconds(10))).ShouldBeTrue();
        runner.ExitCode.ShouldBe(137, "SIGKILL: no shutdown code ran");
        var done = await new AnalysesClient(edge.Http, survivor.ServiceUrl, token).PollAsync(id);
        done.GetProperty("status").GetString().ShouldBe("succeeded", done.ToString());
        var text = done.GetProperty("result").GetProperty("text").GetString()!;
        var calls = await edge.TranscriptsAsync(tag);
        calls.Count.ShouldBe(2, "the killed runner's call and the survivor's continuation");
        var cut = calls.Single(t => t.Prefill == null);
        cut.Outcome.ShouldNotBe("completed");
        var continued = calls.Single(t => t.Prefill != null);
        continued.Outcome.ShouldBe("completed");
        cut.SentText.ShouldStartWith(continued.Prefill!);
        text.ShouldBe(continued.Text);
        text.ShouldBe(cut.Text, "the model's full answer, exactly once");
    }
}
