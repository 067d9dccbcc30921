using System.ComponentModel.DataAnnotations;

namespace MangaAssist.SharedState.ResponseCache;

/// <summary>Section <c>SharedState:ResponseCache</c>.</summary>
public sealed class ResponseCacheOptions
{
    /// <summary>How long a complete answer is replayed.</summary>
    /// <value>The default value is 1 hour.</value>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan Ttl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Answers kept in memory (no Redis, or Redis unavailable); the ones closest to expiry go first.</summary>
    /// <value>The default value is 10,000.</value>
    [Range(1, 10_000_000)]
    public int MaxLocalEntries { get; set; } = 10_000;
}
