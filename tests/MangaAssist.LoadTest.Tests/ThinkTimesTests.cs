using MangaAssist.LoadTest.Running;

namespace MangaAssist.LoadTest.Tests;

public sealed class ThinkTimesTests
{
    [Fact]
    public void Next_IsExponentialAroundTheMean_CappedAndRepeatablePerSeed()
    {
        var mean = TimeSpan.FromSeconds(5);
        var draws = Enumerable.Range(0, 20_000).Select(_ => 0.0).ToArray();
        var times = new ThinkTimes(mean, seed: 42);
        for (var i = 0; i < draws.Length; i++)
        {
            draws[i] = times.Next().TotalSeconds;
        }

        // Exponential: mean ≈ 5 s (a little under because of the cap), median ≈ 5·ln 2, never above five means.
        draws.Average().ShouldBe(5, tolerance: 0.2);
        draws.Order().ElementAt(draws.Length / 2).ShouldBe(5 * Math.Log(2), tolerance: 0.2);
        draws.Max().ShouldBeLessThanOrEqualTo(25);
        draws.Min().ShouldBeGreaterThanOrEqualTo(0);

        var again = new ThinkTimes(mean, seed: 42);
        again.Next().TotalSeconds.ShouldBe(draws[0]);
        new ThinkTimes(mean, seed: 43).Next().TotalSeconds.ShouldNotBe(draws[0]);
    }

    [Fact]
    public void Next_WithNoThinkTime_IsZero() =>
        new ThinkTimes(TimeSpan.Zero, seed: 1).Next().ShouldBe(TimeSpan.Zero);
}
