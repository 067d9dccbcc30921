using System.Threading.Channels;
using MangaAssist.Orchestrator.Options;
using MangaAssist.Orchestrator.Pipeline;
using MangaAssist.Orchestrator.Tests.Support;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Pipeline;

public sealed class FlushPaceTests
{
    private readonly TimerCountingTimeProvider _time = new();
    private long _inFlight;

    private FlushPace CreateSut(StreamingOptions? options = null) => new(options ?? new StreamingOptions(), () => Interlocked.Read(ref _inFlight), _time);

    [Theory]
    [InlineData(0, 50)]
    [InlineData(1, 50)]
    [InlineData(100, 50)]
    [InlineData(200, 100)]
    [InlineData(300, 150)]
    [InlineData(500, 250)]
    [InlineData(1000, 250)]
    public void Defaults_KeepFiftyMillisecondsUntilTwoThousandPostsASecond_ThenStretchUpToTheMaximum(long inFlight, int expectedMs)
    {
        CreateSut().For(inFlight).ShouldBe(TimeSpan.FromMilliseconds(expectedMs));
    }

    [Theory]
    [InlineData(100)]
    [InlineData(1000)]
    [InlineData(5000)]
    public void AFlushIntervalLongerThanTheMaximum_IsKept_NeverShortened(long inFlight)
    {
        // Raising only FlushInterval (say to 500 ms) must not need MaxFlushInterval too: that interval just stays.
        CreateSut(new StreamingOptions { FlushInterval = TimeSpan.FromMilliseconds(500) }).For(inFlight).ShouldBe(TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public void ModelReads_ArePacedByTheAnswersCoalescer_UnlessTurnedOff()
    {
        new StreamingOptions().PaceModelReads.ShouldBeTrue();
        var paced = CreateSut(new StreamingOptions { PaceModelReads = true });
        var coalescer = paced.CreateCoalescer();
        paced.ReadPacingFor(coalescer).ShouldBeSameAs(coalescer);

        var unpaced = CreateSut(new StreamingOptions { PaceModelReads = false });
        unpaced.ReadPacingFor(unpaced.CreateCoalescer()).ShouldBeNull();
    }

    [Fact]
    public void PostsPerSecondZero_NeverStretches()
    {
        CreateSut(new StreamingOptions { PostsPerSecond = 0 }).For(1000).ShouldBe(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Interval_FollowsTheStreamsInFlight_ReadAtMostEveryHundredMilliseconds()
    {
        var sut = CreateSut();
        sut.Interval.ShouldBe(TimeSpan.FromMilliseconds(50));

        Interlocked.Exchange(ref _inFlight, 400);
        sut.Interval.ShouldBe(TimeSpan.FromMilliseconds(50));
        _time.Advance(TimeSpan.FromMilliseconds(100));
        sut.Interval.ShouldBe(TimeSpan.FromMilliseconds(200));

        Interlocked.Exchange(ref _inFlight, 10);
        _time.Advance(TimeSpan.FromMilliseconds(100));
        sut.Interval.ShouldBe(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task ACoalescerOfABusyTask_HoldsLaterTextForTheStretchedInterval()
    {
        Interlocked.Exchange(ref _inFlight, 200);
        var sut = CreateSut();
        var coalescer = sut.CreateCoalescer();
        var sent = Channel.CreateUnbounded<string>();
        var pump = coalescer.PumpAsync((text, _) =>
        {
            sent.Writer.TryWrite(text);
            return ValueTask.FromResult(Kernel.DeliveryResult.Delivered);
        }, CancellationToken.None);

        coalescer.Append("first");
        (await sent.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10))).ShouldBe("first");
        coalescer.Append("second");
        SpinWait.SpinUntil(() => _time.ActiveTimers > 0, TimeSpan.FromSeconds(10)).ShouldBeTrue();

        _time.Advance(TimeSpan.FromMilliseconds(60));
        sent.Reader.TryRead(out _).ShouldBeFalse("50 ms is the quiet task's interval, not this one's");
        _time.Advance(TimeSpan.FromMilliseconds(40));
        (await sent.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10))).ShouldBe("second");

        coalescer.Complete();
        (await pump.WaitAsync(TimeSpan.FromSeconds(10))).ShouldBe(Kernel.DeliveryResult.Delivered);
    }
}
