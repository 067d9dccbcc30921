using MangaAssist.SharedState.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MangaAssist.SharedState.Tests.Support;

/// <summary>
/// Base of the contract tests: each capability's contract runs once in memory (on a fake clock) and once on
/// a real redis-server (on the real clock, with two instances that share it).
/// </summary>
public abstract class SharedStateContract<TSut> : IAsyncLifetime
    where TSut : class
{
    private readonly FakeTimeProvider? _clock;

    protected SharedStateContract(RedisServer? redis)
    {
        IsRedis = redis is not null;
        _clock = redis is null ? new FakeTimeProvider(ClockStart) : null;
        Instances = new SharedStateInstances(redis?.Configuration, _clock);
    }

    /// <summary>Where the in-memory runs' fake clock starts.</summary>
    protected static DateTimeOffset ClockStart { get; } = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    protected bool IsRedis { get; }

    protected SharedStateInstances Instances { get; }

    /// <summary>The capability of instance <paramref name="instance"/>; in memory every instance is this process.</summary>
    protected TSut Sut(int instance = 0) => Instances.Get<TSut>(IsRedis ? instance : 0);

    /// <summary>Moves time on: the fake clock in memory, a real wait on Redis (whose clock can't be moved).</summary>
    protected async Task AdvanceAsync(TimeSpan by)
    {
        if (_clock is not null)
        {
            _clock.Advance(by);
        }
        else
        {
            await Task.Delay(by);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        try
        {
            if (IsRedis)
            {
                // A Redis contract test that passed on a local fallback proved nothing about Redis.
                foreach (var instance in Instances.Running)
                {
                    instance.GetRequiredService<RedisGateway>().UnavailableCalls.ShouldBe(0, "Redis could not serve a call in a Redis contract test");
                }
            }
        }
        finally
        {
            await Instances.DisposeAsync();
        }
    }
}
