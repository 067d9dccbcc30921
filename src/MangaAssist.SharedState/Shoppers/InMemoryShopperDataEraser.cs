using MangaAssist.SharedState.FrameLog;
using MangaAssist.SharedState.Sessions;

namespace MangaAssist.SharedState.Shoppers;

/// <summary>Erases a shopper's data kept in this process: all of it without Redis, the local fallbacks with it.</summary>
internal sealed class InMemoryShopperDataEraser(InMemorySessionMemory memory, InMemoryFrameLog frameLog) : IShopperDataEraser
{
    public Task<ErasedShopperData> EraseAsync(string ownerId, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ErasedShopperData(EraseLocal(ownerId)));

    internal Dictionary<string, int> EraseLocal(string ownerId)
    {
        if (!ShopperKeys.IsValidOwnerId(ownerId))
        {
            throw new ArgumentException("Not a principal id.", nameof(ownerId));
        }

        return new Dictionary<string, int>(StringComparer.Ordinal)
        {
            [ShopperKeys.MemoryKind] = memory.RemoveWhere(key => ShopperKeys.IsOwnedBy(key, ownerId)),
            [ShopperKeys.FrameLogKind] = frameLog.RemoveWhere(key => ShopperKeys.IsOwnedBy(key, ownerId)),

            // Without Redis a ticket lives only while its answer runs in this process; forget stops those answers first,
            // and an answer's end deletes its ticket.
            [ShopperKeys.TicketKind] = 0,
        };
    }
}
