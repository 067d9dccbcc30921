using MangaAssist.SharedState.Extensions;
using MangaAssist.SharedState.Redis;
using MangaAssist.SharedState.Tests.Support;
using MangaAssist.SharedState.Work;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MangaAssist.SharedState.Tests.Work;

/// <summary>
/// Base of the work-queue and job-store contracts: "instances" built with <c>AddSharedState</c> and
/// <c>AddSharedWork</c> as the service builds them, in memory on a fake clock or on a real redis-server.
/// </summary>
public abstract class WorkContract : IAsyncLifetime
{
    protected static readonly TimeSpan Visibility = TimeSpan.FromMilliseconds(400);

    private readonly FakeTimeProvider? _clock;
    private readonly Dictionary<string, string?> _settings;
    private readonly Dictionary<int, ServiceProvider> _instances = [];

    protected WorkContract(RedisServer? redis)
    {
        IsRedis = redis is not null;
        _clock = redis is null ? new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero)) : null;
        _settings = new()
        {
            ["Redis:Configuration"] = redis?.Configuration,
            ["Redis:KeyPrefix"] = $"test-{Guid.NewGuid():N}:",
            ["Redis:OperationTimeout"] = "00:00:05",
            ["SharedState:Work:VisibilityTimeout"] = Visibility.ToString(),
        };
    }

    protected bool IsRedis { get; }

    protected T Sut<T>(int instance = 0)
        where T : notnull
    {
        var index = IsRedis ? instance : 0;
        if (!_instances.TryGetValue(index, out var provider))
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(_settings).Build();
            var services = new ServiceCollection();
            if (_clock is not null)
            {
                services.AddSingleton<TimeProvider>(_clock);
            }

            services.AddSharedState(configuration).AddSharedWork(configuration);
            _instances[index] = provider = services.BuildServiceProvider();
        }

        return provider.GetRequiredService<T>();
    }

    /// <summary>Moves time on: the fake clock in memory, a real wait on Redis.</summary>
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
        foreach (var provider in _instances.Values)
        {
            if (IsRedis)
            {
                // A Redis contract that passed without Redis proved nothing.
                provider.GetRequiredService<RedisGateway>().UnavailableCalls.ShouldBe(0);
            }

            await provider.DisposeAsync();
        }
    }
}
