using System.ComponentModel.DataAnnotations;

namespace MangaAssist.SharedState.RateLimiting;

/// <summary>
/// A budget in money: <see cref="PerWindow"/> in the shop's currency, refilled evenly over <see cref="Window"/>.
/// It is kept as a token bucket of micro-units, so a shopper who overspends waits until the debt is repaid.
/// </summary>
public sealed class SpendBudget
{
    /// <summary>Micro-units per unit of currency: the bucket counts whole micro-units.</summary>
    public const decimal MicrosPerUnit = 1_000_000m;

    /// <summary>Money per window; 0 turns the budget off.</summary>
    [Range(typeof(decimal), "0", "1000000000")]
    public decimal PerWindow { get; set; }

    /// <summary>The time over which <see cref="PerWindow"/> refills.</summary>
    /// <value>The default value is one day.</value>
    // At most a week: a full debt takes one window to repay, and retryAfterMs must fit an int.
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(1);

    public bool IsOn => PerWindow > 0;

    /// <summary><paramref name="amount"/> in the bucket's micro-units, rounded up (a price is never free).</summary>
    public static long ToMicros(decimal amount) => amount <= 0 ? 0 : (long)Math.Ceiling(amount * MicrosPerUnit);

    internal TokenBucketPolicy Bucket
    {
        get
        {
            // An off budget still gets a valid bucket; callers check IsOn before using it.
            var capacity = Math.Max(1, ToMicros(PerWindow));
            return new TokenBucketPolicy { Capacity = capacity, RefillPerSecond = capacity / Window.TotalSeconds };
        }
    }
}
