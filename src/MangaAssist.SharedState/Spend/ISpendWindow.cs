namespace MangaAssist.SharedState.Spend;

/// <summary>
/// Model spend of the whole fleet over the last minute, in the shop's currency, for the spend breaker. Every
/// instance adds what its answers cost; every instance reads the same total. While Redis is unavailable an
/// instance counts only its own spend.
/// </summary>
public interface ISpendWindow
{
    /// <summary>Adds <paramref name="amount"/> (in the shop's currency; zero or less is ignored) to the current minute.</summary>
    Task AddAsync(decimal amount, CancellationToken cancellationToken = default);

    /// <summary>Spend over the sliding last minute: the current minute plus the part of the previous one still inside it.</summary>
    Task<decimal> LastMinuteAsync(CancellationToken cancellationToken = default);
}
