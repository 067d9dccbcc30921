using MangaAssist.Orchestrator.Generation;
using Microsoft.Extensions.Time.Testing;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Generation.Failover;

/// <summary>The burst reserve: full from the start, spent only beyond the window's share, refilled by completed answers.</summary>
public sealed class RetryBudgetBurstTests
{
    private readonly FakeTimeProvider _time = new();

    private RetryBudget CreateSut(int burst, double refill = 1) => new(ratio: 0.5, minimumPerSecond: 0, TimeSpan.FromSeconds(10), _time, burst, refill);

    private static int Drain(RetryBudget budget) => Enumerable.Range(0, 100_000).TakeWhile(_ => budget.TryAcquire(afterTimeout: false)).Count();

    [Fact]
    public void FreshInstance_AdmitsABurstsRetriesBeyondTheWindowsShare()
    {
        var sut = CreateSut(burst: 100);
        for (var i = 0; i < 200; i++)
        {
            sut.RecordRequest();
        }

        Drain(sut).ShouldBe(200, "half a retry per answer (100) plus the full reserve (100)");
    }

    [Fact]
    public void Reserve_IsSpentOnlyAfterTheWindowsShare()
    {
        var sut = CreateSut(burst: 10);
        for (var i = 0; i < 4; i++)
        {
            sut.RecordRequest();
        }

        sut.TryAcquire(false).ShouldBeTrue();
        sut.TryAcquire(false).ShouldBeTrue();
        sut.Available.ShouldBe(10, "the window's two were taken first");
    }

    [Fact]
    public void Outage_SpendsTheReserveOnceThenOnlyTheWindowsShare()
    {
        var sut = CreateSut(burst: 20);
        var requests = 0;
        var retries = 0;
        for (var second = 0; second < 60; second++)
        {
            for (var i = 0; i < 10; i++)
            {
                sut.RecordRequest();
                requests++;
                retries += sut.TryAcquire(false) ? 1 : 0;
            }

            _time.Advance(TimeSpan.FromSeconds(1));
        }

        // A minute of failing requests costs at most half again plus the reserve, once.
        retries.ShouldBeLessThanOrEqualTo((requests / 2) + 20 + 5);
        retries.ShouldBeGreaterThan(requests / 3);
    }

    [Fact]
    public void Success_RefillsTheReserveUpToItsCapacity()
    {
        var sut = CreateSut(burst: 3, refill: 1);
        Drain(sut).ShouldBe(3);

        sut.RecordSuccess();
        sut.RecordSuccess();
        sut.Available.ShouldBe(2);
        for (var i = 0; i < 10; i++)
        {
            sut.RecordSuccess();
        }

        sut.Available.ShouldBe(3);
    }

    [Fact]
    public void RetryAfterATimeout_CostsTwoFromTheReserveToo()
    {
        var sut = CreateSut(burst: 3);

        sut.TryAcquire(afterTimeout: true).ShouldBeTrue();
        sut.TryAcquire(afterTimeout: true).ShouldBeFalse();
        sut.TryAcquire(afterTimeout: false).ShouldBeTrue();
    }
}
