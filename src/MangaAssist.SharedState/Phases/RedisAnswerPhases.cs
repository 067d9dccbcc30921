using System.Globalization;
using System.Text.Json;
using MangaAssist.SharedState.AnswerFlights;
using MangaAssist.SharedState.FrameLog;
using MangaAssist.SharedState.RateLimiting;
using MangaAssist.SharedState.Redis;
using MangaAssist.SharedState.ResponseCache;
using MangaAssist.SharedState.Sessions;
using MangaAssist.SharedState.Spend;
using MangaAssist.SharedState.Work;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace MangaAssist.SharedState.Phases;

/// <summary>
/// The phases as one script each (<see cref="PhaseScripts"/>), over the capabilities' own keys, so what a phase
/// writes reads back through the capability as if it had been written alone. The keys of one script belong to
/// different shoppers and flights: this needs one Redis shard (ElastiCache with cluster mode disabled), which is what
/// the service runs on; on a cluster the scripts would be refused as cross-slot. While Redis is unavailable each part
/// falls back as its capability does.
/// </summary>
internal sealed partial class RedisAnswerPhases(
    RedisGateway redis,
    RedisAnswerFlights flights,
    LocalParts local,
    PhaseOptions options,
    TimeProvider timeProvider,
    ILogger<RedisAnswerPhases> logger) : IAnswerPhases
{
    public TimeSpan FrameBatchInterval => options.FrameLog.BatchInterval;

    public async Task<AdmitReply> AdmitAsync(AdmitCall admission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(admission);
        var prefix = redis.KeyPrefix;
        var readTurns = admission.SessionId is not null;
        if (readTurns)
        {
            RecentTurns.CheckBounds(admission.MaxTurns, admission.MaxApproxTokens);
        }

        var keys = new List<RedisKey>(admission.Buckets.Count + 3);
        var args = new List<RedisValue>(13 + 2 * admission.Buckets.Count)
        {
            admission.Buckets.Count, readTurns ? admission.MaxTurns : 0, admission.ReadFleetSpend ? 1 : 0, admission.Lease is null ? 0 : 1,
            admission.Start is null ? 0 : 1,
        };
        foreach (var (scope, id) in admission.Buckets)
        {
            var (key, capacity, refill) = RedisRateLimiter.Bucket(prefix, options.RateLimits, scope, id, 1, charge: false);
            keys.Add(key);
            args.Add(capacity);
            args.Add(refill);
        }

        if (readTurns)
        {
            keys.Add(RedisSessionMemory.KeyOf(prefix, admission.SessionId!));
        }

        var now = timeProvider.GetUtcNow();
        var minute = SpendMinutes.Minute(now);
        if (admission.ReadFleetSpend)
        {
            keys.Add(RedisSpendWindow.KeyOf(prefix, minute));
            keys.Add(RedisSpendWindow.KeyOf(prefix, minute - 1));
        }

        if (admission.Lease is { } lease)
        {
            keys.Add(LeaseQueueKey(lease.Queue));
            keys.Add(prefix + lease.AttachmentKey);
            args.AddRange([options.Work.Group, lease.Consumer, lease.WorkId, lease.Attachment, Math.Max(1, (long)lease.TimeToLive.TotalMilliseconds)]);
        }

        if (admission.Start is { } start)
        {
            keys.Add(RedisFrameLog.KeyOf(prefix, start.LogKey));
            args.AddRange([options.FrameLog.MaxFrames, Milliseconds(options.FrameLog.Ttl), start.Frame]);
        }

        RedisResult[] reply;
        try
        {
            reply = (RedisResult[])(await redis.RunAsync("phase.admit", db => db.ScriptEvaluateAsync(PhaseScripts.Admit, [.. keys], [.. args]), cancellationToken))!;
        }
        catch (SharedStateUnavailableException)
        {
            return await local.AdmitAsync(admission, cancellationToken);
        }

        var refusedAt = (int)(long)reply[0];
        if (refusedAt >= 0)
        {
            var tokens = double.Parse((string)reply[2]!, NumberStyles.Float, CultureInfo.InvariantCulture);
            return new AdmitReply(new RateLimitVerdict(refusedAt, new RateLimitDecision(false, TimeSpan.FromMilliseconds((long)reply[1]), tokens)), null, null);
        }

        var turns = readTurns
            ? (admission.MaxTurns == 0 ? [] : RedisSessionMemory.Parse((RedisValue[])reply[3]!, admission.SessionId!, admission.MaxTurns, admission.MaxApproxTokens, logger))
            : null;
        decimal? spend = admission.ReadFleetSpend
            ? SpendMinutes.Sliding(now, RedisSpendWindow.Micros((RedisValue)reply[4]), RedisSpendWindow.Micros((RedisValue)reply[5]))
            : null;
        var leaseId = (string?)reply[6];
        // Anything but "appended" (a log that already exists under this request id) is left to the frame log's own write.
        var startLogged = admission.Start is not null && (long)reply[7] == 1;
        return new AdmitReply(RateLimitVerdict.AllAllowed, turns, spend, string.IsNullOrEmpty(leaseId) ? null : leaseId, startLogged);
    }

    public async Task<LookupReply> LookupAsync(ResponseCacheKey key, AnswerSettlement settlement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        var answerKey = RedisResponseCache.KeyOf(redis.KeyPrefix, key);
        RedisValue[] args = [RedisAnswerFlights.NewFlightId(), RedisAnswerFlights.Milliseconds(flights.Options.LeaseDuration)];
        RedisResult[] reply;
        try
        {
            reply = (RedisResult[])(await redis.RunAsync(
                "phase.lookup", db => db.ScriptEvaluateAsync(PhaseScripts.Lookup, [answerKey, flights.LeaseKeyOf(key.Value)], args), cancellationToken))!;
        }
        catch (SharedStateUnavailableException)
        {
            return await local.LookupAsync(key, flights, cancellationToken);
        }

        var kind = (long)reply[0];
        if (kind == 2)
        {
            // An answer that can't be read counts as a miss; no flight was joined, so the caller joins on its own.
            return new LookupReply(Decode((byte[])reply[1]!, key), null);
        }

        var flight = flights.Joined(key.Value, leads: kind == 1, (string)reply[1]!, carried: true);
        if (flight is FlightLeader leader and ICarriedFlight carried)
        {
            settlement.Carry(leader, carried);
        }

        return new LookupReply(null, flight);
    }

    private CompletedAnswer? Decode(byte[] stored, ResponseCacheKey key)
    {
        try
        {
            return CompletedAnswerCodec.Decode(stored);
        }
        catch (JsonException ex)
        {
            Log.UnreadableValue(logger, "response_cache", key.Value, ex);
            return null;
        }
    }

    private static long Milliseconds(TimeSpan span) => (long)span.TotalMilliseconds;

    // The layout of RedisWorkQueue's streams.
    private string LeaseQueueKey(string queue) => redis.KeyPrefix + "work:" + queue;
}

/// <summary>The options the phase scripts need, from the capabilities' own sections.</summary>
internal sealed record PhaseOptions(
    RateLimitOptions RateLimits, SessionMemoryOptions Sessions, FrameLogOptions FrameLog, ResponseCacheOptions Cache, WorkQueueOptions Work);
