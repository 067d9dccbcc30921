using System.Diagnostics;
using MangaAssist.EndToEnd.Tests.Support;
using Shouldly;
using Xunit.Abstractions;

namespace MangaAssist.EndToEnd.Tests.Failover;

/// <summary>
/// Issue 15's load bars on a freshly started, ready stack with the default configuration: a bad minute (30 % 503,
/// 10 % resets mid-stream) and an outage (every call 503).
/// </summary>
public sealed class BurstScenarioTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TwoHundredSimultaneousChatsOnAFreshStackUnder503sAndResets_AtLeast196PassAndTheRestAreSafe()
    {
        await using var stack = await EdgeStack.StartAsync(bedrock: ["--BedrockEmulator:TranscriptCapacity=5000"]);
        await stack.SetBedrockFaultsAsync(new { http503 = 0.3, reset = 0.1, faultAfterTokensMin = 1, faultAfterTokensMax = 30, seed = 200 });
        var sockets = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => stack.ConnectAsync($"burst-shopper-{i}")));
        try
        {
            var clock = Stopwatch.StartNew();
            var outcomes = await Task.WhenAll(sockets.Select((socket, i) => ScenarioRunner.AskAsync(
                stack, $"burst {i}", socket, $"Question {i} about manga [[tokens:40]] tag-burst-{i:D3}", $"tag-burst-{i:D3}")));
            var stats = await stack.BedrockStatsAsync();
            var passed = outcomes.Count(o => o.Verdict == ScenarioVerdict.Pass);
            var errors = string.Join(", ", outcomes.Where(o => o.Verdict != ScenarioVerdict.Pass).GroupBy(o => o.Detail).Select(g => $"{g.Key}: {g.Count()}"));
            var summary = new ScenarioOutcome(
                "200 simultaneous chats, 30 % 503 + 10 % resets",
                passed >= 196 && outcomes.All(o => o.Verdict is ScenarioVerdict.Pass or ScenarioVerdict.Safe) ? ScenarioVerdict.Pass : ScenarioVerdict.Fail,
                clock.Elapsed,
                $"{passed}/200 whole answers; others: [{errors}]; {stats.Requests["converseStream"]} Bedrock calls, {stats.FaultsInjected.Values.Sum()} faults injected");
            ScenarioRecord.Write(output, summary);

            outcomes.ShouldAllBe(o => o.Verdict == ScenarioVerdict.Pass || o.Verdict == ScenarioVerdict.Safe, summary.Detail);
            passed.ShouldBeGreaterThanOrEqualTo(196, summary.Detail);
            stats.FaultsInjected.Values.Sum().ShouldBeGreaterThan(40, summary.Detail);
        }
        finally
        {
            foreach (var socket in sockets)
            {
                await socket.DisposeAsync();
            }
        }
    }
}
