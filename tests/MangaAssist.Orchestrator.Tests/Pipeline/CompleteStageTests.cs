using MangaAssist.Orchestrator.Grounding;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Orchestrator.Pipeline;
using MangaAssist.Orchestrator.Tests.Support;
using MangaAssist.SharedState.ResponseCache;
using MangaAssist.SharedState.Sessions;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Pipeline;

public sealed class CompleteStageTests
{
    private readonly PipelineParts _parts = new(sharedStateSettings: new Dictionary<string, string?>
    {
        ["SharedState:RateLimits:UserSpend:PerWindow"] = "0.1",
    });
    private ISessionMemory Sessions => _parts.Shared.Sessions;

    private CompleteStage CreateSut() => new(
        new ConversationMemory(Sessions, NullLogger<ConversationMemory>.Instance),
        Limits,
        _parts.Telemetry, NullLogger<CompleteStage>.Instance, _parts.Shared.SpendWindow);

    private RequestLimits Limits => new(_parts.Shared.Limiter, NullLogger<RequestLimits>.Instance, _parts.Shared.RateLimits);

    private static CompletedAnswer Completed(params AnswerCitation[] citations) =>
        new("Try Mushishi.", "model-a", CompletedAnswer.EndTurn, new AnswerUsage(100, 12), citations);

    private static CompletedAnswer Priced(decimal cost) =>
        new("Try Mushishi.", "model-a", CompletedAnswer.EndTurn, new AnswerUsage(100, 12) { Cost = cost, Currency = "JPY" }, []);

    [Fact]
    public async Task CompleteAsync_CompleteAnswer_SendsCitationsThenDoneAndRemembersTheTurn()
    {
        var answer = _parts.NewAnswer();
        answer.Source = AnswerSource.Model;

        var outcome = await CreateSut().CompleteAsync(answer, Completed(new AnswerCitation("MA-1", "Mushishi", "https://shop.example/MA-1")));

        outcome.ShouldBe(AnswerOutcome.Completed);
        _parts.Connections.Types.ShouldBe(["citations", "done"]);
        _parts.Connections.Last.GetProperty("usage").GetProperty("outputTokens").GetInt32().ShouldBe(12);
        _parts.Connections.Last.GetProperty("cached").GetBoolean().ShouldBeFalse();
        (await Sessions.ReadRecentAsync(MangaAssist.SharedState.Shoppers.ShopperKeys.Session(PipelineParts.Shopper.Id, "s-1"), 10, 1000)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task CompleteAsync_FromCache_SaysCachedInDone()
    {
        var answer = _parts.NewAnswer();
        answer.Source = AnswerSource.Cache;

        await CreateSut().CompleteAsync(answer, Completed());

        _parts.Connections.Types.ShouldBe(["done"]);
        _parts.Connections.Last.GetProperty("cached").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task CompleteAsync_PricedAnswer_CountsItsCostInTheFleetWindowAndTheShoppersBudget()
    {
        var answer = _parts.NewAnswer();
        answer.Source = AnswerSource.Model;
        (await Limits.CheckAsync(answer.Request, CancellationToken.None)).ShouldBeNull();

        await CreateSut().CompleteAsync(answer, Priced(0.5m));

        (await _parts.Shared.SpendWindow.LastMinuteAsync()).ShouldBe(0.5m);
        var refused = await Limits.CheckAsync(_parts.NewAnswer("r-2").Request, CancellationToken.None);
        refused.ShouldNotBeNull().Scope.ShouldBe(MangaAssist.SharedState.RateLimiting.RateLimitScope.UserSpend);
        refused.RetryAfter.ShouldBeGreaterThan(TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task CompleteAsync_FromCache_CountsNoSpend()
    {
        var answer = _parts.NewAnswer();
        answer.Source = AnswerSource.Cache;

        await CreateSut().CompleteAsync(answer, Priced(0.5m));

        (await _parts.Shared.SpendWindow.LastMinuteAsync()).ShouldBe(0m);
        (await Limits.CheckAsync(_parts.NewAnswer("r-2").Request, CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task CompleteAsync_ClientCancelled_SendsCancelledInsteadOfDone()
    {
        var answer = _parts.NewAnswer();
        answer.Active.Cancel(CancelReason.ClientCancelled);

        var outcome = await CreateSut().CompleteAsync(answer, Completed());

        outcome.ShouldBe(AnswerOutcome.Cancelled);
        _parts.Connections.Types.ShouldBe(["error"]);
        _parts.Connections.Last.GetProperty("code").GetString().ShouldBe("cancelled");
    }

    [Fact]
    public async Task CompleteAsync_NoAnswerAndNoModelResult_SendsInternalError()
    {
        var outcome = await CreateSut().CompleteAsync(_parts.NewAnswer(), null);

        outcome.ShouldBe(AnswerOutcome.Failed);
        _parts.Connections.Last.GetProperty("code").GetString().ShouldBe("internal_error");
    }
}
