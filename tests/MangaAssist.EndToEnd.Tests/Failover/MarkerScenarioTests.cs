using Shouldly;
using Xunit.Abstractions;

namespace MangaAssist.EndToEnd.Tests.Failover;

/// <summary>
/// Issue 15's scenarios scripted by markers, through gateway emulator → service → Bedrock emulator, with the default
/// configuration; all run at once in <see cref="MarkerScenarioEdge"/> and each test judges one.
/// </summary>
public sealed class MarkerScenarioTests(MarkerScenarioEdge edge, ITestOutputHelper output) : IClassFixture<MarkerScenarioEdge>
{
    [Fact]
    public Task S01_ThrottledWithoutRetryAfter_Passes() => ExpectAsync("429", ScenarioVerdict.Pass);

    [Fact]
    public Task S02_ThrottledWithRetryAfter_Passes() => ExpectAsync("429-hint", ScenarioVerdict.Pass);

    [Fact]
    public Task S03_InternalErrorOnce_Passes() => ExpectAsync("500", ScenarioVerdict.Pass);

    [Fact]
    public Task S05_ResetBeforeHeaders_Passes() => ExpectAsync("reset-before-headers", ScenarioVerdict.Pass);

    [Fact]
    public Task S07_SlowFirstTokenOnThePrimary_PassesWithinFifteenSeconds() => ExpectAsync("slow-first-token", ScenarioVerdict.Pass);

    [Fact]
    public Task S08_StreamCutAfterFortyOfSixtyTokens_Passes() => ExpectAsync("cut-40-of-60", ScenarioVerdict.Pass);

    [Fact]
    public Task S09_StallOfThirtySecondsAfterTwentyTokens_PassesWithinFortyFiveSeconds() => ExpectAsync("stall-20", ScenarioVerdict.Pass);

    [Fact]
    public Task S10_MalformedEventMidStream_Passes() => ExpectAsync("malformed", ScenarioVerdict.Pass);

    [Fact]
    public Task S11_StreamEndingWithoutItsEndMarker_Passes() => ExpectAsync("no-end", ScenarioVerdict.Pass);

    [Fact]
    public async Task S12_ContextLengthExceeded_IsTrimmedToFitAndPasses()
    {
        var outcome = await ExpectAsync("context-trimmed", ScenarioVerdict.Pass);
        // The refusal happened, and the call after it was the one that answered.
        outcome.Calls!.ShouldContain(c => c.Fault != null && c.Fault.Contains("context", StringComparison.OrdinalIgnoreCase), outcome.Models);
    }

    [Fact]
    public async Task S12_ContextLengthExceededWithNothingThatFits_IsSafeWithInputTooLong()
    {
        var outcome = await ExpectAsync("context-too-long", ScenarioVerdict.Safe);
        outcome.Answer!.Terminal.Code.ShouldBe("input_too_long");
        outcome.Answer.Terminal.Retryable.ShouldBe(false);
    }

    [Fact]
    public async Task S13_ContentFilterRejection_IsSafeWithItsOwnCode()
    {
        var outcome = await ExpectAsync("content-filtered", ScenarioVerdict.Safe);
        outcome.Answer!.Terminal.Code.ShouldBe("content_filtered");
        outcome.Answer.Terminal.Retryable.ShouldBe(false);
    }

    [Fact]
    public async Task S16_FailoverAccounting_CountsTheTokensAndSpendOfBothAttempts()
    {
        var twin = await edge.OutcomeAsync("accounting-twin");
        twin.Verdict.ShouldBe(ScenarioVerdict.Pass, twin.ToString());
        var (twinUsage, twinCost) = Usage(twin);
        var outcome = await edge.OutcomeAsync("accounting");
        var (usage, cost) = Usage(outcome);
        var calls = outcome.Calls!;
        var accounting = $"usage {usage.Input} in / {usage.Output} out, cost {cost}; clean twin {twinUsage.Input} in / {twinUsage.Output} out, cost {twinCost}; " +
            $"{calls.Count} calls, {calls.Sum(c => c.TokensSent)} tokens streamed";
        ScenarioRecord.Write(output, outcome, accounting);

        outcome.Verdict.ShouldBe(ScenarioVerdict.Pass, outcome.ToString());
        calls.Count.ShouldBeGreaterThanOrEqualTo(2, outcome.Models);
        // Every token the emulator streamed was paid for, the cut call's included.
        usage.Output.ShouldBe(calls.Sum(c => c.TokensSent), accounting);
        // Two prompts were sent (the second carrying the first's text): about twice the twin's input.
        usage.Input.ShouldBeGreaterThanOrEqualTo((2 * twinUsage.Input) - 20, accounting);
        // The price follows the tokens: the same yen per token as the clean twin (one model, one price list).
        var perToken = twinCost / Weighted(twinUsage);
        cost.ShouldBe(perToken * Weighted(usage), tolerance: (0.01 * cost) + 0.0002, accounting);
    }

    [Fact]
    public async Task S16_FailoverAccounting_ChargesTheHedgeThatLostToo()
    {
        var twin = await edge.OutcomeAsync("hedge-twin");
        twin.Verdict.ShouldBe(ScenarioVerdict.Pass, twin.ToString());
        var (twinUsage, twinCost) = Usage(twin);
        var outcome = await edge.OutcomeAsync("slow-first-token");
        outcome.Verdict.ShouldBe(ScenarioVerdict.Pass, outcome.ToString());
        var (usage, cost) = Usage(outcome);
        var accounting = $"hedged answer: usage {usage.Input} in / {usage.Output} out, cost {cost}; clean twin {twinUsage.Input} in / {twinUsage.Output} out, cost {twinCost}";
        ScenarioRecord.Write(output, outcome with { Scenario = "fail-over accounting (hedge)" }, accounting);

        // Two prompts were sent (the slow primary's and the hedge's): the price covers at least the winner's
        // tokens and most of a second prompt, at the twin's yen per token.
        var perToken = twinCost / Weighted(twinUsage);
        cost.ShouldBeGreaterThanOrEqualTo(perToken * (Weighted(usage) + (0.8 * usage.Input)), accounting);
    }

    /// <summary>Claude 3 Haiku's output tokens cost five times its input tokens.</summary>
    private static double Weighted((int Input, int Output) usage) => usage.Input + (5.0 * usage.Output);

    private static ((int Input, int Output) Usage, double Cost) Usage(ScenarioOutcome outcome)
    {
        var usage = outcome.Answer!.Terminal.Json.GetProperty("usage");
        return ((usage.GetProperty("inputTokens").GetInt32(), usage.GetProperty("outputTokens").GetInt32()),
            usage.GetProperty("cost").GetProperty("amount").GetDouble());
    }

    private async Task<ScenarioOutcome> ExpectAsync(string key, ScenarioVerdict expected)
    {
        var outcome = ScenarioRecord.Write(output, await edge.OutcomeAsync(key));
        outcome.Verdict.ShouldBe(expected, outcome.ToString());
        return outcome;
    }
}
