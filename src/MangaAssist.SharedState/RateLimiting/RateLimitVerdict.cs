namespace MangaAssist.SharedState.RateLimiting;

/// <summary>What <see cref="IRateLimiter.TryAcquireEachAsync"/> decided over several buckets.</summary>
/// <param name="RefusedAt">Index of the first bucket that refused, or −1 when every bucket gave its permit.</param>
/// <param name="Decision">The refusing bucket's decision (with its retry-after); allowed when none refused.</param>
public readonly record struct RateLimitVerdict(int RefusedAt, RateLimitDecision Decision)
{
    public static RateLimitVerdict AllAllowed { get; } = new(-1, new RateLimitDecision(true, TimeSpan.Zero, 0));

    public bool Allowed => RefusedAt < 0;
}
