using System.Collections.Concurrent;

namespace MangaAssist.Emulators.ApiGateway.Connections;

/// <summary>Accepted connections by id, from the accepted upgrade until their <c>$disconnect</c> is sent.</summary>
internal sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<string, GatewayConnection> _connections = new(StringComparer.Ordinal);

    public int Count => _connections.Count;

    public IReadOnlyCollection<string> Ids => _connections.Keys.ToArray();

    public IEnumerable<GatewayConnection> All => _connections.Values;

    /// <summary>A connection id not used by any open connection.</summary>
    public string NewConnectionId()
    {
        while (true)
        {
            var id = AwsStyleId.New();
            if (!_connections.ContainsKey(id))
            {
                return id;
            }
        }
    }

    public bool TryAdd(GatewayConnection connection) => _connections.TryAdd(connection.Id, connection);

    /// <summary>The connection with this id unless it is unknown or already closing.</summary>
    public bool TryGetOpen(string connectionId, out GatewayConnection connection) =>
        _connections.TryGetValue(connectionId, out connection!) && connection.CloseStatus is null;

    public void Remove(GatewayConnection connection) =>
        _connections.TryRemove(new KeyValuePair<string, GatewayConnection>(connection.Id, connection));
}
