namespace MangaAssist.SharedState.RateLimiting;

/// <summary>The bucket arithmetic of the local limiter; the Redis script does the same in Lua.</summary>
internal static class TokenBucket
{
    public static (double Tokens, RateLimitDecision Decision) Apply(TokenBucketPolicy policy, double? storedTokens, DateTimeOffset storedAt, DateTimeOffset now, long permits, bool charge)
    {
        var elapsed = Math.Max(0, (now - storedAt).TotalSeconds);
        var tokens = storedTokens is { } stored ? Math.Min(policy.Capacity, stored + elapsed * policy.RefillPerSecond) : policy.Capacity;
        if (charge)
        {
            tokens = Math.Max(-policy.Capacity, tokens - permits);
            return (tokens, new RateLimitDecision(true, TimeSpan.Zero, tokens));
        }

        if (tokens >= permits)
        {
            tokens -= permits;
            return (tokens, new RateLimitDecision(true, TimeSpan.Zero, tokens));
        }

        var wait = TimeSpan.FromMilliseconds(Math.Ceiling((permits - tokens) / policy.RefillPerSecond * 1000));
        return (tokens, new RateLimitDecision(false, wait, tokens));
    }

    public static void CheckPermits(TokenBucketPolicy policy, long permits, bool charge)
    {
        if (charge)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(permits);
        }
        else
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(permits);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(permits, policy.Capacity);
        }
    }
}
