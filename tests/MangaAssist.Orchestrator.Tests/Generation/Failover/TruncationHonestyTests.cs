using MangaAssist.Aws.Bedrock;
using MangaAssist.Orchestrator.Generation;
using MangaAssist.Orchestrator.Protocol;
using Shouldly;
using static MangaAssist.Orchestrator.Tests.Generation.Failover.ConductHarness;

namespace MangaAssist.Orchestrator.Tests.Generation.Failover;

/// <summary>A stream is complete only with a stop reason that finishes it; cut and corrupt streams are broken streams, continued.</summary>
public sealed class TruncationHonestyTests
{
    private readonly ConductHarness _h = new();

    [Theory]
    [InlineData(BedrockErrorKind.StreamTruncated)]
    [InlineData(BedrockErrorKind.MalformedEvent)]
    public async Task BrokenStream_IsContinuedFromTheTextDelivered(BedrockErrorKind kind)
    {
        _h.Model.Fails("model-a", kind, chunksBefore: ["Try ", "Vin"]).Answers("model-a", "land Saga.");

        var result = await _h.GenerateAsync().WaitAsync(Patience);

        result.Completed.ShouldBeTrue(result.Outcome.Reason);
        _h.Text.ShouldBe("Try Vinland Saga.");
        _h.Model.Calls[1].Prefill.ShouldBe("Try Vin");
    }

    [Fact]
    public async Task StreamEndingWithoutAStopReason_IsContinuedNotCalledComplete()
    {
        _h.Model.EndsWithoutStop("model-a", "Try ", "Vin").Answers("model-a", "land Saga.");

        var result = await _h.GenerateAsync().WaitAsync(Patience);

        result.Completed.ShouldBeTrue(result.Outcome.Reason);
        _h.Text.ShouldBe("Try Vinland Saga.");
        _h.Model.Calls.Count.ShouldBe(2);
    }

    [Fact]
    public async Task EveryStreamEndsWithoutAStopReason_EndsWithAnErrorNeverDone()
    {
        _h.Options.MaxAttempts = 3;
        _h.Model.EndsWithoutStop("model-a", "Try ").EndsWithoutStop("model-a", "Vin").EndsWithoutStop("model-b", "land");

        var result = await _h.GenerateAsync().WaitAsync(Patience);

        result.Completed.ShouldBeFalse();
        result.Outcome.Failure.ShouldNotBeNull().Kind.ShouldBe(BedrockErrorKind.StreamTruncated);
        _h.Text.ShouldBe("Try Vinland");
        var frame = ErrorCatalog.ForModelFailure(result.Outcome);
        frame.Code.ShouldBe("stream_interrupted");
        frame.Retryable.ShouldBeTrue();
    }

    [Fact]
    public async Task ContinuationStoppedAtMaxTokens_IsNotComplete()
    {
        _h.Model.Fails("model-a", BedrockErrorKind.ConnectionReset, chunksBefore: ["Try "]).Stops("model-a", "max_tokens", "Vinland");

        var result = await _h.GenerateAsync().WaitAsync(Patience);

        result.Completed.ShouldBeFalse();
        result.Outcome.Result.ShouldBe(AttemptResult.Truncated);
        _h.Text.ShouldBe("Try Vinland");
        ErrorCatalog.ForModelFailure(result.Outcome).Code.ShouldBe("stream_interrupted");
    }

    [Fact]
    public async Task FirstCallStoppedAtMaxTokens_IsAnAnswerCutByTheRouteLimitAsBefore()
    {
        _h.Model.Stops("model-a", "max_tokens", "Try ", "Vinland");

        var result = await _h.GenerateAsync().WaitAsync(Patience);

        result.Completed.ShouldBeTrue();
        result.StopReason.ShouldBe("max_tokens");
        _h.Text.ShouldBe("Try Vinland");
    }
}
