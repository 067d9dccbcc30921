using System.Threading.Channels;
using MangaAssist.Aws.EventStreams;
using MangaAssist.Orchestrator.Delivery;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Orchestrator.Tests.Support;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Delivery;

/// <summary>The coalescer as the pace of its model stream's reads: one read batch, one flush, no timer of its own.</summary>
public sealed class DeltaCoalescerPacedReadsTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(40);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly TimerCountingTimeProvider _time = new();
    private readonly Channel<string> _sent = Channel.CreateUnbounded<string>();

    private DeltaCoalescer CreateSut() => new(() => Interval, 1000, _time);

    private Task<DeliveryResult> StartPump(DeltaCoalescer sut) =>
        sut.PumpAsync((text, _) =>
        {
            _sent.Writer.TryWrite(text);
            return ValueTask.FromResult(DeliveryResult.Delivered);
        }, CancellationToken.None);

    private async Task<string> NextSentAsync() => await _sent.Reader.ReadAsync().AsTask().WaitAsync(Patience);

    /// <summary>A coalescer whose pump has sent the answer's first text ("a"), and a stream's pacer for it.</summary>
    private async Task<(DeltaCoalescer Sut, Task<DeliveryResult> Pump, IStreamReadPacer Pacer)> PacedAfterFirstTextAsync()
    {
        var sut = CreateSut();
        var pump = StartPump(sut);
        var pacer = sut.StartStream();
        sut.Append("a");
        (await NextSentAsync()).ShouldBe("a");
        return (sut, pump, pacer);
    }

    /// <summary><see cref="PacedAfterFirstTextAsync"/>, then one paced read whose interval has passed.</summary>
    private async Task<(DeltaCoalescer Sut, Task<DeliveryResult> Pump, IStreamReadPacer Pacer)> PacedReadDoneAsync()
    {
        var paced = await PacedAfterFirstTextAsync();
        var read = paced.Pacer.BeforeReadAsync(CancellationToken.None).AsTask();
        SpinWait.SpinUntil(() => _time.ActiveTimers > 0, Patience).ShouldBeTrue();
        _time.Advance(Interval);
        await read.WaitAsync(Patience);
        return paced;
    }

    [Fact]
    public void BeforeTheFirstText_ReadsGoAtOnce()
    {
        var sut = CreateSut();
        using var pacer = sut.StartStream();

        var read = pacer.BeforeReadAsync(CancellationToken.None).AsTask();

        read.IsCompletedSuccessfully.ShouldBeTrue();
        _time.ActiveTimers.ShouldBe(0);
    }

    [Fact]
    public async Task AfterTheFirstText_TheNextReadWaitsOneInterval()
    {
        var sut = CreateSut();
        var pump = StartPump(sut);
        using var pacer = sut.StartStream();
        sut.Append("first");
        (await NextSentAsync()).ShouldBe("first");

        var read = pacer.BeforeReadAsync(CancellationToken.None).AsTask();
        SpinWait.SpinUntil(() => _time.ActiveTimers > 0, Patience).ShouldBeTrue();
        _time.Advance(Interval - TimeSpan.FromMilliseconds(1));
        read.IsCompleted.ShouldBeFalse();
        _time.Advance(TimeSpan.FromMilliseconds(1));

        await read.WaitAsync(Patience);
        sut.Complete();
        await pump.WaitAsync(Patience);
    }

    [Fact]
    public async Task AReadBatch_IsFlushedWhenTheStreamIsAboutToReadAgain_WithoutWaitingForTheInterval()
    {
        var (sut, pump, pacer) = await PacedAfterFirstTextAsync();
        using var stream = pacer;
        _ = pacer.BeforeReadAsync(CancellationToken.None).AsTask();

        // What one read returned: several events' text, then the stream needs the network again.
        sut.Append("b");
        sut.Append("c");
        sut.Append("d");
        _sent.Reader.TryRead(out _).ShouldBeFalse();
        _ = pacer.BeforeReadAsync(CancellationToken.None).AsTask();

        // The clock has not moved: the batch, not a timer, flushed it.
        (await NextSentAsync()).ShouldBe("bcd");
        sut.Complete();
        await pump.WaitAsync(Patience);
    }

    [Fact]
    public async Task WhileAStreamIsPaced_TextIsHeldUntilItsBatchEnds_EvenPastTheInterval()
    {
        var (sut, pump, pacer) = await PacedAfterFirstTextAsync();
        using var stream = pacer;
        _ = pacer.BeforeReadAsync(CancellationToken.None).AsTask();
        SpinWait.SpinUntil(() => _time.ActiveTimers > 0, Patience).ShouldBeTrue();
        _time.Advance(Interval);

        sut.Append("b");
        _time.Advance(Interval * 3);
        await Task.Delay(50);
        _sent.Reader.TryRead(out _).ShouldBeFalse();
        sut.Append("c");
        _ = pacer.BeforeReadAsync(CancellationToken.None).AsTask();

        (await NextSentAsync()).ShouldBe("bc");
        sut.Complete();
        await pump.WaitAsync(Patience);
    }

    [Fact]
    public async Task WhenThePacedStreamEnds_PendingTextFallsBackToTheInterval()
    {
        var (sut, pump, pacer) = await PacedReadDoneAsync();
        SpinWait.SpinUntil(() => _time.ActiveTimers == 0, Patience).ShouldBeTrue();

        // Text from elsewhere (a retry that is not paced yet) after the paced stream ended: no batch will end it.
        pacer.Dispose();
        sut.Append("b");

        SpinWait.SpinUntil(() => _time.ActiveTimers > 0, Patience).ShouldBeTrue();
        _sent.Reader.TryRead(out _).ShouldBeFalse();
        _time.Advance(Interval);
        (await NextSentAsync()).ShouldBe("b");
        sut.Complete();
        await pump.WaitAsync(Patience);
    }

    [Fact]
    public async Task WhenThePacedStreamEndsAfterItsLastRead_TheTextWaitsForTheAnswersEnd()
    {
        var (sut, pump, pacer) = await PacedReadDoneAsync();

        // The last read held the rest of the text and the stream's end: the stream leaves before the answer completes.
        sut.Append("b");
        pacer.Dispose();
        await Task.Delay(50);
        _sent.Reader.TryRead(out _).ShouldBeFalse();

        sut.Complete();
        (await NextSentAsync()).ShouldBe("b");
        await pump.WaitAsync(Patience);
    }

    [Fact]
    public async Task WhenThePacedStreamEndsAfterItsLastRead_AndNoEndFollows_TheIntervalFlushes()
    {
        var (sut, pump, pacer) = await PacedReadDoneAsync();
        SpinWait.SpinUntil(() => _time.ActiveTimers == 0, Patience).ShouldBeTrue();

        sut.Append("b");
        pacer.Dispose();
        SpinWait.SpinUntil(() => _time.ActiveTimers > 0, Patience).ShouldBeTrue();
        _sent.Reader.TryRead(out _).ShouldBeFalse();
        _time.Advance(Interval);

        (await NextSentAsync()).ShouldBe("b");
        sut.Complete();
        await pump.WaitAsync(Patience);
    }

    [Fact]
    public async Task AfterTheEnd_ReadsAreNotPaced()
    {
        var (sut, pump, pacer) = await PacedAfterFirstTextAsync();
        using var stream = pacer;
        sut.Complete();
        await pump.WaitAsync(Patience);

        pacer.BeforeReadAsync(CancellationToken.None).AsTask().IsCompletedSuccessfully.ShouldBeTrue();
    }

    [Fact]
    public async Task ACancelledRead_StopsWaiting()
    {
        var sut = CreateSut();
        using var pacer = sut.StartStream();
        sut.Append("a");
        using var cancel = new CancellationTokenSource();

        var read = pacer.BeforeReadAsync(cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => read.WaitAsync(Patience));
    }
}
