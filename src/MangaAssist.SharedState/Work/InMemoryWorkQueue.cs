namespace MangaAssist.SharedState.Work;

/// <summary>The work queue of one process, when no Redis is configured: the same leases, visible to this instance only.</summary>
internal sealed partial class InMemoryWorkQueue(WorkQueueOptions options, TimeProvider timeProvider) : IWorkQueue
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<Entry>> _queues = [];
    private long _nextId;

    public Task EnqueueAsync(string queue, string workId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workId);
        lock (_gate)
        {
            EntriesOf(queue).Add(new Entry((++_nextId).ToString(System.Globalization.CultureInfo.InvariantCulture), workId));
        }

        return Task.CompletedTask;
    }

    public Task<WorkLease?> TakeAsync(string queue, string consumer, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            foreach (var entry in EntriesOf(queue))
            {
                var stale = entry.Owner is not null && now - entry.RenewedAt >= options.VisibilityTimeout;
                if (entry.Owner is null || stale)
                {
                    entry.Owner = consumer;
                    entry.RenewedAt = now;
                    return Task.FromResult<WorkLease?>(new WorkLease(queue, entry.Id, entry.WorkId, consumer, stale));
                }
            }
        }

        return Task.FromResult<WorkLease?>(null);
    }

    public Task<bool> RenewAsync(WorkLease lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        lock (_gate)
        {
            var entry = EntriesOf(lease.Queue).Find(e => e.Id == lease.EntryId);
            if (entry?.Owner != lease.Consumer)
            {
                return Task.FromResult(false);
            }

            entry.RenewedAt = timeProvider.GetUtcNow();
            return Task.FromResult(true);
        }
    }

    public Task CompleteAsync(WorkLease lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        lock (_gate)
        {
            EntriesOf(lease.Queue).RemoveAll(e => e.Id == lease.EntryId);
            if (lease.AttachmentKey is { } attachment)
            {
                _attachments.Remove(attachment);
            }
        }

        return Task.CompletedTask;
    }

    private List<Entry> EntriesOf(string queue)
    {
        if (!_queues.TryGetValue(queue, out var entries))
        {
            _queues[queue] = entries = [];
        }

        return entries;
    }

    private sealed class Entry(string id, string workId)
    {
        public string Id { get; } = id;

        public string WorkId { get; } = workId;

        public string? AttachmentKey { get; init; }

        public string? Owner { get; set; }

        public DateTimeOffset RenewedAt { get; set; }
    }
}
