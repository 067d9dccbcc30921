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
    private const string BucketScript = LuaFunctions.Bucket + """
        local allowed, retry, tokens = take(KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4], now_ms())
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
        var (key, capacity, refill) = Bucket(_redis.KeyPrefix, _options, scope, id, permits, charge);
        RedisResult[] reply;
        try
        {
            reply = (RedisResult[])(await _redis.RunAsync(
                charge ? "rate.charge" : "rate.acquire",
                db => db.ScriptEvaluateAsync(
                    BucketScript,
                    [key],
                    [capacity, refill, permits, charge ? "c" : "a"]),
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
