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

    /// <summary>
    /// Removes the unit for good, with its attachment, in one call. Completing twice, or after losing the lease, does
    /// nothing more.
    /// </summary>
    Task CompleteAsync(WorkLease lease, CancellationToken cancellationToken = default);

    /// <summary>
    /// Enqueues <paramref name="workId"/> with its <paramref name="attachment"/> and takes it for <paramref name="consumer"/>
    /// at once, in one call: for work its receiving instance runs itself and others only take over (chat answers).
    /// Nobody else may take new units of <paramref name="queue"/>, so the lease is always this very unit's.
    /// </summary>
    Task<WorkLease> EnqueueAndTakeAsync(string queue, string workId, string consumer, WorkAttachment attachment, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims for <paramref name="consumer"/> up to <paramref name="count"/> units whose lease was not renewed for
    /// <paramref name="minIdle"/> (or was handed over), each with its attachment, scanning the pending leases from
    /// <paramref name="cursor"/>. Each pass also shows <paramref name="consumer"/> as a live taker (see <see cref="LivePeersAsync"/>).
    /// </summary>
    Task<WorkClaims> ClaimStaleAsync(string queue, string consumer, TimeSpan minIdle, int count, string cursor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives up a held lease so that a live peer claims the unit at once (its idle time jumps past any visibility
    /// timeout) and wakes the peers up; false when the lease was no longer this holder's.
    /// </summary>
    Task<bool> HandOverAsync(WorkLease lease, CancellationToken cancellationToken = default);

    /// <summary>
    /// How many consumers other than <paramref name="consumer"/> took or claimed on <paramref name="queue"/> within
    /// <paramref name="within"/>: who could take a handed-over unit.
    /// </summary>
    Task<int> LivePeersAsync(string queue, string consumer, TimeSpan within, CancellationToken cancellationToken = default);

    /// <summary>Calls <paramref name="wake"/> whenever a unit of <paramref name="queue"/> is handed over (at most once: a lost wake-up only delays until the next claim pass).</summary>
    Task<IDisposable> OnHandOverAsync(string queue, Action wake, CancellationToken cancellationToken = default);
}

/// <summary>One taker's hold on a unit of work.</summary>
/// <param name="EntryId">The queue's own id of the delivery (a Redis stream entry id).</param>
/// <param name="Reclaimed">Whether the unit was claimed from a taker that stopped renewing.</param>
/// <param name="AttachmentKey">The key of the unit's attachment (without the key prefix), deleted with it; null when it has none.</param>
public sealed record WorkLease(string Queue, string EntryId, string WorkId, string Consumer, bool Reclaimed, string? AttachmentKey = null);
