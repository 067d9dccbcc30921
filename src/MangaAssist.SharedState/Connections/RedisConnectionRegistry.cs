using System.Text.Json;
using System.Text.Json.Serialization;
using MangaAssist.SharedState.Connection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace MangaAssist.SharedState.Connections;

/// <summary>
/// One Redis string per connection, <c>{prefix}conn:{id}</c>, expiring when the connection can live no
/// longer (<c>ConnectedAt + Ttl</c>). While Redis is unavailable, this instance's memory serves.
/// </summary>
internal sealed class RedisConnectionRegistry : IConnectionRegistry
{
    private const string Capability = "connection_registry";
    private readonly RedisGateway _redis;
    private readonly InMemoryConnectionRegistry _fallback;
    private readonly ConnectionRegistryOptions _options;
    private readonly SharedStateTelemetry _telemetry;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public RedisConnectionRegistry(RedisGateway redis, InMemoryConnectionRegistry fallback, ConnectionRegistryOptions options, SharedStateTelemetry telemetry, TimeProvider timeProvider, ILogger<RedisConnectionRegistry> logger)
    {
        _redis = redis;
        _fallback = fallback;
        _options = options;
        _telemetry = telemetry;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task RegisterAsync(ClientConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrEmpty(connection.ConnectionId);
        var stored = JsonSerializer.SerializeToUtf8Bytes(
            new StoredConnection(connection.SessionId, connection.UserId, connection.ConnectedAt.ToUnixTimeMilliseconds()),
            StoredConnectionContext.Default.StoredConnection);
        var ttl = InMemoryConnectionRegistry.RemainingLife(connection, _options.Ttl, _timeProvider);
        try
        {
            await _redis.RunAsync("connections.register", db => db.StringSetAsync(KeyOf(connection.ConnectionId), stored, ttl), cancellationToken);
        }
        catch (SharedStateUnavailableException)
        {
            FellBack();
            await _fallback.RegisterAsync(connection, cancellationToken);
        }
    }

    public async Task<ClientConnection?> GetAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionId);
        RedisValue value;
        try
        {
            value = await _redis.RunAsync("connections.get", db => db.StringGetAsync(KeyOf(connectionId)), cancellationToken);
        }
        catch (SharedStateUnavailableException)
        {
            FellBack();
            return await _fallback.GetAsync(connectionId, cancellationToken);
        }

        if (value.IsNull)
        {
            return null;
        }

        try
        {
            var stored = JsonSerializer.Deserialize((byte[])value!, StoredConnectionContext.Default.StoredConnection);
            return stored is null ? null : new ClientConnection(connectionId, stored.S, stored.U, DateTimeOffset.FromUnixTimeMilliseconds(stored.C));
        }
        catch (JsonException ex)
        {
            Log.UnreadableValue(_logger, Capability, connectionId, ex);
            return null;
        }
    }

    public async Task<bool> RemoveAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionId);
        try
        {
            var removed = await _redis.RunAsync("connections.remove", db => db.KeyDeleteAsync(KeyOf(connectionId)), cancellationToken);
            // A registration made while Redis was down lives in the fallback; drop it too.
            return await _fallback.RemoveAsync(connectionId, cancellationToken) | removed;
        }
        catch (SharedStateUnavailableException)
        {
            FellBack();
            return await _fallback.RemoveAsync(connectionId, cancellationToken);
        }
    }

    private string KeyOf(string connectionId) => _redis.KeyPrefix + "conn:" + connectionId;

    private void FellBack()
    {
        _telemetry.RecordFallback(Capability);
        Log.FellBack(_logger, Capability);
    }

    internal sealed record StoredConnection(
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? S,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? U,
        long C);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(RedisConnectionRegistry.StoredConnection))]
internal sealed partial class StoredConnectionContext : JsonSerializerContext;
