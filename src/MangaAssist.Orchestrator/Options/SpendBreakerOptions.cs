using System.ComponentModel.DataAnnotations;

namespace MangaAssist.Orchestrator.Options;

/// <summary>
/// The spend circuit breaker (section <c>SpendBreaker</c>): while model spend over the last minute is above
/// <see cref="PerMinuteCap"/>, new answers on <see cref="GuardedRoutes"/> are refused (<c>spend_limited</c>)
/// and chats keep working; it closes by itself as the minute moves on. It reads both this instance's meter and
/// the fleet's spend window in shared state (every instance's answers), so spend anywhere trips it everywhere.
/// </summary>
public sealed class SpendBreakerOptions
{
    public const string SectionName = "SpendBreaker";

    /// <summary>Spend per minute, in the <c>Cost:Currency</c>, above which the breaker opens; 0 turns it off.</summary>
    /// <value>The default value is 0 (off).</value>
    [Range(0, 100_000_000)]
    public decimal PerMinuteCap { get; set; }

    /// <summary>Comma-separated routes refused while open.</summary>
    /// <value>The default value is <c>analyze</c>.</value>
    public string GuardedRoutes { get; set; } = "analyze";

    /// <summary>The retry hint given to a refused client.</summary>
    /// <value>The default value is 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    public bool Guards(string route) =>
        GuardedRoutes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Contains(route, StringComparer.Ordinal);
}
