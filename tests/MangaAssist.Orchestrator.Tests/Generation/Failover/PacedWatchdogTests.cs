using MangaAssist.Orchestrator.Generation;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Orchestrator.Tests.Support;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Generation.Failover;

/// <summary>The idle deadline from the stream's own pace: clamped between the floor and the route's idle timeout.</summary>
public sealed class PacedWatchdogTests
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(20);
    private readonly TimerCountingTimeProvider _time = new();
    private readonly List<CancelReason> _expired = [];

    private AttemptWatchdog CreateSut(double multiplier = 10, double floorSeconds = 0.5) =>
        new(TimeSpan.FromSeconds(10), Idle, _time, _expired.Add, new StallPace(MinTokens: 5, multiplier, TimeSpan.FromSeconds(floorSeconds)));

    private void Tokens(AttemptWatchdog sut, int count, TimeSpan gap)
    {
        for (var i = 0; i < count; i++)
        {
            _time.Advance(gap);
            sut.OnToken();
        }
    }

    [Fact]
    public void SteadyStream_StallsAfterTenTimesItsGap()
    {
        using var sut = CreateSut();
        Tokens(sut, 20, TimeSpan.FromMilliseconds(100));

        sut.IdleDeadline.ShouldBe(TimeSpan.FromSeconds(1));
        _time.Advance(TimeSpan.FromMilliseconds(999));
        _expired.ShouldBeEmpty();
        _time.Advance(TimeSpan.FromMilliseconds(1));
        _expired.ShouldBe([CancelReason.IdleTimeout]);
    }

    [Fact]
    public void FewTokens_KeepTheRouteIdleTimeout()
    {
        using var sut = CreateSut();
        Tokens(sut, 4, TimeSpan.FromMilliseconds(100));

        sut.IdleDeadline.ShouldBe(Idle);
        _time.Advance(Idle - TimeSpan.FromMilliseconds(1));
        _expired.ShouldBeEmpty();
    }

    [Fact]
    public void FastStream_GetsTheFloor()
    {
        using var sut = CreateSut(floorSeconds: 2);
        Tokens(sut, 30, TimeSpan.FromMilliseconds(10));

        sut.IdleDeadline.ShouldBe(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void OneLongPause_WidensTheDeadlineToTwiceThatPause()
    {
        using var sut = CreateSut();
        Tokens(sut, 10, TimeSpan.FromMilliseconds(100));
        Tokens(sut, 1, TimeSpan.FromMilliseconds(800));
        Tokens(sut, 10, TimeSpan.FromMilliseconds(100));

        sut.IdleDeadline.ShouldBe(TimeSpan.FromMilliseconds(1600));
        _time.Advance(TimeSpan.FromMilliseconds(1599));
        _expired.ShouldBeEmpty();
    }

    [Fact]
    public void SlowStream_NeverWaitsLongerThanTheIdleTimeout()
    {
        using var sut = CreateSut();
        Tokens(sut, 6, TimeSpan.FromSeconds(5));

        sut.IdleDeadline.ShouldBe(Idle);
    }
}
