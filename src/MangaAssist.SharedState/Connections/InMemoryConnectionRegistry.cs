using MangaAssist.SharedState.Internal;

namespace MangaAssist.SharedState.Connections;

/// <summary>The connection registry of one process.</summary>
internal sealed class InMemoryConnectionRegistry : IConnectionRegistry
{
    private readonly LocalExpiringMap<ClientConnection> _connections;
    private readonly ConnectionRegistryOptions _options;
    private readonly TimeProvider _timeProvider;

    public InMemoryConnectionRegistry(ConnectionRegistryOptions options, TimeProvider timeProvider)
    {
        _options = options;
        _timeProvider = timeProvider;
        _connections = new LocalExpiringMap<ClientConnection>(timeProvider, options.MaxLocalConnections);
    }

    public Task RegisterAsync(ClientConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrEmpty(connection.ConnectionId);
        _connections.Set(connection.ConnectionId, connection, RemainingLife(connection, _options.Ttl, _timeProvider));
        return Task.CompletedTask;
    }

    public Task<ClientConnection?> GetAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionId);
        return Task.FromResult(_connections.TryGet(connectionId, out var connection) ? connection : null);
    }

    public Task<bool> RemoveAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionId);
        return Task.FromResult(_connections.Remove(connectionId));
    }

    /// <summary>The registration ends when the connection can't live any longer; at least one second.</summary>
    internal static TimeSpan RemainingLife(ClientConnection connection, TimeSpan ttl, TimeProvider timeProvider)
    {
        var remaining = connection.ConnectedAt + ttl - timeProvider.GetUtcNow();
        return remaining < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : remaining;
    }
}
