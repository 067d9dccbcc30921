using MangaAssist.Orchestrator.Capacity;
using MangaAssist.Orchestrator.Pipeline;
using MangaAssist.Orchestrator.Options;
using Microsoft.Extensions.Time.Testing;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Pipeline;

public sealed class StreamAdmissionTests
{
    private readonly FakeTimeProvider _time = new();

    private StreamAdmission CreateSut(int streams = 2, int queue = 1, ILoadSignal? load = null) => new(Microsoft.Extensions.Options.Options.Create(new CapacityOptions
    {
        MaxConcurrentStreams = streams,
        MaxQueuedRequests = queue,
        MaxQueueWait = TimeSpan.FromSeconds(3),
    }), _time, load ?? new FixedLoad(LoadSnapshot.Idle));

    [Fact]
    public async Task EnterAsync_BeyondStreamsAndQueue_RefusesAtOnceWithQueueFull()
    {
        using var sut = CreateSut();
        var first = await sut.EnterAsync(CancellationToken.None);
        var second = await sut.EnterAsync(CancellationToken.None);
        var queued = sut.EnterAsync(CancellationToken.None);

        var refused = await sut.EnterAsync(CancellationToken.None);

        first.Lease.ShouldNotBeNull();
        second.Lease.ShouldNotBeNull();
        queued.IsCompleted.ShouldBeFalse();
        refused.Lease.ShouldBeNull();
        refused.Refusal.ShouldBe("queue_full");
        sut.InFlight.ShouldBe(2);
        sut.Queued.ShouldBe(1);

        first.Lease!.Dispose();
        (await queued).Lease.ShouldNotBeNull();
        sut.Queued.ShouldBe(0);
    }

    [Fact]
    public async Task EnterAsync_WaitingLongerThanTheQueueWait_IsRefused()
    {
        using var sut = CreateSut(streams: 1);
        using var busy = (await sut.EnterAsync(CancellationToken.None)).Lease;
        var waiting = sut.EnterAsync(CancellationToken.None).AsTask();

        _time.Advance(TimeSpan.FromSeconds(3));
        var result = await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        result.Lease.ShouldBeNull();
        result.Refusal.ShouldBe("queue_wait_exceeded");
    }

    [Fact]
    public async Task EnterAsync_CancelledWhileQueued_Throws()
    {
        using var sut = CreateSut(streams: 1);
        using var busy = (await sut.EnterAsync(CancellationToken.None)).Lease;
        using var cancel = new CancellationTokenSource();
        var waiting = sut.EnterAsync(cancel.Token).AsTask();

        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(waiting);
    }

    [Fact]
    public async Task EnterAsync_QueueThatWouldNotDrainInTime_IsRefusedAtOnceWithThePredictedWait()
    {
        using var sut = CreateSut(streams: 1, queue: 100);
        for (var i = 0; i < 20; i++)
        {
            // 20 answers, one finishing every 500 ms: the last 20 span 9.5 s up to now, 2.1 a second.
            var entry = await sut.EnterAsync(CancellationToken.None);
            _time.Advance(TimeSpan.FromMilliseconds(500));
            entry.Lease!.Dispose();
        }

        using var running = (await sut.EnterAsync(CancellationToken.None)).Lease;
        var waiting = Enumerable.Range(0, 6).Select(_ => sut.EnterAsync(CancellationToken.None).AsTask()).ToList();

        // Seventh in line: 7 completions at 20 / 9.5 s is 3.3 s, over the 3 s bound. (A request that queued instead
        // would wait for fake time that never moves: the real-time bound turns that into a failure, not a hang.)
        var refused = await sut.EnterAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        waiting.ShouldAllBe(task => !task.IsCompleted);
        refused.Lease.ShouldBeNull();
        refused.Refusal.ShouldBe("queue_wait_predicted");
        refused.RetryAfter.TotalMilliseconds.ShouldBe(7 / (20 / 9.5) * 1000, tolerance: 1);
        running!.Dispose();
        (await waiting[0]).Lease.ShouldNotBeNull();
    }

    [Fact]
    public async Task EnterAsync_ProcessNotKeepingUp_RefusesWithAStreamFree()
    {
        using var sut = CreateSut(streams: 10, load: new FixedLoad(new LoadSnapshot(TimeSpan.FromSeconds(3), 0.1)));

        var refused = await sut.EnterAsync(CancellationToken.None);

        refused.Lease.ShouldBeNull();
        refused.Refusal.ShouldBe("scheduling_lag");
        sut.InFlight.ShouldBe(0);
    }

    private sealed class FixedLoad(LoadSnapshot snapshot) : ILoadSignal
    {
        public LoadSnapshot Current => snapshot;
    }
}
