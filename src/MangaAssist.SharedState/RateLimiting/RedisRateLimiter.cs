using System.Globalization;
using MangaAssist.SharedState.Redis;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace MangaAssist.SharedState.RateLimiting;

/// <summary>
/// One Redis hash per bucket, <c>{prefix}rate:{scope}:{id}</c> (fields <c>tk</c> tokens, <c>ts</c> ms), changed
/// by one Lua script on Redis's own clock (TIME), so instances with skewed clocks agree. The key expires
/// once the bucket would be full again. While Redis is unavailable, the local limiter decides.
/// </summary>
internal sealed partial class RedisRateLimiter : IRateLimiter
{
    private const string Capability = "rate_limits";

    // KEYS[1] bucket; ARGV[1] capacity, ARGV[2] refill per ms, ARGV[3] permits, ARGV[4] 'a' acquire | 'c' charge.
    // → {allowed 1|0, retry after ms, tokens left as a string}
    private const string BucketScript = """
        local capacity = tonumber(ARGV[1])
        local rate = tonumber(ARGV[2])
        local permits = tonumber(ARGV[3])
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        local bucket = redis.call('HMGET', KEYS[1], 'tk', 'ts')
        local tokens = tonumber(bucket[1])
        local at = tonumber(bucket[2])
        if tokens == nil or at == nil then tokens = capacity; at = now end
        tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
        local allowed = 1
        local retry = 0
        if ARGV[4] == 'c' then
          tokens = math.max(-capacity, tokens - permits)
        elseif tokens >= permits then
          tokens = tokens - permits
        else
          allowed = 0
          retry = math.ceil((permits - tokens) / rate)
        end
        redis.call('HSET', KEYS[1], 'tk', string.format('%.17g', tokens), 'ts', now)
        redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - math.min(tokens, 0)) / rate) + 1000)
        return {allowed, retry, string.format('%.17g', tokens)}
        """;

    private readonly RedisGateway _redis;
    private readonly InMemoryRateLimiter _fallback;
    private readonly RateLimitOptions _options;
    private readonly SharedStateTelemetry _telemetry;
    private readonly ILogger _logger;

    public RedisRateLimiter(RedisGateway redis, InMemoryRateLimiter fallback, RateLimitOptions options, SharedStateTelemetry telemetry, ILogger<RedisRateLimiter> logger)
    {
        _redis = redis;
        _fallback = fallback;
        _options = options;
        _telemetry = telemetry;
        _logger = logger;
    }

    public Task<RateLimitDecision> TryAcquireAsync(RateLimitScope scope, string id, long permits = 1, CancellationToken cancellationToken = default) =>
        ApplyAsync(scope, id, permits, charge: false, cancellationToken);

    public Task<RateLimitDecision> ChargeAsync(RateLimitScope scope, string id, long permits, CancellationToken cancellationToken = default) =>
        ApplyAsync(scope, id, permits, charge: true, cancellationToken);

    private async Task<RateLimitDecision> ApplyAsync(RateLimitScope scope, string id, long permits, bool charge, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var policy = _options.For(scope);
        TokenBucket.CheckPermits(policy, permits, charge);
        RedisResult[] reply;
        try
        {
            reply = (RedisResult[])(await _redis.RunAsync(
                charge ? "rate.charge" : "rate.acquire",
                db => db.ScriptEvaluateAsync(
                    BucketScript,
                    [$"{_redis.KeyPrefix}rate:{scope}:{id}"],
                    [policy.Capacity, (policy.RefillPerSecond / 1000).ToString("R", CultureInfo.InvariantCulture), permits, charge ? "c" : "a"]),
                cancellationToken))!;
        }
        catch (SharedStateUnavailableException)
        {
            _telemetry.RecordFallback(Capability);
            Log.FellBack(_logger, Capability);
            return charge
                ? await _fallback.ChargeAsync(scope, id, permits, cancellationToken)
                : await _fallback.TryAcquireAsync(scope, id, permits, cancellationToken);
        }

        return new RateLimitDecision(
            (long)reply[0] == 1,
            TimeSpan.FromMilliseconds((long)reply[1]),
            double.Parse((string)reply[2]!, NumberStyles.Float, CultureInfo.InvariantCulture));
    }
}
