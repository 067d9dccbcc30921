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
    private const string EachScript = LuaFunctions.Bucket + """
        local now = now_ms()
        for i = 1, #KEYS do
          local allowed, retry, tokens = take(KEYS[i], tonumber(ARGV[2 * i - 1]), tonumber(ARGV[2 * i]), 1, 'a', now)
          if allowed == 0 then return {i - 1, retry, string.format('%.17g', tokens)} end
        end
        return {-1, 0, '0'}
        """;

    /// <summary>A bucket's key, capacity and refill per ms as the scripts take them, after checking the id and permits.</summary>
    internal static (RedisKey Key, RedisValue Capacity, RedisValue RefillPerMs) Bucket(string prefix, RateLimitOptions options, RateLimitScope scope, string id, long permits, bool charge)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var policy = options.For(scope);
        TokenBucket.CheckPermits(policy, permits, charge);
        return ($"{prefix}rate:{scope}:{id}", policy.Capacity, (policy.RefillPerSecond / 1000).ToString("R", CultureInfo.InvariantCulture));
    }

    public async Task<RateLimitVerdict> TryAcquireEachAsync(IReadOnlyList<(RateLimitScope Scope, string Id)> buckets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        var keys = new RedisKey[buckets.Count];
        var args = new RedisValue[buckets.Count * 2];
        for (var i = 0; i < buckets.Count; i++)
        {
            (keys[i], args[2 * i], args[2 * i + 1]) = Bucket(_redis.KeyPrefix, _options, buckets[i].Scope, buckets[i].Id, 1, charge: false);
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
