using System.Globalization;
using MangaAssist.SharedState.Redis;
using StackExchange.Redis;

namespace MangaAssist.SharedState.RateLimiting;

/// <summary>The admit phase's buckets in one script: one round trip instead of one per bucket.</summary>
internal sealed partial class RedisRateLimiter
{
    // KEYS: the buckets in order; ARGV: capacity and refill per ms of each, in the same order. One permit each, taken
    // in order until one refuses (the earlier ones stay taken, as with separate calls).
    // → {index of the refusing bucket (0-based) or -1, retry after ms, its tokens as a string}
    private const string EachScript = """
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        for i = 1, #KEYS do
          local capacity = tonumber(ARGV[2 * i - 1])
          local rate = tonumber(ARGV[2 * i])
          local bucket = redis.call('HMGET', KEYS[i], 'tk', 'ts')
          local tokens = tonumber(bucket[1])
          local at = tonumber(bucket[2])
          if tokens == nil or at == nil then tokens = capacity; at = now end
          tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
          if tokens < 1 then
            return {i - 1, math.ceil((1 - tokens) / rate), string.format('%.17g', tokens)}
          end
          tokens = tokens - 1
          redis.call('HSET', KEYS[i], 'tk', string.format('%.17g', tokens), 'ts', now)
          redis.call('PEXPIRE', KEYS[i], math.ceil((capacity - math.min(tokens, 0)) / rate) + 1000)
        end
        return {-1, 0, '0'}
        """;

    public async Task<RateLimitVerdict> TryAcquireEachAsync(IReadOnlyList<(RateLimitScope Scope, string Id)> buckets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        var keys = new RedisKey[buckets.Count];
        var args = new RedisValue[buckets.Count * 2];
        for (var i = 0; i < buckets.Count; i++)
        {
            ArgumentException.ThrowIfNullOrEmpty(buckets[i].Id);
            var policy = _options.For(buckets[i].Scope);
            TokenBucket.CheckPermits(policy, 1, charge: false);
            keys[i] = $"{_redis.KeyPrefix}rate:{buckets[i].Scope}:{buckets[i].Id}";
            args[2 * i] = policy.Capacity;
            args[2 * i + 1] = (policy.RefillPerSecond / 1000).ToString("R", CultureInfo.InvariantCulture);
        }

        RedisResult[] reply;
        try
        {
            reply = (RedisResult[])(await _redis.RunAsync("rate.acquire_each", db => db.ScriptEvaluateAsync(EachScript, keys, args), cancellationToken))!;
        }
        catch (SharedStateUnavailableException)
        {
            _telemetry.RecordFallback(Capability);
            Log.FellBack(_logger, Capability);
            return await ((IRateLimiter)_fallback).TryAcquireEachAsync(buckets, cancellationToken);
        }

        var refusedAt = (int)(long)reply[0];
        return refusedAt < 0
            ? RateLimitVerdict.AllAllowed
            : new RateLimitVerdict(refusedAt, new RateLimitDecision(
                false,
                TimeSpan.FromMilliseconds((long)reply[1]),
                double.Parse((string)reply[2]!, NumberStyles.Float, CultureInfo.InvariantCulture)));
    }
}
