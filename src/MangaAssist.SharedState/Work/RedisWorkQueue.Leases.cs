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
        await EnsureGroupAsync(queue, cancellationToken);
        var key = KeyOf(queue);
        // Beside the claim, a read of this consumer's own pending entries ('0', never '>'): it refreshes the consumer's
        // seen-time, which XAUTOCLAIM does not, and that is how a draining peer knows this one is alive.
        var result = await redis.RunAsync("work.claim_stale", async db =>
        {
            var batch = db.CreateBatch();
            var seen = batch.StreamReadGroupAsync(key, options.Group, consumer, "0", 1);
            var claim = batch.StreamAutoClaimAsync(key, options.Group, consumer, (long)minIdle.TotalMilliseconds, cursor, count);
            batch.Execute();
            await seen;
            return await claim;
        }, cancellationToken);
        var claimed = new List<ClaimedWork>();
        foreach (var entry in result.ClaimedEntries)
        {
            var attachmentKey = (string?)entry["a"];
            if (LeaseOf(queue, consumer, entry, reclaimed: true) is not { } lease)
            {
                continue;
            }

            lease = lease with { AttachmentKey = string.IsNullOrEmpty(attachmentKey) ? null : attachmentKey[redis.KeyPrefix.Length..] };
            var value = attachmentKey is null ? RedisValue.Null : await redis.RunAsync("work.attachment", db => db.StringGetAsync(attachmentKey), cancellationToken);
            claimed.Add(new ClaimedWork(lease, value.IsNullOrEmpty ? null : (byte[])value!));
        }

        var next = result.NextStartId.IsNullOrEmpty ? WorkClaims.FirstCursor : result.NextStartId.ToString();
        return new WorkClaims(claimed, next);
    }

    public async Task<bool> HandOverAsync(WorkLease lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var handed = await redis.RunAsync(
            "work.hand_over",
            db => db.ScriptEvaluateAsync(
                LeaseScripts.HandOver, [KeyOf(lease.Queue)], [options.Group, lease.EntryId, lease.Consumer, LeaseScripts.HandOverIdleMs, ChannelOf(lease.Queue)]),
            cancellationToken);
        return (long)handed == 1;
    }

    public async Task<int> LivePeersAsync(string queue, string consumer, TimeSpan within, CancellationToken cancellationToken = default)
    {
        await EnsureGroupAsync(queue, cancellationToken);
        var key = KeyOf(queue);
        var consumers = await redis.RunAsync("work.live_peers", db => db.StreamConsumerInfoAsync(key, options.Group), cancellationToken);
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
