using MangaAssist.SharedState.Internal;

namespace MangaAssist.SharedState.Shoppers;

/// <summary>Connection owners of one process: without Redis, and as the Redis implementation's cache.</summary>
internal sealed class InMemoryConnectionPrincipals(ConnectionPrincipalsOptions options, TimeProvider timeProvider) : IConnectionPrincipals
{
    private readonly LocalExpiringMap<string> _owners = new(timeProvider, options.MaxLocalConnections);

    public Task RecordAsync(string connectionId, string principalId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionId);
        if (!ShopperKeys.IsValidOwnerId(principalId))
        {
            throw new ArgumentException("Not a principal id.", nameof(principalId));
        }

        _owners.Set(connectionId, principalId, options.Ttl);
        return Task.CompletedTask;
    }

    public Task<string?> FindAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionId);
        return Task.FromResult(_owners.TryGet(connectionId, out var owner) ? owner : null);
    }

    public Task RemoveAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionId);
        _owners.Remove(connectionId);
        return Task.CompletedTask;
    }
}
