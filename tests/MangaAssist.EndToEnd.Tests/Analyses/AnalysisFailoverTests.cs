using MangaAssist.EndToEnd.Tests.Support;
using MangaAssist.Orchestrator.Jobs;
using MangaAssist.SharedState.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace MangaAssist.EndToEnd.Tests.Analyses;

/// <summary>
/// A job whose instance stops half-way is taken over by another through a real redis-server and continued
/// from its frame log: the result is the model's whole answer, once. The instance is stopped in-process (its
/// runner leaves the job without a terminal frame and stops renewing); <see cref="AnalysisProcessKillTests"/>
/// SIGKILLs a separate service process instead.
/// </summary>
public sealed class AnalysisFailoverTests : IAsyncLifetime
{
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task InstanceStoppedHalfWay_AnotherInstanceFinishesTheJobWithTheWholeAnswerOnce()
    {
        string[] fast = ["--Analyses:RunWorker=true", "--Analyses:PollInterval=00:00:00.050", "--Analyses:HeartbeatInterval=00:00:00.300"];
        await using var stack = await EdgeStack.StartAsync(service:
        [
            $"--Redis:Configuration={_redis.Configuration}", $"--Redis:KeyPrefix=e2e-{Guid.NewGuid():N}:",
            "--SharedState:Work:VisibilityTimeout=00:00:02",
            // The main instance only takes REST calls: it runs no jobs, so the job is the runner's.
            "--Analyses:RunWorker=false",
        ]);
        // Both workers start before the job: starting one mid-job can take longer than the job on a busy machine.
        EdgeInstance[] workers = [await stack.AddInstanceAsync(fast), await stack.AddInstanceAsync(fast)];
        var client = new AnalysesClient(stack.Http, stack.ServiceUrl, await stack.IssueTokenAsync("analyst-failover"));
        var tag = $"tag-failover-{Guid.NewGuid():N}";
        var id = await client.SubmitIdAsync("s-f", $"Compare two long series in depth [[tokens:400]] [[tps:100]] {tag}");
        await client.PollAsync(id, view => view.GetProperty("progress").GetProperty("outputTokens").GetInt64() >= 60, TimeSpan.FromSeconds(30));
        var runner = workers.Single(w => w.ServiceServices.GetRequiredService<RunningJobs>().Count == 1);
        var successor = workers.Single(w => w != runner);

        await runner.StopAsync();

        var done = await new AnalysesClient(stack.Http, successor.ServiceUrl, await stack.IssueTokenAsync("analyst-failover")).PollAsync(id);
        done.GetProperty("status").GetString().ShouldBe("succeeded", done.ToString());
        var text = done.GetProperty("result").GetProperty("text").GetString()!;
        var calls = await stack.TranscriptsAsync(tag);
        calls.Count.ShouldBe(2);
        calls[0].Outcome.ShouldNotBe("completed");
        var continued = calls.Single(t => t.Prefill != null);
        continued.Outcome.ShouldBe("completed");
        calls[0].SentText.ShouldStartWith(continued.Prefill!);
        text.ShouldBe(continued.Text);
        text.ShouldBe(calls[0].Text);
    }
}
