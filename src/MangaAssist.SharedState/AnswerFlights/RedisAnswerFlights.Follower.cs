using System.Runtime.CompilerServices;
using System.Text;
using MangaAssist.SharedState.Internal;
using MangaAssist.SharedState.ResponseCache;
using StackExchange.Redis;

namespace MangaAssist.SharedState.AnswerFlights;

internal sealed partial class RedisAnswerFlights
{
    /// <summary>
    /// A follower of a flight: subscribes to the flight's channel, then reads the stream from its cursor, so it sees
    /// every event once and in order however late it joined.
    /// </summary>
    private sealed class Follower : FlightFollower
    {
        // KEYS[1] lease, KEYS[2] events; ARGV[1] flight id, ARGV[2] cursor, ARGV[3] count, ARGV[4] events ttl ms.
        // → entries after the cursor; when there are none and the lease no longer names this flight, which has
        // no terminal event, appends a leader_lost failure first.
        private const string ReadScript = """
            local entries = redis.call('XRANGE', KEYS[2], '(0-' .. ARGV[2], '+', 'COUNT', ARGV[3])
            if #entries > 0 or redis.call('GET', KEYS[1]) == ARGV[1] then return entries end
            local last = redis.call('XREVRANGE', KEYS[2], '+', '-', 'COUNT', 1)
            local lastIndex = 0
            if #last > 0 then
              lastIndex = tonumber(string.match(last[1][1], '%-(%d+)$'))
              local fields = last[1][2]
              for i = 1, #fields, 2 do
                if fields[i] == 'k' and (fields[i + 1] == 'c' or fields[i + 1] == 'f') then return entries end
              end
            end
            local id = '0-' .. (lastIndex + 1)
            redis.call('XADD', KEYS[2], id, 'k', 'f', 'd', 'leader_lost')
            redis.call('PEXPIRE', KEYS[2], ARGV[4])
            redis.call('PUBLISH', KEYS[2], id)
            return redis.call('XRANGE', KEYS[2], '(0-' .. ARGV[2], '+', 'COUNT', ARGV[3])
            """;

        private const int ReadBatch = 512;

        private readonly FlightNames _names;
        private readonly RedisAnswerFlights _owner;

        public Follower(string key, FlightNames names, RedisAnswerFlights owner)
            : base(key)
        {
            _names = names;
            _owner = owner;
        }

        private protected override async IAsyncEnumerable<FlightEvent> ReadCoreAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var redis = _owner._redis;
            var options = _owner._options;
            var subscribed = await Attempt<RedisWakeSubscription>.RunAsync(() => RedisWakeSubscription.SubscribeAsync(redis, _names.Events, cancellationToken));
            if (!subscribed.Succeeded)
            {
                yield return FlightEvent.ForFailure(FlightFailureReasons.SharedStateUnavailable);
                yield break;
            }

            using var subscription = subscribed.Value;
            var text = new StringBuilder();
            long cursor = 0;
            while (true)
            {
                var notified = subscription.NextNotification;
                var read = await Attempt<RedisResult>.RunAsync(() => redis.RunAsync(
                    "flight.read",
                    db => db.ScriptEvaluateAsync(ReadScript, [_names.Lease, _names.Events], [_names.FlightId, cursor, ReadBatch, Milliseconds(options.EventsTtl)]),
                    cancellationToken));
                if (!read.Succeeded)
                {
                    yield return FlightEvent.ForFailure(FlightFailureReasons.SharedStateUnavailable);
                    yield break;
                }

                var entries = IndexedStreamEntry.ParseMany(read.Value);
                foreach (var entry in entries)
                {
                    if (entry.Index != cursor + 1)
                    {
                        yield return FlightEvent.ForFailure(FlightFailureReasons.Truncated);
                        yield break;
                    }

                    cursor = entry.Index;
                    var data = (string)entry["d"]!;
                    switch ((string)entry["k"]!)
                    {
                        case "t":
                            text.Append(data);
                            yield return FlightEvent.ForText(data);
                            break;
                        case "c":
                            var answer = CompletedAnswerCodec.Decode(Encoding.UTF8.GetBytes(data), text.ToString());
                            yield return answer is null ? FlightEvent.ForFailure(FlightFailureReasons.Truncated) : FlightEvent.ForCompletion(answer);
                            yield break;
                        default:
                            yield return FlightEvent.ForFailure(data);
                            yield break;
                    }
                }

                if (entries.Count == 0)
                {
                    await notified.WaitAsync(options.PollInterval, _owner._timeProvider, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
        }
    }
}
