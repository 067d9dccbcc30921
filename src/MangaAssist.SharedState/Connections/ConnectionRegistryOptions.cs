using System.ComponentModel.DataAnnotations;

namespace MangaAssist.SharedState.Connections;

/// <summary>Section <c>SharedState:ConnectionRegistry</c>.</summary>
public sealed class ConnectionRegistryOptions
{
    /// <summary>A registration expires this long after the connection was made (API Gateway closes WebSockets after 2 h).</summary>
    /// <value>The default value is 2 hours.</value>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Ttl { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Connections kept in memory (no Redis, or Redis unavailable).</summary>
    /// <value>The default value is 100,000.</value>
    [Range(1, 10_000_000)]
    public int MaxLocalConnections { get; set; } = 100_000;
}
