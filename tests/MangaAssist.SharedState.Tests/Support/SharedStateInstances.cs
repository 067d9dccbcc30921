using MangaAssist.SharedState.Extensions;
using MangaAssist.SharedState.Work;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MangaAssist.SharedState.Tests.Support;

/// <summary>
/// Service instances built with <c>AddSharedState</c> and <c>AddSharedWork</c> exactly as the service does: each index is one
/// "instance" with its own container and, with Redis, its own multiplexer; all share one key prefix.
/// </summary>
public sealed class SharedStateInstances : IAsyncDisposable
{
    private readonly Dictionary<int, ServiceProvider> _providers = [];
    private readonly Dictionary<string, string?> _settings;
    private readonly TimeProvider? _timeProvider;

    public SharedStateInstances(string? redisConfiguration, TimeProvider? timeProvider = null, IDictionary<string, string?>? settings = null)
    {
        _timeProvider = timeProvider;
        _settings = new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = redisConfiguration,
            ["Redis:KeyPrefix"] = $"test-{Guid.NewGuid():N}:",
            ["Redis:CircuitBreaker:BreakDuration"] = "00:00:00.500",
            // Generous: the whole test run shares two cores; outage tests set their own short timeouts.
            ["Redis:OperationTimeout"] = "00:00:05",
            ["Redis:ConnectTimeout"] = "00:00:05",
            ["Redis:CircuitBreaker:SamplingDuration"] = "00:00:02",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    /// <summary>Overrides a setting; only before the first instance is built.</summary>
    public void Set(string key, string? value)
    {
        if (_providers.Count > 0)
        {
            throw new InvalidOperationException("Settings are fixed once an instance exists.");
        }

        _settings[key] = value;
    }

    public ServiceProvider Instance(int index)
    {
        lock (_providers)
        {
            if (!_providers.TryGetValue(index, out var provider))
            {
                var configuration = new ConfigurationBuilder().AddInMemoryCollection(_settings).Build();
                var services = new ServiceCollection();
                if (_timeProvider is not null)
                {
                    services.AddSingleton(_timeProvider);
                }

                services.AddSharedState(configuration).AddSharedWork(configuration);
                provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
                _providers[index] = provider;
            }

            return provider;
        }
    }

    /// <summary>The instances still running.</summary>
    public IReadOnlyList<ServiceProvider> Running
    {
        get
        {
            lock (_providers)
            {
                return _providers.Values.ToList();
            }
        }
    }

    public T Get<T>(int index = 0)
        where T : notnull => Instance(index).GetRequiredService<T>();

    /// <summary>Disposes one instance, as if its task stopped (its multiplexer closes, its timers stop).</summary>
    public async Task StopAsync(int index)
    {
        ServiceProvider? provider;
        lock (_providers)
        {
            _providers.Remove(index, out provider);
        }

        if (provider is not null)
        {
            await provider.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers.Values)
        {
            await provider.DisposeAsync();
        }
    }
}
