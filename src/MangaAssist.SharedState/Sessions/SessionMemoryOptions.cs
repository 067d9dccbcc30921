using System.ComponentModel.DataAnnotations;

namespace MangaAssist.SharedState.Sessions;

/// <summary>Section <c>SharedState:SessionMemory</c>.</summary>
public sealed class SessionMemoryOptions
{
    /// <summary>A session is forgotten this long after its last turn was written.</summary>
    /// <value>The default value is 24 hours.</value>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan Ttl { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Turns kept per session; older ones are dropped on write.</summary>
    /// <value>The default value is 50.</value>
    [Range(1, 10_000)]
    public int MaxStoredTurns { get; set; } = 50;

    /// <summary>Sessions kept in memory (no Redis, or Redis unavailable).</summary>
    /// <value>The default value is 5,000.</value>
    [Range(1, 10_000_000)]
    public int MaxLocalSessions { get; set; } = 5_000;
}
