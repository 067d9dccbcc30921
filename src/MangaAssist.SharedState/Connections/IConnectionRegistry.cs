namespace MangaAssist.SharedState.Connections;

/// <summary>
/// Which session and user a WebSocket connection belongs to, shared by every instance: registered on
/// <c>$connect</c>, removed on <c>$disconnect</c>, and forgotten by itself at the end of API Gateway's
/// longest connection life (<c>SharedState:ConnectionRegistry:Ttl</c>, 2 h) if the disconnect never came.
/// </summary>
public interface IConnectionRegistry
{
    Task RegisterAsync(ClientConnection connection, CancellationToken cancellationToken = default);

    /// <summary>Null when unknown, removed or expired.</summary>
    Task<ClientConnection?> GetAsync(string connectionId, CancellationToken cancellationToken = default);

    /// <summary>Returns whether the connection was registered.</summary>
    Task<bool> RemoveAsync(string connectionId, CancellationToken cancellationToken = default);
}

/// <summary>A client's WebSocket connection as API Gateway identified it.</summary>
public sealed record ClientConnection(string ConnectionId, string? SessionId, string? UserId, DateTimeOffset ConnectedAt);
