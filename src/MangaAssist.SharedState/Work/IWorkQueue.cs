namespace MangaAssist.SharedState.Work;

/// <summary>
/// Leased units of work shared by every instance: enqueued once, delivered at least once. A taker holds a
/// lease it renews (heartbeat) while it works; a lease not renewed for the visibility timeout is stale and
/// another taker claims the unit. Completing is idempotent. Chat answers and analysis jobs use the same
/// mechanism, each on its own queue.
/// </summary>
public interface IWorkQueue
{
    /// <summary>Adds <paramref name="workId"/> (an id the caller keeps its state under) to <paramref name="queue"/>.</summary>
    Task EnqueueAsync(string queue, string workId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The next unit for <paramref name="consumer"/>: a stale one first (its taker stopped renewing), else a new
    /// one; null when there is none right now.
    /// </summary>
    Task<WorkLease?> TakeAsync(string queue, string consumer, CancellationToken cancellationToken = default);

    /// <summary>Renews the lease; false when it was lost (claimed by another taker, or completed).</summary>
    Task<bool> RenewAsync(WorkLease lease, CancellationToken cancellationToken = default);

    /// <summary>Removes the unit for good. Completing twice, or after losing the lease, does nothing more.</summary>
    Task CompleteAsync(WorkLease lease, CancellationToken cancellationToken = default);
}

/// <summary>One taker's hold on a unit of work.</summary>
/// <param name="EntryId">The queue's own id of the delivery (a Redis stream entry id).</param>
/// <param name="Reclaimed">Whether the unit was claimed from a taker that stopped renewing.</param>
public sealed record WorkLease(string Queue, string EntryId, string WorkId, string Consumer, bool Reclaimed);
