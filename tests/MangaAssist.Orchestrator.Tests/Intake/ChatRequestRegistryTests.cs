using MangaAssist.Orchestrator.Intake;
using MangaAssist.Orchestrator.Kernel;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Intake;

public sealed class ChatRequestRegistryTests
{
    [Fact]
    public void TryBegin_SameRequestIdTwiceOnAConnection_IsRefusedEvenAfterTheFirstEnded()
    {
        var sut = new ChatRequestRegistry();
        sut.TryBegin("conn", "c-1", out var first).ShouldBeTrue();
        sut.TryBegin("conn", "c-1", out _).ShouldBeFalse();

        sut.End(first!);

        sut.TryBegin("conn", "c-1", out _).ShouldBeFalse();
        sut.TryBegin("other", "c-1", out _).ShouldBeTrue();
    }

    [Fact]
    public void TryBegin_BeyondTheRememberedIds_ForgetsTheOldestFinishedOne()
    {
        var sut = new ChatRequestRegistry();
        for (var i = 0; i <= ChatRequestRegistry.RecentIdsPerConnection; i++)
        {
            sut.TryBegin("conn", $"r{i}", out var request).ShouldBeTrue();
            sut.End(request!);
        }

        sut.TryBegin("conn", "r0", out _).ShouldBeTrue();
        sut.TryBegin("conn", $"r{ChatRequestRegistry.RecentIdsPerConnection}", out _).ShouldBeFalse();
    }

    [Fact]
    public void TryCancel_DistinguishesRunningFinishedAndUnknownRequests()
    {
        var sut = new ChatRequestRegistry();
        sut.TryBegin("conn", "running", out var running);
        sut.TryBegin("conn", "finished", out var finished);
        sut.End(finished!);

        sut.TryCancel("conn", "running").ShouldBe(CancelLookup.Cancelled);
        running!.Token.IsCancellationRequested.ShouldBeTrue();
        running.Reason.ShouldBe(CancelReason.ClientCancelled);
        sut.TryCancel("conn", "finished").ShouldBe(CancelLookup.AlreadyFinished);
        sut.TryCancel("conn", "never").ShouldBe(CancelLookup.Unknown);
        sut.TryCancel("nobody", "running").ShouldBe(CancelLookup.Unknown);
    }

    [Fact]
    public void CancelConnection_StopsItsAnswersWithTheDisconnectReasonOnly()
    {
        var sut = new ChatRequestRegistry();
        sut.TryBegin("gone", "a", out var a);
        sut.TryBegin("gone", "b", out var b);
        sut.TryBegin("staying", "a", out var other);

        sut.CancelConnection("gone").ShouldBe(2);

        a!.Reason.ShouldBe(CancelReason.ClientDisconnected);
        b!.Reason.ShouldBe(CancelReason.ClientDisconnected);
        other!.Token.IsCancellationRequested.ShouldBeFalse();
        sut.ActiveCount.ShouldBe(3);
    }

    [Fact]
    public void Cancel_FirstReasonWins()
    {
        using var request = new ActiveRequest("conn", "r");

        request.Cancel(CancelReason.IdleTimeout);
        request.Cancel(CancelReason.ClientCancelled);

        request.Reason.ShouldBe(CancelReason.IdleTimeout);
    }

    [Fact]
    public void IsRunning_IsTrueOnlyForAnAnswerInProgressOnThatConnection()
    {
        var sut = new ChatRequestRegistry();
        sut.TryBegin("conn", "live", out _);
        sut.TryBegin("conn", "over", out var over);
        sut.End(over!);

        sut.Running("conn", "live").ShouldNotBeNull();
        sut.Running("conn", "over").ShouldBeNull();
        sut.Running("other", "live").ShouldBeNull();
    }
}
