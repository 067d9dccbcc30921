using MangaAssist.SharedState.Internal;

namespace MangaAssist.SharedState.RateLimiting;

/// <summary>Token buckets of one process.</summary>
internal sealed class InMemoryRateLimiter : IRateLimiter
{
    private readonly LocalExpiringMap<(double Tokens, DateTimeOffset At)> _buckets;
    private readonly RateLimitOptions _options;
    private readonly TimeProvider _timeProvider;

    public InMemoryRateLimiter(RateLimitOptions options, TimeProvider timeProvider)
    {
        _options = options;
        _timeProvider = timeProvider;
        _buckets = new LocalExpiringMap<(double, DateTimeOffset)>(timeProvider, options.MaxLocalBuckets);
    }

    public Task<RateLimitDecision> TryAcquireAsync(RateLimitScope scope, string id, long permits = 1, CancellationToken cancellationToken = default) =>
        Task.FromResult(Apply(scope, id, permits, charge: false));

    public Task<RateLimitDecision> ChargeAsync(RateLimitScope scope, string id, long permits, CancellationToken cancellationToken = default) =>
        Task.FromResult(Apply(scope, id, permits, charge: true));

    private RateLimitDecision Apply(RateLimitScope scope, string id, long permits, bool charge)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var policy = _options.For(scope);
        TokenBucket.CheckPermits(policy, permits, charge);
        var now = _timeProvider.GetUtcNow();
        return _buckets.Update(
            $"{scope}:{id}",
            policy.TimeToFull + TimeSpan.FromSeconds(1),
            (bucket, found) =>
            {
                var (tokens, decision) = TokenBucket.Apply(policy, found ? bucket.Tokens : null, found ? bucket.At : now, now, permits, charge);
                return ((tokens, now), decision);
            });
    }
}
