using StackExchange.Redis;

namespace MangaAssist.SharedState.Redis;

/// <summary>
/// Hands the shared-state multiplexer, once connected, to whoever observes Redis (the OpenTelemetry Redis
/// instrumentation). The gateway connects lazily, so observers subscribe instead of resolving a connection.
/// </summary>
public sealed class RedisConnectionAnnouncer
{
    private readonly Lock _lock = new();
    private readonly List<Action<IConnectionMultiplexer>> _observers = [];
    private readonly List<IConnectionMultiplexer> _connected = [];

    /// <summary>Calls <paramref name="observer"/> for every multiplexer connected so far and every later one.</summary>
    public void OnConnected(Action<IConnectionMultiplexer> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        IConnectionMultiplexer[] already;
        lock (_lock)
        {
            _observers.Add(observer);
            already = [.. _connected];
        }

        foreach (var multiplexer in already)
        {
            observer(multiplexer);
        }
    }

    internal void Announce(IConnectionMultiplexer multiplexer)
    {
        Action<IConnectionMultiplexer>[] observers;
        lock (_lock)
        {
            _connected.Add(multiplexer);
            observers = [.. _observers];
        }

        foreach (var observer in observers)
        {
            observer(multiplexer);
        }
    }
}
