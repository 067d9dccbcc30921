using MangaAssist.Orchestrator.Chat;
using MangaAssist.Orchestrator.Options;
using MangaAssist.Orchestrator.Tests.Support;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Chat;

public sealed class StreamDeadlinesTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly ActiveRequest _request = new("conn", "r");

    private StreamDeadlines CreateSut() => new(_request, new ChatRouteOptions
    {
        FirstTokenTimeout = TimeSpan.FromSeconds(10),
        IdleTimeout = TimeSpan.FromSeconds(3),
        TotalTimeout = TimeSpan.FromSeconds(60),
    }, _time);

    [Fact]
    public void NoFirstToken_CancelsWithFirstTokenTimeout()
    {
        using var sut = CreateSut();

        _time.Advance(TimeSpan.FromSeconds(9.9));
        _request.Token.IsCancellationRequested.ShouldBeFalse();
        _time.Advance(TimeSpan.FromSeconds(0.1));

        _request.Reason.ShouldBe(CancelReason.FirstTokenTimeout);
    }

    [Fact]
    public void TokensArrivingInTime_KeepTheStreamAliveUntilSilenceExceedsTheIdleTimeout()
    {
        using var sut = CreateSut();
        for (var i = 0; i < 20; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(2));
            sut.OnToken();
        }

        _request.Token.IsCancellationRequested.ShouldBeFalse();
        _time.Advance(TimeSpan.FromSeconds(2.9));
        _request.Token.IsCancellationRequested.ShouldBeFalse();
        _time.Advance(TimeSpan.FromSeconds(0.2));

        _request.Reason.ShouldBe(CancelReason.IdleTimeout);
    }

    [Fact]
    public void SteadyTokens_StillEndAtTheTotalTimeout()
    {
        using var sut = CreateSut();
        for (var i = 0; i < 61; i++)
        {
            sut.OnToken();
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        _request.Reason.ShouldBe(CancelReason.TotalTimeout);
    }

    [Fact]
    public void Dispose_StopsAllClocks()
    {
        CreateSut().Dispose();

        _time.Advance(TimeSpan.FromMinutes(5));

        _request.Token.IsCancellationRequested.ShouldBeFalse();
        _time.ActiveTimers.ShouldBe(0);
    }
}
