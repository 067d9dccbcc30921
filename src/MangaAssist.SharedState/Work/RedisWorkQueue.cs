using MangaAssist.SharedState.Redis;
using StackExchange.Redis;

namespace MangaAssist.SharedState.Work;

/// <summary>
/// One Redis stream per queue (<c>{prefix}work:{queue}</c>) read through one consumer group: XREADGROUP
/// hands out new entries, the group's pending list is the set of leases, XCLAIM … JUSTID by the owner is
/// the heartbeat (it resets the entry's idle time), and XAUTOCLAIM after the visibility timeout moves a
/// stale entry to a live taker. No local fallback: work that only this instance could see would not
/// survive it.
/// </summary>
internal sealed partial class RedisWorkQueue(RedisGateway redis, WorkQueueOptions options) : IWorkQueue
{
    // KEYS[1] stream; ARGV[1] group, ARGV[2] entry id, ARGV[3] consumer → 1 renewed | 0 lost.
    private const string RenewScript = """
        local pending = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[2], ARGV[2], 1)
        if #pending == 0 or pending[1][2] ~= ARGV[3] then return 0 end
        redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[3], 0, ARGV[2], 'JUSTID')
        return 1
        """;

    private const string WorkField = "w";

    public async Task EnqueueAsync(string queue, string workId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workId);
        await EnsureGroupAsync(queue, cancellationToken);
        await redis.RunAsync("work.enqueue", db => db.StreamAddAsync(KeyOf(queue), WorkField, workId), cancellationToken);
    }

    public async Task<WorkLease?> TakeAsync(string queue, string consumer, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(consumer);
        var key = KeyOf(queue);
        var stale = await RunOnGroupAsync(
            queue,
            "work.claim",
            db => db.StreamAutoClaimAsync(key, options.Group, consumer, (long)options.VisibilityTimeout.TotalMilliseconds, "0-0", 1),
            cancellationToken);
        if (stale.ClaimedEntries is [var claimed, ..] && LeaseOf(queue, consumer, claimed, reclaimed: true) is { } reclaimedLease)
        {
            return reclaimedLease;
        }

        var fresh = await RunOnGroupAsync(queue, "work.take", db => db.StreamReadGroupAsync(key, options.Group, consumer, ">", 1), cancellationToken);
        return fresh is [var entry, ..] ? LeaseOf(queue, consumer, entry, reclaimed: false) : null;
    }

    public async Task<bool> RenewAsync(WorkLease lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var renewed = await RunOnLeaseAsync(
            lease,
            "work.renew",
            db => db.ScriptEvaluateAsync(RenewScript, [KeyOf(lease.Queue)], [options.Group, lease.EntryId, lease.Consumer]),
            cancellationToken);
        return (long)renewed == 1;
    }

    public async Task CompleteAsync(WorkLease lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        RedisKey[] keys = lease.AttachmentKey is null ? [KeyOf(lease.Queue)] : [KeyOf(lease.Queue), redis.KeyPrefix + lease.AttachmentKey];
        await redis.RunAsync("work.complete", db => db.ScriptEvaluateAsync(LeaseScripts.Complete, keys, [options.Group, lease.EntryId]), cancellationToken);
    }

    /// <summary>An entry deleted after delivery (completed meanwhile) has no fields: it is acknowledged and skipped.</summary>
    private static WorkLease? LeaseOf(string queue, string consumer, StreamEntry entry, bool reclaimed)
    {
        var workId = entry[WorkField];
        return workId.IsNullOrEmpty ? null : new WorkLease(queue, entry.Id!, workId!, consumer, reclaimed);
    }

    private string KeyOf(string queue) => redis.KeyPrefix + "work:" + queue;
}
