using MangaAssist.Aws.Bedrock;
using Shouldly;
using static MangaAssist.Orchestrator.Tests.Generation.Failover.ConductHarness;

namespace MangaAssist.Orchestrator.Tests.Generation.Failover;

/// <summary>Transient errors get a retry on the same model first (honouring a short hint); then the next model.</summary>
public sealed class SameModelRetryTests
{
    private readonly ConductHarness _h = new();

    [Theory]
    [InlineData(BedrockErrorKind.InternalServer, 500)]
    [InlineData(BedrockErrorKind.ServiceUnavailable, 503)]
    [InlineData(BedrockErrorKind.ModelNotReady, 429)]
    [InlineData(BedrockErrorKind.ConnectionReset, null)]
    public async Task TransientErrorBeforeTheStream_RetriesTheSameModelFirst(BedrockErrorKind kind, int? status)
    {
        _h.Model.Fails("model-a", kind, status: status).Answers("model-a", "Try ", "Vinland Saga.");

        var result = await _h.GenerateAsync().WaitAsync(Patience);

        result.Completed.ShouldBeTrue(result.Outcome.Reason);
        _h.Text.ShouldBe("Try Vinland Saga.");
        result.Model.ShouldBe("model-a");
        _h.Model.Calls.Select(c => c.Model).ShouldBe(["model-a", "model-a"]);
    }

    [Fact]
    public async Task TransientErrorTwice_ThenFailsOverToTheNextModel()
    {
        _h.Model.Fails("model-a", BedrockErrorKind.ServiceUnavailable, status: 503)
            .Fails("model-a", BedrockErrorKind.ServiceUnavailable, status: 503)
            .Answers("model-b", "Try ", "Berserk.");

        var result = await _h.GenerateAsync().WaitAsync(Patience);

        result.Completed.ShouldBeTrue(result.Outcome.Reason);
        _h.Text.ShouldBe("Try Berserk.");
        _h.Model.Calls.Select(c => c.Model).ShouldBe(["model-a", "model-a", "model-b"]);
    }

    [Fact]
    public Task ThrottledWithAShortHint_WaitsTheHintOnTheSameModel() => OffTheTestContext(async () =>
    {
        var hint = TimeSpan.FromSeconds(1);
        _h.Model.Fails("model-a", BedrockErrorKind.Throttling, retryAfter: hint, status: 429).Answers("model-a", "Try ", "Monster.");
        var generation = _h.GenerateAsync();

        _h.Time.Advance(hint - Tick);
        _h.Model.Calls.Count.ShouldBe(1);
        _h.Time.Advance(Tick);

        var result = await generation.WaitAsync(Patience);
        result.Completed.ShouldBeTrue(result.Outcome.Reason);
        _h.Text.ShouldBe("Try Monster.");
        _h.Model.Calls.Select(c => c.Model).ShouldBe(["model-a", "model-a"]);
    });

    [Theory]
    [InlineData(null)]
    [InlineData(30)]
    public async Task ThrottledWithoutAHintOrWithALongOne_FailsOverAtOnce(int? hintSeconds)
    {
        var hint = hintSeconds is { } s ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;
        _h.Model.Fails("model-a", BedrockErrorKind.Throttling, retryAfter: hint, status: 429).Answers("model-b", "Try ", "Berserk.");

        var result = await _h.GenerateAsync().WaitAsync(Patience);

        result.Completed.ShouldBeTrue(result.Outcome.Reason);
        _h.Text.ShouldBe("Try Berserk.");
        _h.Model.Calls.Select(c => c.Model).ShouldBe(["model-a", "model-b"]);
    }

    [Fact]
    public async Task RetryBudgetEmpty_NoRetryAtAll()
    {
        _h.Budget = new MangaAssist.Orchestrator.Generation.RetryBudget(ratio: 0, minimumPerSecond: 0, TimeSpan.FromSeconds(10), _h.Time);
        _h.Model.Fails("model-a", BedrockErrorKind.ServiceUnavailable, status: 503);

        var result = await _h.GenerateAsync().WaitAsync(Patience);

        result.Completed.ShouldBeFalse();
        MangaAssist.Orchestrator.Protocol.ErrorCatalog.ForModelFailure(result.Outcome).Code.ShouldBe("model_unavailable");
        _h.Model.Calls.Count.ShouldBe(1);
    }
}
