using System.ComponentModel.DataAnnotations;

namespace MangaAssist.SharedState.RateLimiting;

/// <summary>Section <c>SharedState:RateLimits</c>.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Messages per user: bursts of 20, then one every 2 s.</summary>
    public TokenBucketPolicy UserMessages { get; set; } = new() { Capacity = 20, RefillPerSecond = 0.5 };

    /// <summary>Messages per connection: bursts of 10, then one a second.</summary>
    public TokenBucketPolicy ConnectionMessages { get; set; } = new() { Capacity = 10, RefillPerSecond = 1 };

    /// <summary>Output tokens per user: 50,000 an hour (refill 50,000 / 3,600 s ≈ 13.9/s).</summary>
    public TokenBucketPolicy UserOutputTokens { get; set; } = new() { Capacity = 50_000, RefillPerSecond = 50_000 / 3600.0 };

    /// <summary>Messages per guest: bursts of 5, then one every 6 s.</summary>
    public TokenBucketPolicy GuestMessages { get; set; } = new() { Capacity = 5, RefillPerSecond = 1 / 6.0 };

    /// <summary>Output tokens per guest: 5,000 an hour.</summary>
    public TokenBucketPolicy GuestOutputTokens { get; set; } = new() { Capacity = 5_000, RefillPerSecond = 5_000 / 3600.0 };

    /// <summary>Guest tokens minted per source IP: bursts of 10, then one a minute.</summary>
    public TokenBucketPolicy GuestTokenMints { get; set; } = new() { Capacity = 10, RefillPerSecond = 1 / 60.0 };

    /// <summary>Money per user: 1,000 (yen, the shop's currency) a day.</summary>
    public SpendBudget UserSpend { get; set; } = new() { PerWindow = 1_000m };

    /// <summary>Money per guest: 100 a day, a tenth of a signed-in user's.</summary>
    public SpendBudget GuestSpend { get; set; } = new() { PerWindow = 100m };

    /// <summary>Buckets kept in memory (no Redis, or Redis unavailable).</summary>
    /// <value>The default value is 100,000.</value>
    [Range(1, 10_000_000)]
    public int MaxLocalBuckets { get; set; } = 100_000;

    internal TokenBucketPolicy For(RateLimitScope scope) => scope switch
    {
        RateLimitScope.UserMessages => UserMessages,
        RateLimitScope.ConnectionMessages => ConnectionMessages,
        RateLimitScope.UserOutputTokens => UserOutputTokens,
        RateLimitScope.GuestMessages => GuestMessages,
        RateLimitScope.GuestOutputTokens => GuestOutputTokens,
        RateLimitScope.GuestTokenMints => GuestTokenMints,
        RateLimitScope.UserSpend => UserSpend.Bucket,
        RateLimitScope.GuestSpend => GuestSpend.Bucket,
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "Unknown rate limit scope."),
    };
}

/// <summary>A bucket that holds up to <see cref="Capacity"/> tokens and gains <see cref="RefillPerSecond"/> a second.</summary>
public sealed class TokenBucketPolicy
{
    /// <summary>Largest burst.</summary>
    [Range(1, long.MaxValue / 4)]
    public long Capacity { get; set; } = 10;

    /// <summary>Tokens added per second, fractions allowed.</summary>
    [Range(1e-6, 1e9)]
    public double RefillPerSecond { get; set; } = 1;

    /// <summary>A full refill; an idle bucket is forgotten after it (it would be full anyway).</summary>
    internal TimeSpan TimeToFull => TimeSpan.FromSeconds(Capacity / RefillPerSecond);
}
