using MangaAssist.SharedState.Redis;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace MangaAssist.SharedState.Shoppers;

/// <summary>
/// One string per connection, <c>{prefix}conn:{connectionId}</c> = principal id, with the options' TTL.
/// A connection's owner never changes, so each instance caches what it read; while Redis is unavailable
/// only connections recorded or seen on this instance are known.
/// </summary>
internal sealed class RedisConnectionPrincipals(
    RedisGateway redis,
    InMemoryConnectionPrincipals cache,
    ConnectionPrincipalsOptions options,
    SharedStateTelemetry telemetry,
    ILogger<RedisConnectionPrincipals> logger) : IConnectionPrincipals
{
    private const string Capability = "connection_principals";

    public async Task RecordAsync(string connectionId, string principalId, CancellationToken cancellationToken = default)
    {
        await cache.RecordAsync(connectionId, principalId, cancellationToken);
        try
        {
            await redis.RunAsync("connection.record", db => db.StringSetAsync(KeyOf(connectionId), principalId, options.Ttl), cancellationToken);
        }
        catch (SharedStateUnavailableException)
        {
            FellBack();
        }
    }

    public async Task<string?> FindAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        if (await cache.FindAsync(connectionId, cancellationToken) is { } cached)
        {
            return cached;
        }

        RedisValue stored;
        try
        {
            stored = await redis.RunAsync("connection.find", db => db.StringGetAsync(KeyOf(connectionId)), cancellationToken);
        }
        catch (SharedStateUnavailableException)
        {
            FellBack();
            return null;
        }

        var owner = stored.IsNullOrEmpty ? null : stored.ToString();
        if (!ShopperKeys.IsValidOwnerId(owner))
        {
            return null;
        }

        await cache.RecordAsync(connectionId, owner!, cancellationToken);
        return owner;
    }

    public async Task RemoveAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        await cache.RemoveAsync(connectionId, cancellationToken);
        try
        {
            await redis.RunAsync("connection.remove", db => db.KeyDeleteAsync(KeyOf(connectionId)), cancellationToken);
        }
        catch (SharedStateUnavailableException)
        {
            // The key expires on its own; the connection is gone, so nothing can use it meanwhile.
            FellBack();
        }
    }

    private string KeyOf(string connectionId) => redis.KeyPrefix + "conn:" + connectionId;

    private void FellBack()
    {
        telemetry.RecordFallback(Capability);
        Log.FellBack(logger, Capability);
    }
}
