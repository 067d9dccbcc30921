using MangaAssist.Orchestrator.Generation;
using Microsoft.Extensions.Time.Testing;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Generation;

public sealed class RetryBudgetTests
{
    private readonly FakeTimeProvider _time = new();

    private RetryBudget CreateSut(double ratio = 0.5, int minimumPerSecond = 0) =>
        new(ratio, minimumPerSecond, TimeSpan.FromSeconds(10), _time);

    [Fact]
    public void TryAcquire_AllowsRetriesInProportionToRequests()
    {
        var sut = CreateSut(ratio: 0.5);
        for (var i = 0; i < 40; i++)
        {
            sut.RecordRequest();
        }

        var granted = 0;
        while (sut.TryAcquire(afterTimeout: false))
        {
            granted++;
        }

        granted.ShouldBe(20);
        sut.Available.ShouldBe(0);
    }

    [Fact]
    public void TryAcquire_QuietInstance_StillHasTheFloor()
    {
        var sut = CreateSut(ratio: 0.5, minimumPerSecond: 1);

        Enumerable.Range(0, 20).Count(_ => sut.TryAcquire(false)).ShouldBe(10);
    }

    [Fact]
    public void TryAcquire_AfterATimeout_CostsTwo()
    {
        var sut = CreateSut(ratio: 1);
        sut.RecordRequest();
        sut.RecordRequest();
        sut.RecordRequest();

        sut.TryAcquire(afterTimeout: true).ShouldBeTrue();
        sut.TryAcquire(afterTimeout: true).ShouldBeFalse();
        sut.TryAcquire(afterTimeout: false).ShouldBeTrue();
    }

    [Fact]
    public void Window_Slides_OldRequestsAndRetriesStopCounting()
    {
        var sut = CreateSut(ratio: 0.5);
        for (var i = 0; i < 10; i++)
        {
            sut.RecordRequest();
        }

        Enumerable.Range(0, 10).Count(_ => sut.TryAcquire(false)).ShouldBe(5);
        _time.Advance(TimeSpan.FromSeconds(11));

        sut.Available.ShouldBe(0);
        sut.RecordRequest();
        sut.RecordRequest();
        sut.TryAcquire(false).ShouldBeTrue();
        sut.TryAcquire(false).ShouldBeFalse();
    }

    [Fact]
    public async Task TryAcquire_UnderContention_NeverGrantsMoreThanTheWindowAllows()
    {
        var sut = CreateSut(ratio: 0.2);
        for (var i = 0; i < 1000; i++)
        {
            sut.RecordRequest();
        }

        var granted = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                if (sut.TryAcquire(false))
                {
                    Interlocked.Increment(ref granted);
                }
            }
        })));

        granted.ShouldBe(200);
    }
}
