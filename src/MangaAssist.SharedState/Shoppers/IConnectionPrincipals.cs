namespace MangaAssist.SharedState.Shoppers;

/// <summary>
/// Which principal each WebSocket connection belongs to, recorded at <c>$connect</c> and known to every
/// instance, so any instance can tell whose data a later route call may touch.
/// </summary>
public interface IConnectionPrincipals
{
    /// <summary>Records the owner of <paramref name="connectionId"/> for <c>ConnectionPrincipalsOptions.Ttl</c>.</summary>
    Task RecordAsync(string connectionId, string principalId, CancellationToken cancellationToken = default);

    /// <summary>The owner recorded for <paramref name="connectionId"/>, or null when none is (never connected, expired or disconnected).</summary>
    Task<string?> FindAsync(string connectionId, CancellationToken cancellationToken = default);

    /// <summary>Forgets the connection (<c>$disconnect</c>).</summary>
    Task RemoveAsync(string connectionId, CancellationToken cancellationToken = default);
}
