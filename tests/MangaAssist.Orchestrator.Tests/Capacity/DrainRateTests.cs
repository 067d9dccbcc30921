using MangaAssist.Orchestrator.Capacity;
using Microsoft.Extensions.Time.Testing;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Capacity;

public sealed class DrainRateTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void PerSecond_TooFewCompletions_IsUnknown()
    {
        var sut = new DrainRate(_time);
        for (var i = 0; i < DrainRate.MinimumSamples - 1; i++)
        {
            sut.Record();
            _time.Advance(TimeSpan.FromMilliseconds(10));
        }

        sut.PerSecond().ShouldBeNull();
    }

    [Fact]
    public void PerSecond_SteadyCompletions_IsTheirRate()
    {
        var sut = new DrainRate(_time);
        for (var i = 0; i < 500; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(10));
            sut.Record();
        }

        // The last 128 completions span 1.27 s up to now: 100.8 a second.
        sut.PerSecond()!.Value.ShouldBe(128 / 1.27, tolerance: 0.01);
    }

    [Fact]
    public void PerSecond_WhenCompletionsStop_Decays()
    {
        var sut = new DrainRate(_time);
        for (var i = 0; i < 200; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(10));
            sut.Record();
        }

        var before = sut.PerSecond()!.Value;
        _time.Advance(TimeSpan.FromSeconds(10));

        sut.PerSecond()!.Value.ShouldBeLessThan(before / 5);
    }
}
