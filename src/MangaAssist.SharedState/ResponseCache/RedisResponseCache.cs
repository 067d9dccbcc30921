using System.Text.Json;
using MangaAssist.SharedState.Redis;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace MangaAssist.SharedState.ResponseCache;

/// <summary>One Redis string per answer (<c>{prefix}answer:{key}</c>, PX = TTL): one round trip per hit, one per store.</summary>
internal sealed class RedisResponseCache : IResponseCache
{
    private const string Capability = "response_cache";
    private readonly RedisGateway _redis;
    private readonly InMemoryResponseCache _fallback;
    private readonly TimeSpan _ttl;
    private readonly SharedStateTelemetry _telemetry;
    private readonly ILogger _logger;

    public RedisResponseCache(RedisGateway redis, InMemoryResponseCache fallback, ResponseCacheOptions options, SharedStateTelemetry telemetry, ILogger<RedisResponseCache> logger)
    {
        _redis = redis;
        _fallback = fallback;
        _ttl = options.Ttl;
        _telemetry = telemetry;
        _logger = logger;
    }

    public async Task<CompletedAnswer?> TryGetAsync(ResponseCacheKey key, CancellationToken cancellationToken = default)
    {
        var redisKey = RedisKeyOf(key);
        RedisValue stored;
        try
        {
            stored = await _redis.RunAsync("cache.get", db => db.StringGetAsync(redisKey), cancellationToken);
        }
        catch (SharedStateUnavailableException)
        {
            FellBack();
            return await _fallback.TryGetAsync(key, cancellationToken);
        }

        if (stored.IsNull)
        {
            return null;
        }

        try
        {
            return CompletedAnswerCodec.Decode((byte[])stored!);
        }
        catch (JsonException ex)
        {
            Log.UnreadableValue(_logger, Capability, key.Value, ex);
            return null;
        }
    }

    public async Task<bool> SetAsync(ResponseCacheKey key, CompletedAnswer answer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (!answer.IsCacheable)
        {
            return false;
        }

        var redisKey = RedisKeyOf(key);
        var value = CompletedAnswerCodec.Encode(answer);
        try
        {
            return await _redis.RunAsync("cache.set", db => db.StringSetAsync(redisKey, value, _ttl), cancellationToken);
        }
        catch (SharedStateUnavailableException)
        {
            FellBack();
            return await _fallback.SetAsync(key, answer, cancellationToken);
        }
    }

    private RedisKey RedisKeyOf(ResponseCacheKey key) => KeyOf(_redis.KeyPrefix, key);

    internal static string KeyOf(string prefix, ResponseCacheKey key)
    {
        if (key.Value is null)
        {
            throw new ArgumentException("Use ResponseCacheKey.Create.", nameof(key));
        }

        return prefix + "answer:" + key.Value;
    }

    private void FellBack()
    {
        _telemetry.RecordFallback(Capability);
        Log.FellBack(_logger, Capability);
    }
}
