using MangaAssist.SharedState.RateLimiting;
using MangaAssist.SharedState.Tests.Support;

namespace MangaAssist.SharedState.Tests.RateLimiting;

public abstract class RateLimiterContract : SharedStateContract<IRateLimiter>
{
    protected RateLimiterContract(RedisServer? redis)
        : base(redis)
    {
        // Five messages, then one every 100 s: nothing refills within a test unless it waits on purpose.
        Instances.Set("SharedState:RateLimits:UserMessages:Capacity", "5");
        Instances.Set("SharedState:RateLimits:UserMessages:RefillPerSecond", "0.01");
        Instances.Set("SharedState:RateLimits:ConnectionMessages:Capacity", "3");
        Instances.Set("SharedState:RateLimits:ConnectionMessages:RefillPerSecond", "0.01");
        Instances.Set("SharedState:RateLimits:UserOutputTokens:Capacity", "1000");
        Instances.Set("SharedState:RateLimits:UserOutputTokens:RefillPerSecond", "10");
        Instances.Set("SharedState:RateLimits:GuestSpend:PerWindow", "1");
        Instances.Set("SharedState:RateLimits:GuestSpend:Window", "00:01:00");
    }

    [Fact]
    public async Task SpendBudget_AnOverspentGuestWaitsUntilTheDebtIsRepaid()
    {
        // 1 (yen) a minute; an answer that cost 1.5 leaves a debt of 0.5, repaid in about 30 s.
        (await Sut(0).TryAcquireAsync(RateLimitScope.GuestSpend, "g-1")).Allowed.ShouldBeTrue();

        await Sut(1).ChargeAsync(RateLimitScope.GuestSpend, "g-1", SpendBudget.ToMicros(1.5m));

        var denied = await Sut(0).TryAcquireAsync(RateLimitScope.GuestSpend, "g-1");
        denied.Allowed.ShouldBeFalse();
        denied.RetryAfter.ShouldBeInRange(TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(31));
        (await Sut(1).TryAcquireAsync(RateLimitScope.GuestSpend, "g-2")).Allowed.ShouldBeTrue();
    }

    [Fact]
    public async Task TryAcquire_AllowsTheBurst_ThenDeniesWithRetryAfter_AcrossInstances()
    {
        var decisions = new List<RateLimitDecision>();
        for (var i = 0; i < 12; i++)
        {
            decisions.Add(await Sut(i % 2).TryAcquireAsync(RateLimitScope.UserMessages, "u-1"));
        }

        decisions.Count(d => d.Allowed).ShouldBe(5);
        decisions.Take(5).ShouldAllBe(d => d.Allowed && d.RetryAfter == TimeSpan.Zero);
        decisions.Skip(5).ShouldAllBe(d => !d.Allowed && d.RetryAfter > TimeSpan.Zero && d.RetryAfter <= TimeSpan.FromSeconds(100));
    }

    [Fact]
    public async Task TryAcquire_ConcurrentlyOnTwoInstances_NeverExceedsTheCapacity()
    {
        var decisions = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Task.Run(() => Sut(i % 2).TryAcquireAsync(RateLimitScope.UserMessages, "u-burst"))));

        decisions.Count(d => d.Allowed).ShouldBe(5);
    }

    [Fact]
    public async Task Buckets_AreSeparatePerScopeAndId()
    {
        for (var i = 0; i < 5; i++)
        {
            await Sut().TryAcquireAsync(RateLimitScope.UserMessages, "u-1");
        }

        (await Sut(1).TryAcquireAsync(RateLimitScope.UserMessages, "u-1")).Allowed.ShouldBeFalse();
        (await Sut(1).TryAcquireAsync(RateLimitScope.UserMessages, "u-2")).Allowed.ShouldBeTrue();
        (await Sut(1).TryAcquireAsync(RateLimitScope.ConnectionMessages, "u-1")).Allowed.ShouldBeTrue();
    }

    [Fact]
    public async Task TryAcquire_AfterRefill_AllowsAgain()
    {
        // 1000 tokens, 10 a second: charging 1010 leaves a debt of 10 that takes a second to repay.
        await Sut().ChargeAsync(RateLimitScope.UserOutputTokens, "u-1", 1010);

        var denied = await Sut(1).TryAcquireAsync(RateLimitScope.UserOutputTokens, "u-1", 5);
        denied.Allowed.ShouldBeFalse();
        denied.RetryAfter.ShouldBeInRange(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1500));

        await AdvanceAsync(TimeSpan.FromMilliseconds(1700));

        (await Sut(0).TryAcquireAsync(RateLimitScope.UserOutputTokens, "u-1", 5)).Allowed.ShouldBeTrue();
    }

    [Fact]
    public async Task Charge_TakesBeyondTheBalance_AndLaterAcquisitionsWaitForTheDebt()
    {
        (await Sut(0).TryAcquireAsync(RateLimitScope.UserOutputTokens, "u-1", 1)).Allowed.ShouldBeTrue();

        var charged = await Sut(1).ChargeAsync(RateLimitScope.UserOutputTokens, "u-1", 1500);

        charged.Allowed.ShouldBeTrue();
        charged.Remaining.ShouldBeInRange(-501, -400);
        var denied = await Sut(0).TryAcquireAsync(RateLimitScope.UserOutputTokens, "u-1", 1);
        denied.Allowed.ShouldBeFalse();
        denied.RetryAfter.ShouldBeInRange(TimeSpan.FromSeconds(39), TimeSpan.FromSeconds(51));
    }

    [Fact]
    public async Task TryAcquire_MoreThanTheCapacity_Throws() =>
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => Sut().TryAcquireAsync(RateLimitScope.ConnectionMessages, "c", 4));

    [Fact]
    public async Task TryAcquireEach_TakesInOrderUntilTheFirstRefusal_AcrossInstances()
    {
        (RateLimitScope, string)[] buckets = [(RateLimitScope.ConnectionMessages, "c-each"), (RateLimitScope.UserMessages, "u-each")];
        for (var i = 0; i < 3; i++)
        {
            (await Sut(i % 2).TryAcquireEachAsync(buckets)).Allowed.ShouldBeTrue();
        }

        var refused = await Sut(1).TryAcquireEachAsync(buckets);

        refused.RefusedAt.ShouldBe(0);
        refused.Decision.Allowed.ShouldBeFalse();
        refused.Decision.RetryAfter.ShouldBeGreaterThan(TimeSpan.Zero);
        // The user's bucket gave three permits, not four: two of five are left.
        (await Sut(0).TryAcquireAsync(RateLimitScope.UserMessages, "u-each")).Remaining.ShouldBeInRange(0.99, 1.1);
    }

    [Fact]
    public async Task TryAcquireEach_ALaterBucketRefuses_TheEarlierOnesKeepTheirPermit()
    {
        for (var i = 0; i < 5; i++)
        {
            (await Sut().TryAcquireAsync(RateLimitScope.UserMessages, "u-full")).Allowed.ShouldBeTrue();
        }

        var refused = await Sut(1).TryAcquireEachAsync([(RateLimitScope.ConnectionMessages, "c-first"), (RateLimitScope.UserMessages, "u-full")]);

        refused.RefusedAt.ShouldBe(1);
        (await Sut(0).TryAcquireAsync(RateLimitScope.ConnectionMessages, "c-first")).Remaining.ShouldBeInRange(0.99, 1.1);
    }
}

public sealed class InMemoryRateLimiterTests() : RateLimiterContract(null);

public sealed class RedisRateLimiterTests(RedisServerFixture redis) : RateLimiterContract(redis.Server), IClassFixture<RedisServerFixture>;
