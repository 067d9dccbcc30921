using System.ComponentModel.DataAnnotations;

namespace MangaAssist.SharedState.Shoppers;

/// <summary>Section <c>SharedState:ConnectionPrincipals</c>.</summary>
public sealed class ConnectionPrincipalsOptions
{
    /// <summary>
    /// How long a connection's owner is kept: API Gateway's 2 h connection lifetime plus a margin, so a
    /// <c>$disconnect</c> that never arrives leaves nothing behind for long.
    /// </summary>
    /// <value>The default value is 2 h 10 min.</value>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Ttl { get; set; } = TimeSpan.FromMinutes(130);

    /// <summary>Connections whose owner this instance keeps in memory (its cache, or all of them without Redis).</summary>
    /// <value>The default value is 200,000.</value>
    [Range(1, 10_000_000)]
    public int MaxLocalConnections { get; set; } = 200_000;
}
