namespace MangaAssist.SharedState.Work;

/// <summary>
/// Leases for work its receiving instance runs at once, in one process: nobody else can see them, so there is never
/// a live peer to hand over to (<see cref="LivePeersAsync"/> is 0) and attachments simply live beside the entries.
/// </summary>
internal sealed partial class InMemoryWorkQueue
{
    private readonly Dictionary<string, (byte[] Value, DateTimeOffset Expires)> _attachments = new(StringComparer.Ordinal);
    private event Action? HandedOver;

    public Task<WorkLease> EnqueueAndTakeAsync(string queue, string workId, string consumer, WorkAttachment attachment, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workId);
        ArgumentNullException.ThrowIfNull(attachment);
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            var id = (++_nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
            _attachments[attachment.Key] = (attachment.Value.ToArray(), now + attachment.TimeToLive);
            EntriesOf(queue).Add(new Entry(id, workId) { AttachmentKey = attachment.Key, Owner = consumer, RenewedAt = now });
            return Task.FromResult(new WorkLease(queue, id, workId, consumer, Reclaimed: false, attachment.Key));
        }
    }

    public Task<WorkClaims> ClaimStaleAsync(string queue, string consumer, TimeSpan minIdle, int count, string cursor, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        var claimed = new List<ClaimedWork>();
        lock (_gate)
        {
            foreach (var entry in EntriesOf(queue))
            {
                if (claimed.Count == count || entry.Owner is null || now - entry.RenewedAt < minIdle)
                {
                    continue;
                }

                entry.Owner = consumer;
                entry.RenewedAt = now;
                var attachment = entry.AttachmentKey is { } key && _attachments.TryGetValue(key, out var stored) && stored.Expires > now ? stored.Value : null;
                claimed.Add(new ClaimedWork(new WorkLease(queue, entry.Id, entry.WorkId, consumer, Reclaimed: true, entry.AttachmentKey), attachment));
            }
        }

        return Task.FromResult(new WorkClaims(claimed, WorkClaims.FirstCursor));
    }

    public Task<bool> HandOverAsync(WorkLease lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        lock (_gate)
        {
            var entry = EntriesOf(lease.Queue).Find(e => e.Id == lease.EntryId);
            if (entry?.Owner != lease.Consumer)
            {
                return Task.FromResult(false);
            }

            entry.Owner = LeaseScripts.HandOverConsumer;
            entry.RenewedAt = DateTimeOffset.MinValue;
        }

        HandedOver?.Invoke();
        return Task.FromResult(true);
    }

    public Task<int> LivePeersAsync(string queue, string consumer, TimeSpan within, CancellationToken cancellationToken = default) => Task.FromResult(0);

    public Task<IDisposable> OnHandOverAsync(string queue, Action wake, CancellationToken cancellationToken = default)
    {
        HandedOver += wake;
        return Task.FromResult<IDisposable>(new Subscription(() => HandedOver -= wake));
    }

    private sealed class Subscription(Action end) : IDisposable
    {
        public void Dispose() => end();
    }
}
