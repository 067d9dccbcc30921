namespace MangaAssist.SharedState.Shoppers;

/// <summary>Deletes everything a shopper owns in shared state (memory, frame logs), on Redis and in this process.</summary>
public interface IShopperDataEraser
{
    /// <summary>Deletes <paramref name="ownerId"/>'s data of every kind; never anyone else's.</summary>
    /// <exception cref="Redis.SharedStateUnavailableException">Redis could not be reached, so the shared copy may remain.</exception>
    Task<ErasedShopperData> EraseAsync(string ownerId, CancellationToken cancellationToken = default);
}
