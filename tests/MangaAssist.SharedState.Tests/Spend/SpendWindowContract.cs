using MangaAssist.SharedState.Spend;
using MangaAssist.SharedState.Tests.Support;

namespace MangaAssist.SharedState.Tests.Spend;

public abstract class SpendWindowContract(RedisServer? redis) : SharedStateContract<ISpendWindow>(redis)
{
    [Fact]
    public async Task Add_OnOneInstance_IsSeenByEveryInstance()
    {
        await Sut(0).AddAsync(2.5m);
        await Sut(1).AddAsync(1.25m);

        // Only a minute boundary crossed between the calls could make it (a hair) smaller.
        (await Sut(1).LastMinuteAsync()).ShouldBeInRange(3.7m, 3.75m);
        (await Sut(0).LastMinuteAsync()).ShouldBeInRange(3.7m, 3.75m);
    }

    [Fact]
    public async Task Add_ConcurrentlyOnTwoInstances_LosesNothing()
    {
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => Sut(i % 2).AddAsync(0.001m))));

        (await Sut().LastMinuteAsync()).ShouldBeInRange(0.039m, 0.04m);
    }

    [Fact]
    public async Task NothingOrLess_IsNotCounted()
    {
        await Sut().AddAsync(0m);
        await Sut().AddAsync(-3m);

        (await Sut(1).LastMinuteAsync()).ShouldBe(0m);
    }
}

public sealed class InMemorySpendWindowTests() : SpendWindowContract(null)
{
    [Fact]
    public async Task LastMinute_FallsAsTheMinuteMovesOn_AndForgetsOlderMinutes()
    {
        // The fake clock starts on a minute boundary.
        await Sut().AddAsync(6m);

        await AdvanceAsync(TimeSpan.FromSeconds(60));
        (await Sut().LastMinuteAsync()).ShouldBe(6m);
        await AdvanceAsync(TimeSpan.FromSeconds(30));
        (await Sut().LastMinuteAsync()).ShouldBe(3m);
        await AdvanceAsync(TimeSpan.FromSeconds(30));
        (await Sut().LastMinuteAsync()).ShouldBe(0m);
    }
}

public sealed class RedisSpendWindowTests(RedisServerFixture redis) : SpendWindowContract(redis.Server), IClassFixture<RedisServerFixture>;
