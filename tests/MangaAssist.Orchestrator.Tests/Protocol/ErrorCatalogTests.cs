using MangaAssist.Aws.Bedrock;
using MangaAssist.Orchestrator.Generation;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Orchestrator.Protocol;
using MangaAssist.SharedState.FrameLog;
using MangaAssist.SharedState.RateLimiting;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Protocol;

public sealed class ErrorCatalogTests
{
    [Theory]
    [InlineData(CancelReason.ClientGone)]
    [InlineData(CancelReason.ClientDisconnected)]
    [InlineData(CancelReason.DeliveryFailed)]
    public void ForCancellation_ClientUnreachable_HasNoFrame(CancelReason reason) => ErrorCatalog.ForCancellation(reason).ShouldBeNull();

    [Fact]
    public void ForCancellation_ClientCancelled_IsNotRetryable() =>
        ErrorCatalog.ForCancellation(CancelReason.ClientCancelled).ShouldBe(new ErrorFrame(ErrorCodes.Cancelled, "The request was cancelled.", false));

    [Fact]
    public void ForCancellation_ShuttingDown_IsRetryableServiceRestarting()
    {
        var frame = ErrorCatalog.ForCancellation(CancelReason.ShuttingDown)!;

        frame.Code.ShouldBe(ErrorCodes.ServiceRestarting);
        frame.Retryable.ShouldBeTrue();
    }

    [Fact]
    public void RateLimited_SubMillisecondWait_RoundsUpToOneMillisecondAndNamesTheLimit()
    {
        var frame = ErrorCatalog.RateLimited(RateLimitScope.UserOutputTokens, TimeSpan.FromTicks(10));

        frame.Code.ShouldBe(ErrorCodes.RateLimited);
        frame.RetryAfterMs.ShouldBe(1);
        frame.Message.ShouldContain("answer length");
    }

    [Fact]
    public void ResumeUnavailable_NotFound_IsNotRetryable() =>
        ErrorCatalog.ResumeUnavailable(FrameLogReadFailure.NotFound).Retryable.ShouldBeFalse();

    [Fact]
    public void ForModelFailure_ThrottledWithoutHint_WaitsTwoSeconds()
    {
        var outcome = AttemptOutcome.Failed("model-a", new BedrockException(BedrockErrorKind.Throttling, "slow down"));

        var frame = ErrorCatalog.ForModelFailure(outcome);

        frame.Code.ShouldBe(ErrorCodes.Throttled);
        frame.RetryAfterMs.ShouldBe(2000);
    }

    [Fact]
    public void ForModelFailure_IdleTimeout_IsModelTimeout() =>
        ErrorCatalog.ForModelFailure(AttemptOutcome.TimedOut("model-a", CancelReason.IdleTimeout)).Code.ShouldBe(ErrorCodes.ModelTimeout);

    [Fact]
    public void ForModelFailure_CircuitOpen_HonoursTheBreakTime() =>
        ErrorCatalog.ForModelFailure(AttemptOutcome.CircuitOpen("model-a", TimeSpan.FromSeconds(7))).RetryAfterMs.ShouldBe(7000);
}
