using MangaAssist.Orchestrator.Pipeline;
using MangaAssist.Orchestrator.Options;
using Microsoft.Extensions.Time.Testing;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Pipeline;

public sealed class StreamAdmissionTests
{
    private readonly FakeTimeProvider _time = new();

    private StreamAdmission CreateSut(int streams = 2, int queue = 1) => new(Microsoft.Extensions.Options.Options.Create(new CapacityOptions
    {
        MaxConcurrentStreams = streams,
        MaxQueuedRequests = queue,
        MaxQueueWait = TimeSpan.FromSeconds(3),
    }), _time);

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
}
