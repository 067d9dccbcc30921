using StackExchange.Redis;

namespace MangaAssist.SharedState.Work;

/// <summary>
/// Leases for work its receiving instance runs at once (chat answers): enqueue-and-take, stale claims with the
/// attachment, hand-over and the live takers (<c>{prefix}work:{queue}:takers</c>, a sorted set by last claim pass).
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
        var reply = await redis.RunAsync(
            "work.claim_stale",
            db => db.ScriptEvaluateAsync(
                LeaseScripts.ClaimStale, [KeyOf(queue), TakersOf(queue)], [options.Group, consumer, (long)minIdle.TotalMilliseconds, count, cursor]),
            cancellationToken);
        var parts = (RedisResult[])reply!;
        var claimed = new List<ClaimedWork>();
        foreach (var item in (RedisResult[])parts[1]!)
        {
            var fields = (RedisResult[])item!;
            var attachmentKey = (string?)fields[2];
            var value = (byte[]?)fields[3];
            var keyName = string.IsNullOrEmpty(attachmentKey) ? null : attachmentKey[redis.KeyPrefix.Length..];
            var lease = new WorkLease(queue, (string)fields[0]!, (string)fields[1]!, consumer, Reclaimed: true, keyName);
            claimed.Add(new ClaimedWork(lease, value is { Length: > 0 } ? value : null));
        }

        return new WorkClaims(claimed, (string?)parts[0] ?? WorkClaims.FirstCursor);
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

    public async Task<int> LivePeersAsync(string queue, string consumer, TimeSpan within, bool leaving, CancellationToken cancellationToken = default)
    {
        var peers = await redis.RunAsync(
            "work.live_peers",
            db => db.ScriptEvaluateAsync(LeaseScripts.LivePeers, [TakersOf(queue)], [consumer, (long)within.TotalMilliseconds, leaving ? "1" : "0"]),
            cancellationToken);
        return (int)(long)peers;
    }

    public async Task<IDisposable> OnHandOverAsync(string queue, Action wake, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(wake);
        var channel = new RedisChannel(ChannelOf(queue), RedisChannel.PatternMode.Literal);
        Action<RedisChannel, RedisValue> handler = (_, _) => wake();
        await redis.SubscribeAsync(channel, handler, cancellationToken);
        return new Subscription(() => redis.Unsubscribe(channel, handler));
    }

    private RedisKey TakersOf(string queue) => KeyOf(queue) + ":takers";

    private string ChannelOf(string queue) => KeyOf(queue) + ":handovers";

    private sealed class Subscription(Action end) : IDisposable
    {
        public void Dispose() => end();
    }
}
