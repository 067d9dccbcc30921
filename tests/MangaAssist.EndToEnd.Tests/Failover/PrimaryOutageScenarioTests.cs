using System.Diagnostics;
using MangaAssist.EndToEnd.Tests.Support;
using Shouldly;
using Xunit.Abstractions;

namespace MangaAssist.EndToEnd.Tests.Failover;

/// <summary>
/// Scenarios where the primary model misbehaves for every request (fault rules scoped to it, the fallback clean),
/// on a default stack of their own: rules hold for the whole emulator, so these run one after the other.
/// </summary>
public sealed class PrimaryOutageScenarioTests(SharedEdge edge, ITestOutputHelper output) : IClassFixture<SharedEdge>
{
    [Fact]
    public async Task S04_ServiceUnavailablePersistentlyOnThePrimary_Passes()
    {
        await DefaultRoute.FaultThePrimaryOnlyAsync(edge.Stack, new() { ["http503"] = 1.0 });
        try
        {
            var outcome = ScenarioRecord.Write(output, await Run("503 persistent (primary)", "s04"));
            outcome.Verdict.ShouldBe(ScenarioVerdict.Pass, outcome.ToString());
            outcome.Calls!.MaxBy(c => c.Sequence)!.ModelId.ShouldBe(DefaultRoute.Fallback);
        }
        finally
        {
            await edge.Stack.ClearBedrockFaultsAsync();
        }
    }

    [Fact]
    public async Task S06_PrimaryThatNeverAnswers_Passes()
    {
        await DefaultRoute.FaultThePrimaryOnlyAsync(edge.Stack, new() { ["silent"] = 1.0 });
        try
        {
            var outcome = ScenarioRecord.Write(output, await Run("provider never answers (primary silent)", "s06"));
            outcome.Verdict.ShouldBe(ScenarioVerdict.Pass, outcome.ToString());
        }
        finally
        {
            await edge.Stack.ClearBedrockFaultsAsync();
        }
    }

    /// <summary>
    /// The primary fails 70 % of its calls (503 before the stream, resets in it) for a window, then recovers. The
    /// emulator's rule expires on real time, so the window is a real 15 s (not a minute) with a chat every 400 ms.
    /// </summary>
    [Fact]
    public async Task S15_PrimaryFlappingForAWindow_EveryChatPassesAndThePrimaryServesAgainAfter()
    {
        var window = TimeSpan.FromSeconds(15);
        await DefaultRoute.FaultThePrimaryOnlyAsync(edge.Stack, new()
        {
            ["http503"] = 0.5, ["reset"] = 0.2, ["durationMs"] = (int)window.TotalMilliseconds, ["seed"] = 15,
        });
        try
        {
            var flapping = Stopwatch.StartNew();
            var chats = new List<Task<ScenarioOutcome>>();
            while (flapping.Elapsed < window)
            {
                chats.Add(Run($"flap {chats.Count}", $"s15-{chats.Count:D3}"));
                await Task.Delay(400);
            }

            var during = await Task.WhenAll(chats);
            await Task.Delay(TimeSpan.FromSeconds(1));
            var after = ScenarioRecord.Write(output, await Run("after the flapping", "s15-after"));
            var stats = await edge.Stack.BedrockStatsAsync();
            var worst = during.MaxBy(o => o.Verdict)!;
            var summary = new ScenarioOutcome(
                "primary flaps for 15 s",
                worst.Verdict,
                during.Max(o => o.Elapsed),
                $"{during.Count(o => o.Verdict == ScenarioVerdict.Pass)}/{during.Length} chats passed; worst: {worst}; " +
                $"{stats.FaultsInjected.Values.Sum()} faults, requests by model {string.Join(", ", stats.RequestsByModel.Select(m => $"{m.Key}={m.Value}"))}");
            ScenarioRecord.Write(output, summary);

            during.ShouldAllBe(o => o.Verdict == ScenarioVerdict.Pass, summary.Detail);
            after.Verdict.ShouldBe(ScenarioVerdict.Pass, after.ToString());
        }
        finally
        {
            await edge.Stack.ClearBedrockFaultsAsync();
        }
    }

    private Task<ScenarioOutcome> Run(string scenario, string tag) =>
        ScenarioRunner.RunAsync(edge.Stack, scenario, $"{MarkerScenarios.Question} [[tokens:40]] tag-{tag}", "tag-" + tag);
}
