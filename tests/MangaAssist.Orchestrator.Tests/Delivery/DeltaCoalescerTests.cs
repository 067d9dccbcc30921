using System.Threading.Channels;
using MangaAssist.Orchestrator.Delivery;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Orchestrator.Tests.Support;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Delivery;

public sealed class DeltaCoalescerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(40);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly TimerCountingTimeProvider _time = new();
    private readonly Channel<string> _sent = Channel.CreateUnbounded<string>();

    private DeltaCoalescer CreateSut(int thresholdChars = 1000) => new(() => Interval, thresholdChars, _time);

    private Task<DeliveryResult> StartPump(DeltaCoalescer sut, DeliveryResult result = DeliveryResult.Delivered) =>
        sut.PumpAsync((text, _) =>
        {
            _sent.Writer.TryWrite(text);
            return ValueTask.FromResult(result);
        }, CancellationToken.None);

    private async Task<string> NextSentAsync() => await _sent.Reader.ReadAsync().AsTask().WaitAsync(Patience);

    private void WaitForFlushTimer() => SpinWait.SpinUntil(() => _time.ActiveTimers > 0, Patience).ShouldBeTrue();

    [Fact]
    public async Task PumpAsync_FirstText_IsSentWithoutWaitingForTheInterval()
    {
        var sut = CreateSut();
        var pump = StartPump(sut);

        sut.Append("Hello");

        (await NextSentAsync()).ShouldBe("Hello");
        sut.Complete();
        (await pump.WaitAsync(Patience)).ShouldBe(DeliveryResult.Delivered);
    }

    [Fact]
    public async Task PumpAsync_LaterText_IsBatchedUntilTheIntervalEnds()
    {
        var sut = CreateSut();
        var pump = StartPump(sut);
        sut.Append("a");
        await NextSentAsync();

        sut.Append("b");
        WaitForFlushTimer();
        sut.Append("c");
        _time.Advance(Interval - TimeSpan.FromMilliseconds(1));
        _sent.Reader.TryRead(out _).ShouldBeFalse();
        _time.Advance(TimeSpan.FromMilliseconds(1));

        (await NextSentAsync()).ShouldBe("bc");
        sut.Complete();
        await pump.WaitAsync(Patience);
    }

    [Fact]
    public async Task PumpAsync_PendingTextReachingTheThreshold_IsSentBeforeTheInterval()
    {
        var sut = CreateSut(thresholdChars: 5);
        var pump = StartPump(sut);
        sut.Append("a");
        await NextSentAsync();

        sut.Append("bc");
        WaitForFlushTimer();
        sut.Append("def");

        (await NextSentAsync()).ShouldBe("bcdef");
        sut.Complete();
        await pump.WaitAsync(Patience);
    }

    [Fact]
    public async Task PumpAsync_Complete_SendsWhatIsPendingAtOnceAndEnds()
    {
        var sut = CreateSut();
        var pump = StartPump(sut);
        sut.Append("a");
        await NextSentAsync();
        sut.Append("tail");
        WaitForFlushTimer();

        sut.Complete();

        (await NextSentAsync()).ShouldBe("tail");
        (await pump.WaitAsync(Patience)).ShouldBe(DeliveryResult.Delivered);
    }

    [Fact]
    public async Task PumpAsync_DeliveryFailure_IsReturnedAndNothingMoreIsSent()
    {
        var sut = CreateSut();
        var pump = StartPump(sut, DeliveryResult.ClientGone);

        sut.Append("a");

        (await pump.WaitAsync(Patience)).ShouldBe(DeliveryResult.ClientGone);
        sut.Append("b");
        sut.Complete();
        (await NextSentAsync()).ShouldBe("a");
        _sent.Reader.TryRead(out _).ShouldBeFalse();
    }

    [Fact]
    public async Task PumpAsync_ManyTokens_ProduceAtMostOneFramePerIntervalAndLoseNothing()
    {
        var sut = CreateSut(thresholdChars: 100_000);
        var pump = StartPump(sut);
        var expected = new System.Text.StringBuilder();
        var frames = new List<string>();

        expected.Append("t0 ");
        sut.Append("t0 ");
        frames.Add(await NextSentAsync());

        // 499 more tokens, one every 5 ms of fake time: 2.5 s of streaming.
        for (var i = 1; i < 500; i++)
        {
            var token = $"t{i} ";
            expected.Append(token);
            sut.Append(token);
            _time.Advance(TimeSpan.FromMilliseconds(5));
            while (_sent.Reader.TryRead(out var frame))
            {
                frames.Add(frame);
            }
        }

        sut.Complete();
        await pump.WaitAsync(Patience);
        while (_sent.Reader.TryRead(out var frame))
        {
            frames.Add(frame);
        }

        string.Concat(frames).ShouldBe(expected.ToString());
        frames.Count.ShouldBeLessThanOrEqualTo(1 + (2500 / 40) + 1);
        frames.Count.ShouldBeGreaterThan(1);
    }
}
