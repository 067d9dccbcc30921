using MangaAssist.Orchestrator.Capacity;
using MangaAssist.Orchestrator.Options;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Capacity;

public sealed class AdmissionPolicyTests
{
    private static readonly CapacityOptions Options = new()
    {
        MaxQueuedRequests = 100,
        MaxQueueWait = TimeSpan.FromSeconds(2),
        BusyRetryAfter = TimeSpan.FromSeconds(1),
        MaxSchedulingLag = TimeSpan.FromMilliseconds(500),
        MaxHeapFraction = 0.9,
    };

    private readonly AdmissionPolicy _sut = new(Options);

    [Fact]
    public void Decide_StreamFreeAndProcessKeepingUp_Starts()
    {
        var verdict = _sut.Decide(streamFree: true, queued: 0, drainPerSecond: 100, new LoadSnapshot(TimeSpan.FromMilliseconds(400), 0.85));

        verdict.Action.ShouldBe(AdmissionAction.Start);
    }

    [Fact]
    public void Decide_SchedulingLagOverItsBound_RefusesEvenWithAStreamFree()
    {
        var verdict = _sut.Decide(streamFree: true, queued: 0, drainPerSecond: 200, new LoadSnapshot(TimeSpan.FromMilliseconds(600), 0.2));

        verdict.Action.ShouldBe(AdmissionAction.Refuse);
        verdict.Reason.ShouldBe("scheduling_lag");
        // The smoothed signal cannot clear in less than its recovery time, so the hint is not the drain's 5 ms.
        verdict.RetryAfter.ShouldBe(AdmissionPolicy.LoadSignalRecovery);
    }

    [Fact]
    public void Decide_HeapOverItsFraction_RefusesWithMemory()
    {
        var verdict = _sut.Decide(streamFree: true, queued: 0, drainPerSecond: null, new LoadSnapshot(TimeSpan.Zero, 0.95));

        verdict.Reason.ShouldBe("memory");
    }

    [Fact]
    public void Decide_ChecksTurnedOff_IgnoresLagAndHeap()
    {
        var sut = new AdmissionPolicy(new CapacityOptions { MaxSchedulingLag = TimeSpan.Zero, MaxHeapFraction = 1 });

        var verdict = sut.Decide(streamFree: true, queued: 0, drainPerSecond: null, new LoadSnapshot(TimeSpan.FromSeconds(5), 0.99));

        verdict.Action.ShouldBe(AdmissionAction.Start);
    }

    [Fact]
    public void Decide_NoStreamFreeAndThePredictedWaitFits_Queues()
    {
        // 99 ahead plus this one at 100 completions a second: 1 s, within the 2 s bound.
        var verdict = _sut.Decide(streamFree: false, queued: 99, drainPerSecond: 100, LoadSnapshot.Idle);

        verdict.Action.ShouldBe(AdmissionAction.Queue);
    }

    [Fact]
    public void Decide_PredictedWaitLongerThanTheBound_RefusesAtOnceWithThePredictedWait()
    {
        // 59 ahead plus this one at 20 a second: 3 s, over the 2 s bound; it would only be refused after waiting.
        var verdict = _sut.Decide(streamFree: false, queued: 59, drainPerSecond: 20, LoadSnapshot.Idle);

        verdict.Action.ShouldBe(AdmissionAction.Refuse);
        verdict.Reason.ShouldBe("queue_wait_predicted");
        verdict.RetryAfter.ShouldBe(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void Decide_DrainRateUnknown_QueuesRatherThanGuess()
    {
        var verdict = _sut.Decide(streamFree: false, queued: 50, drainPerSecond: null, LoadSnapshot.Idle);

        verdict.Action.ShouldBe(AdmissionAction.Queue);
    }

    [Fact]
    public void Decide_QueueFull_RefusesWithTheTimeForTheQueueToDrain()
    {
        var verdict = _sut.Decide(streamFree: false, queued: 100, drainPerSecond: 200, LoadSnapshot.Idle);

        verdict.Reason.ShouldBe("queue_full");
        verdict.RetryAfter.ShouldBe(TimeSpan.FromSeconds(101 / 200.0));
    }

    [Theory]
    [InlineData(1, 1000, 250)]      // 1 ms predicted: the floor keeps refused clients from returning in a wave
    [InlineData(1000, 0.5, 30000)]  // 2,000 s predicted: capped
    [InlineData(1, 0, 30000)]       // nothing drains: as late as the hint goes
    public void RetryAfter_IsThePredictedWaitWithinItsBounds(long ahead, double rate, int expectedMs)
    {
        _sut.RetryAfter(ahead, rate).ShouldBe(TimeSpan.FromMilliseconds(expectedMs));
    }

    [Fact]
    public void RetryAfter_DrainRateUnknown_IsTheConfiguredHint()
    {
        _sut.RetryAfter(10, null).ShouldBe(TimeSpan.FromSeconds(1));
    }
}
