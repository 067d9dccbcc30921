using StackExchange.Redis;

namespace MangaAssist.SharedState.Work;

/// <summary>
/// Leases for work its receiving instance runs at once (chat answers): enqueue-and-take, stale claims with the
/// attachment, hand-over, and the live takers: the group's consumers seen lately (a claim pass refreshes its consumer).
/// </summary>
internal sealed partial class RedisWorkQueue
{
    public async Task<WorkLease> EnqueueAndTakeAsync(string queue, string workId, string consumer, WorkAttachment attachment, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workId);
        ArgumentException.ThrowIfNullOrEmpty(consumer);
        ArgumentNullException.ThrowIfNull(attachment);
        var ttl = Math.Max(1, (long)attachment.TimeToLive.TotalMilliseconds);
        var id = await redis.RunAsync(
            "work.enqueue_take",
            db => db.ScriptEvaluateAsync(
                LeaseScripts.EnqueueAndTake, [KeyOf(queue), redis.KeyPrefix + attachment.Key], [options.Group, consumer, workId, attachment.Value, ttl]),
            cancellationToken);
        return new WorkLease(queue, (string)id!, workId, consumer, Reclaimed: false, attachment.Key);
    }

    public async Task<WorkClaims> ClaimStaleAsync(string queue, string consumer, TimeSpan minIdle, int count, string cursor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(consumer);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        // One script per pass (an idle task's whole cost): the seen-time refresh, the claim and the attachments.
        var reply = (RedisResult[])(await RunOnGroupAsync(
            queue,
            "work.claim_stale",
            db => db.ScriptEvaluateAsync(LeaseScripts.ClaimStale, [KeyOf(queue)], [options.Group, consumer, (long)minIdle.TotalMilliseconds, cursor, count]),
            cancellationToken))!;
        var claimed = new List<ClaimedWork>();
        foreach (var result in reply.Skip(1))
        {
            var entry = (RedisResult[])result!;
            var workId = (string?)entry[1];
            if (string.IsNullOrEmpty(workId))
            {
                // Completed after its lease went stale: XAUTOCLAIM took it off the pending list, nothing to continue.
                continue;
            }

            var attachmentKey = (string?)entry[2];
            var lease = new WorkLease(queue, (string)entry[0]!, workId, consumer, Reclaimed: true,
                string.IsNullOrEmpty(attachmentKey) ? null : attachmentKey[redis.KeyPrefix.Length..]);
            claimed.Add(new ClaimedWork(lease, (byte[]?)entry[3] is { Length: > 0 } attachment ? attachment : null));
        }

        var next = (string?)reply[0];
        return new WorkClaims(claimed, string.IsNullOrEmpty(next) ? WorkClaims.FirstCursor : next);
    }

    public async Task<bool> HandOverAsync(WorkLease lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var handed = await RunOnLeaseAsync(
            lease,
            "work.hand_over",
            db => db.ScriptEvaluateAsync(
                LeaseScripts.HandOver, [KeyOf(lease.Queue)], [options.Group, lease.EntryId, lease.Consumer, LeaseScripts.HandOverIdleMs, ChannelOf(lease.Queue)]),
            cancellationToken);
        return (long)handed == 1;
    }

    public async Task<int> LivePeersAsync(string queue, string consumer, TimeSpan within, CancellationToken cancellationToken = default)
    {
        var key = KeyOf(queue);
        var consumers = await RunOnGroupAsync(queue, "work.live_peers", db => db.StreamConsumerInfoAsync(key, options.Group), cancellationToken);
        return consumers.Count(c => c.Name != consumer && c.Name != LeaseScripts.HandOverConsumer && c.IdleTimeInMilliseconds < within.TotalMilliseconds);
    }

    public async Task<IDisposable> OnHandOverAsync(string queue, Action wake, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(wake);
        var channel = new RedisChannel(ChannelOf(queue), RedisChannel.PatternMode.Literal);
        Action<RedisChannel, RedisValue> handler = (_, _) => wake();
        await redis.SubscribeAsync(channel, handler, cancellationToken);
        return new Subscription(() => redis.Unsubscribe(channel, handler));
    }

    private string ChannelOf(string queue) => KeyOf(queue) + ":handovers";

    private sealed class Subscription(Action end) : IDisposable
    {
        public void Dispose() => end();
    }
}
