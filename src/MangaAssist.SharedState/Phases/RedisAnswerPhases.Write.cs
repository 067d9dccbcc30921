using System.Text;
using MangaAssist.SharedState.AnswerFlights;
using MangaAssist.SharedState.FrameLog;
using MangaAssist.SharedState.RateLimiting;
using MangaAssist.SharedState.Redis;
using MangaAssist.SharedState.ResponseCache;
using MangaAssist.SharedState.Sessions;
using MangaAssist.SharedState.Spend;
using StackExchange.Redis;

namespace MangaAssist.SharedState.Phases;

/// <summary>The write phase: frames, the flight's events and, with the last frame, the settlement, in one script.</summary>
internal sealed partial class RedisAnswerPhases
{
    public async Task<FrameAppendResult> WriteAsync(string logKey, IReadOnlyList<LoggedFrame> frames, AnswerSettlement settlement, bool settles, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(logKey);
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(settlement);
        var settling = settles && !settlement.Settled;
        try
        {
            var script = new ScriptParts();
            AddFrames(script, logKey, frames);
            var events = TakeEvents(settlement, settling);
            AddEvents(script, settlement.Flight, events);
            if (settling)
            {
                settlement.Settled = true;
                await AddSettlementAsync(script, settlement);
            }

            if (script.Plan.Length == 0)
            {
                return FrameAppendResult.AlreadyAppended;
            }

            RedisResult[] reply;
            try
            {
                reply = (RedisResult[])(await redis.RunAsync("phase.write", db => db.ScriptEvaluateAsync(PhaseScripts.Write, script.Keys(), script.Values()), cancellationToken))!;
            }
            catch (SharedStateUnavailableException)
            {
                if (events.Count > 0)
                {
                    settlement.Flight!.NotCarried();
                }

                if (settling)
                {
                    await local.SettleAsync(settlement);
                }

                return frames.Count > 0 ? FrameAppendResult.Unavailable : FrameAppendResult.AlreadyAppended;
            }

            if (events.Count > 0)
            {
                settlement.Flight!.Carried((long)reply[1]);
            }

            return frames.Count > 0 ? RedisFrameLog.ResultOf((long)reply[0], logKey, frames[0].Seq, logger) : FrameAppendResult.AlreadyAppended;
        }
        finally
        {
            // A settled flight is over either way: its lease renewal stops here.
            if (settling && settlement.Leader is { } leader)
            {
                await leader.DisposeAsync();
            }
        }
    }

    private void AddFrames(ScriptParts script, string logKey, IReadOnlyList<LoggedFrame> frames)
    {
        if (frames.Count == 0)
        {
            return;
        }

        script.Add('F', RedisFrameLog.KeyOf(redis.KeyPrefix, logKey), options.FrameLog.MaxFrames, Milliseconds(options.FrameLog.Ttl), frames.Count);
        foreach (var frame in frames)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(frame.Seq);
            script.Args(frame.Seq + 1, frame.Frame.ToArray(), frame.IsTerminal ? 1 : 0);
        }
    }

    private static IReadOnlyList<CarriedEvent> TakeEvents(AnswerSettlement settlement, bool settling)
    {
        if (settlement.Flight is not { } flight)
        {
            return [];
        }

        if (settling)
        {
            var end = settlement.FlightEnd;
            return flight.TakeEnd(end?.Answer, end?.Failure ?? FlightFailureReasons.LeaderAbandoned);
        }

        return flight.TakeText() is { } text ? [text] : [];
    }

    private static void AddEvents(ScriptParts script, ICarriedFlight? flight, IReadOnlyList<CarriedEvent> events)
    {
        foreach (var carried in events)
        {
            var flightOptions = flight!.Options;
            script.AddPair('E', flight.LeaseKey, flight.EventsKey);
            script.Args(flight.FlightId, carried.Index, carried.Kind.ToString(), carried.Data, flightOptions.MaxEvents,
                RedisAnswerFlights.Milliseconds(flightOptions.EventsTtl), RedisAnswerFlights.Milliseconds(flightOptions.CompletedLinger));
        }
    }

    private async Task AddSettlementAsync(ScriptParts script, AnswerSettlement settlement)
    {
        var prefix = redis.KeyPrefix;
        if (settlement.CacheStore is { } store)
        {
            script.Add('A', RedisResponseCache.KeyOf(prefix, store.Key), CompletedAnswerCodec.Encode(store.Answer), Milliseconds(options.Cache.Ttl));
        }

        foreach (var (scope, id, permits) in settlement.Charges)
        {
            var (key, capacity, refill) = RedisRateLimiter.Bucket(prefix, options.RateLimits, scope, id, permits, charge: true);
            script.Add('C', key, capacity, refill, permits);
        }

        var micros = SpendMinutes.ToMicros(settlement.FleetSpend);
        if (micros > 0)
        {
            await local.CountSpendAsync(settlement.FleetSpend);
            script.Add('S', RedisSpendWindow.KeyOf(prefix, SpendMinutes.Minute(timeProvider.GetUtcNow())), micros, Milliseconds(SpendMinutes.BucketLifetime));
        }

        if (settlement.Turns is { } remembered && remembered.Turns.Count > 0)
        {
            script.Add('R', RedisSessionMemory.KeyOf(prefix, remembered.SessionId), options.Sessions.MaxStoredTurns, Milliseconds(options.Sessions.Ttl), remembered.Turns.Count);
            foreach (var turn in remembered.Turns)
            {
                script.Args(RedisSessionMemory.Stored(turn));
            }
        }

        if (settlement.Lease is { } lease)
        {
            if (lease.AttachmentKey is { } attachment)
            {
                script.AddPair('K', LeaseQueueKey(lease.Queue), prefix + attachment);
            }
            else
            {
                script.Add('K', LeaseQueueKey(lease.Queue));
            }

            script.Args(options.Work.Group, lease.EntryId, lease.AttachmentKey is null ? 0 : 1);
        }
    }

    /// <summary>A write script being put together: its plan (one letter per part), keys and arguments in order.</summary>
    private sealed class ScriptParts
    {
        private readonly List<RedisKey> _keys = [];
        private readonly List<RedisValue> _args = [RedisValue.Null];

        public StringBuilder Plan { get; } = new();

        public void Add(char part, RedisKey key, params ReadOnlySpan<RedisValue> args)
        {
            Plan.Append(part);
            _keys.Add(key);
            Args(args);
        }

        public void AddPair(char part, RedisKey first, RedisKey second)
        {
            Plan.Append(part);
            _keys.Add(first);
            _keys.Add(second);
        }

        public void Args(params ReadOnlySpan<RedisValue> args)
        {
            foreach (var arg in args)
            {
                _args.Add(arg);
            }
        }

        public RedisKey[] Keys() => [.. _keys];

        public RedisValue[] Values()
        {
            _args[0] = Plan.ToString();
            return [.. _args];
        }
    }
}
