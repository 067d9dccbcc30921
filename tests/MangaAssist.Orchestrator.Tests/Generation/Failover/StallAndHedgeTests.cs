using MangaAssist.Orchestrator.Generation;
using MangaAssist.Orchestrator.Kernel;
using Shouldly;
using static MangaAssist.Orchestrator.Tests.Generation.Failover.ConductHarness;

namespace MangaAssist.Orchestrator.Tests.Generation.Failover;

/// <summary>A stream that stalls is detected from its own pace and continued on the next model; a silent first token is hedged.</summary>
public sealed class StallAndHedgeTests
{
    private readonly ConductHarness _h = new();

    private static string[] Words(int count, int from = 0) => [.. Enumerable.Range(from, count).Select(i => $"w{i} ")];

    [Fact]
    public Task StallAfterTwentyTokens_IsDetectedFromThePaceAndContinuedOnTheNextModel() => OffTheTestContext(async () =>
    {
        // 20 tokens arrive at once (no gap), so the floor (2 s) is the deadline, not the route's 20 s idle timeout.
        _h.Model.Stalls("model-a", Words(20)).Answers("model-b", Words(40, 20));
        var generation = _h.GenerateAsync();
        await _h.Model.WaitingAsync("model-a");

        _h.Time.Advance(_h.Options.StallFloor - Tick);
        _h.Model.Calls.Count.ShouldBe(1);
        _h.Time.Advance(Tick);

        var result = await generation.WaitAsync(Patience);
        result.Completed.ShouldBeTrue(result.Outcome.Reason);
        _h.Text.ShouldBe(string.Concat(Words(60)));
        result.Text.ShouldBe(string.Concat(Words(60)));
        result.Model.ShouldBe("model-b");
        _h.Model.Calls.Select(c => c.Model).ShouldBe(["model-a", "model-b"]);
        _h.Model.Calls[1].Prefill.ShouldBe(string.Concat(Words(20)).TrimEnd());
        _h.Model.Calls[0].CancellationToken.IsCancellationRequested.ShouldBeTrue();
    });

    [Fact]
    public Task StallBeforeThePaceIsKnown_WaitsTheRouteIdleTimeout() => OffTheTestContext(async () =>
    {
        _h.Model.Stalls("model-a", Words(2)).Answers("model-b", Words(3, 2));
        var generation = _h.GenerateAsync();
        await _h.Model.WaitingAsync("model-a");

        _h.Time.Advance(_h.Route.IdleTimeout - Tick);
        _h.Model.Calls.Count.ShouldBe(1);
        _h.Time.Advance(Tick);

        (await generation.WaitAsync(Patience)).Completed.ShouldBeTrue();
        _h.Text.ShouldBe(string.Concat(Words(5)));
    });

    [Fact]
    public Task SlowFirstToken_HedgesOnTheNextModelAndKeepsWhicheverSpeaksFirst() => OffTheTestContext(async () =>
    {
        _h.Model.AnswersAfter("model-a", TimeSpan.FromSeconds(20), "late").Answers("model-b", "Try ", "Berserk.");
        var generation = _h.GenerateAsync();
        await _h.Model.WaitingAsync("model-a");
        var hedgeAt = _h.Route.FirstTokenTimeout * _h.Options.HedgeAfterShare;

        _h.Time.Advance(hedgeAt - Tick);
        _h.Model.Calls.Count.ShouldBe(1);
        _h.Time.Advance(Tick);

        var result = await generation.WaitAsync(Patience);
        result.Completed.ShouldBeTrue(result.Outcome.Reason);
        _h.Text.ShouldBe("Try Berserk.");
        result.Model.ShouldBe("model-b");
        _h.Model.Calls.Select(c => c.Model).ShouldBe(["model-a", "model-b"]);
        _h.Model.Calls[0].CancellationToken.IsCancellationRequested.ShouldBeTrue("the slower call is cancelled");
        _h.Model.Calls[1].Prefill.ShouldBeNull();
    });

    [Fact]
    public Task HedgeStartedButThePrimarySpeaksFirst_KeepsThePrimaryAndCancelsTheHedge() => OffTheTestContext(async () =>
    {
        _h.Model.AnswersAfter("model-a", TimeSpan.FromSeconds(9), "Try ", "Monster.").AnswersAfter("model-b", TimeSpan.FromSeconds(10), "never");
        var generation = _h.GenerateAsync();

        await _h.AdvanceAsync(TimeSpan.FromSeconds(9.5));

        var result = await generation.WaitAsync(Patience);
        result.Completed.ShouldBeTrue(result.Outcome.Reason);
        _h.Text.ShouldBe("Try Monster.");
        result.Model.ShouldBe("model-a");
        _h.Model.Calls.Select(c => c.Model).ShouldBe(["model-a", "model-b"]);
        _h.Model.Calls[1].CancellationToken.IsCancellationRequested.ShouldBeTrue();
    });

