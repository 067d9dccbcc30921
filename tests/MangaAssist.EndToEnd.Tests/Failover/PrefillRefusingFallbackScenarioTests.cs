using Shouldly;
using Xunit.Abstractions;

namespace MangaAssist.EndToEnd.Tests.Failover;

/// <summary>Scenario 14: the primary breaks mid-answer every time, and the fallback refuses assistant prefill.</summary>
public sealed class PrefillRefusingFallbackScenarioTests(PrefillRefusingFallbackEdge edge, ITestOutputHelper output)
    : IClassFixture<PrefillRefusingFallbackEdge>
{
    [Fact]
    public async Task S14_FallbackThatRejectsPrefill_ContinuesTheAnswerAndPasses()
    {
        // Throttled in the stream after 20 tokens on Claude 3 Haiku, every time; Sonnet 4.6 is clean.
        var outcome = ScenarioRecord.Write(output, await ScenarioRunner.RunAsync(
            edge.Stack,
            "fallback model rejects prefill",
            $"{MarkerScenarios.Question} [[tokens:60]] [[fault:stream-throttle:20@claude-3-haiku]] tag-s14",
            "tag-s14"));

        outcome.Verdict.ShouldBe(ScenarioVerdict.Pass, outcome.ToString());
        var finished = outcome.Calls!.Where(c => c.Outcome == "completed").MaxBy(c => c.Sequence)!;
        finished.ModelId.ShouldBe(PrefillRefusingFallbackEdge.Fallback, outcome.Models);
        // The fallback continued the answer (it did not start over), asked without a prefill it would refuse.
        outcome.Answer!.Text.ShouldStartWith(outcome.Calls!.OrderBy(c => c.Sequence).First().SentText);
        (await edge.Stack.BedrockStatsAsync()).RequestsRejected.ShouldBe(0);
    }
}
