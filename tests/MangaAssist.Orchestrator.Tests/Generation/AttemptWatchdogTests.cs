using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Orchestrator.Generation;
using MangaAssist.Orchestrator.Tests.Support;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Generation;

public sealed class AttemptWatchdogTests
{
    private readonly TimerCountingTimeProvider _time = new();
    private readonly List<CancelReason> _expired = [];

    private AttemptWatchdog CreateSut() =>
        new(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(3), _time, _expired.Add);

    [Fact]
    public void NoFirstToken_ExpiresWithFirstTokenTimeout()
    {
        using var sut = CreateSut();

        _time.Advance(TimeSpan.FromSeconds(9.9));
        _expired.ShouldBeEmpty();
        _time.Advance(TimeSpan.FromSeconds(0.1));

        _expired.ShouldBe([CancelReason.FirstTokenTimeout]);
    }

    [Fact]
    public void TokensArrivingInTime_KeepTheCallAliveUntilSilenceExceedsTheIdleTimeout()
    {
        using var sut = CreateSut();
        for (var i = 0; i < 20; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(2));
            sut.OnToken();
        }

        _time.Advance(TimeSpan.FromSeconds(2.9));
        _expired.ShouldBeEmpty();
        _time.Advance(TimeSpan.FromSeconds(0.2));

        _expired.ShouldBe([CancelReason.IdleTimeout]);
    }

    [Fact]
    public void FirstToken_SwitchesToTheShorterIdleClock()
    {
        using var sut = CreateSut();
        _time.Advance(TimeSpan.FromSeconds(1));

        sut.OnToken();
        _time.Advance(TimeSpan.FromSeconds(3));

        _expired.ShouldBe([CancelReason.IdleTimeout]);
    }

    [Fact]
    public void Dispose_StopsTheClock()
    {
        CreateSut().Dispose();

        _time.Advance(TimeSpan.FromMinutes(5));

        _expired.ShouldBeEmpty();
        _time.ActiveTimers.ShouldBe(0);
    }
}