    [Fact]
    public Task HedgeWithAnEmptyBudget_IsNotStarted() => OffTheTestContext(async () =>
    {
        _h.Budget = new RetryBudget(ratio: 0, minimumPerSecond: 0, TimeSpan.FromSeconds(10), _h.Time);
        _h.Model.Stalls("model-a");
        var generation = _h.GenerateAsync();
        await _h.Model.WaitingAsync("model-a");

        _h.Time.Advance(_h.Route.FirstTokenTimeout);

        var result = await generation.WaitAsync(Patience);
        result.Completed.ShouldBeFalse();
        result.Outcome.Timeout.ShouldBe(CancelReason.FirstTokenTimeout);
        _h.Model.Calls.Select(c => c.Model).ShouldBe(["model-a"]);
        _h.Delivered.ShouldBeEmpty();
    });

    [Fact]
    public Task HedgeToAModelWhoseCircuitIsOpen_IsNotStarted() => OffTheTestContext(async () =>
    {
        var down = AttemptOutcome.Failed("model-b", new MangaAssist.Aws.Bedrock.BedrockException(MangaAssist.Aws.Bedrock.BedrockErrorKind.ServiceUnavailable, "Down.", 503));
        for (var i = 0; i < _h.Options.CircuitMinimumThroughput; i++)
        {
            await _h.Breakers.ExecuteAsync("model-b", static (f, _, _) => ValueTask.FromResult(f), down, CancellationToken.None);
        }

        _h.Model.AnswersAfter("model-a", TimeSpan.FromSeconds(12), "Slow ", "but sure.");
        var generation = _h.GenerateAsync();

        await _h.AdvanceAsync(TimeSpan.FromSeconds(12));

        var result = await generation.WaitAsync(Patience);
        result.Completed.ShouldBeTrue(result.Outcome.Reason);
        _h.Text.ShouldBe("Slow but sure.");
        _h.Model.Calls.Select(c => c.Model).ShouldBe(["model-a"]);
    });

    [Fact]
    public Task HedgeIsCountedInTheRetryBudget() => OffTheTestContext(async () =>
    {
        _h.Options.RetryBudgetMinimumPerSecond = 0;
        _h.Options.RetryBudgetBurst = 1;
        _h.Options.RetryBudgetRefillPerSuccess = 0;
        _h.Model.Stalls("model-a").Answers("model-b", "Try ", "Berserk.");
        var generation = _h.GenerateAsync();
        await _h.Model.WaitingAsync("model-a");

        _h.Time.Advance(_h.Route.FirstTokenTimeout * _h.Options.HedgeAfterShare);

        (await generation.WaitAsync(Patience)).Completed.ShouldBeTrue();
        _h.Model.Calls.Select(c => c.Model).ShouldBe(["model-a", "model-b"]);
        _h.Budget!.Available.ShouldBe(0, "the one burst credit went to the hedge");
    });

    [Fact]
    public Task HedgeLoser_IsChargedItsEstimatedInputInTheAnswersPrice() => OffTheTestContext(async () =>
    {
        const string Haiku = "anthropic.claude-3-haiku-20240307-v1:0";
        const string Sonnet = "anthropic.claude-3-5-sonnet-20240620-v1:0";
        _h.Route.ModelId = Haiku;
        _h.Route.FallbackModelIds = Sonnet;
        _h.Model.Stalls(Haiku).Answers(Sonnet, "Try ", "Berserk.");
        var generation = _h.GenerateAsync();
        await _h.Model.WaitingAsync(Haiku);

        _h.Time.Advance(_h.Route.FirstTokenTimeout * _h.Options.HedgeAfterShare);

        var result = await generation.WaitAsync(Patience);
        result.Completed.ShouldBeTrue(result.Outcome.Reason);
        var winnerOnly = MangaAssist.Orchestrator.Tests.Support.ModelTable.Pricing()
            .WithCost(new MangaAssist.SharedState.ResponseCache.AnswerUsage(10, 2), MangaAssist.Orchestrator.Tests.Support.ModelTable.Pricing()
                .PriceUsd(Sonnet, new Microsoft.Extensions.AI.UsageDetails { InputTokenCount = 10, OutputTokenCount = 2 }));
        result.Usage.Cost.ShouldNotBeNull().ShouldBeGreaterThan(winnerOnly.Cost!.Value);
    });
}
