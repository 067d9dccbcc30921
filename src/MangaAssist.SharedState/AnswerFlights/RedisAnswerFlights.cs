using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using MangaAssist.SharedState.Redis;
using MangaAssist.SharedState.Internal;
using MangaAssist.SharedState.ResponseCache;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace MangaAssist.SharedState.AnswerFlights;

/// <summary>
/// Single-flight across instances. Per flight key: a lease <c>{prefix}flight:{key}:lease</c> holding the
/// current flight id (SET NX PX, renewed by the leader), and per flight id a stream
/// <c>{prefix}flight:{key}:{id}</c> of events with ids <c>0-1, 0-2, …</c> (XADD with MAXLEN, PEXPIRE),
/// whose name is also the pub/sub channel that announces new events. Followers subscribe, then read from
/// their cursor with XRANGE, so they see every event once and in order however late they joined; a
/// follower that finds the lease gone without a terminal event appends <c>leader_lost</c> for everyone.
/// While Redis is unavailable, joins fall back to single-flight within this instance.
/// </summary>
internal sealed class RedisAnswerFlights : IAnswerFlights
{
    private const string Capability = "answer_flights";

    // KEYS[1] lease; ARGV[1] new flight id, ARGV[2] lease ms. → {1, id} leader | {0, id} follower of id
    private const string JoinScript = """
        if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return {1, ARGV[1]} end
        return {0, redis.call('GET', KEYS[1])}
        """;

    // KEYS[1] lease; ARGV[1] flight id, ARGV[2] lease ms. → 1 renewed | 0 lost
    private const string RenewScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        return 0
        """;

    // KEYS[1] lease, KEYS[2] events; ARGV[1] flight id, ARGV[2] index, ARGV[3] kind (t|c|f), ARGV[4] data,
    // ARGV[5] maxlen, ARGV[6] events ttl ms, ARGV[7] linger ms. → 1 added | 0 already added | -1 lease lost
    private const string PublishScript = """
        if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
        local id = '0-' .. ARGV[2]
        local added = redis.pcall('XADD', KEYS[2], 'MAXLEN', ARGV[5], id, 'k', ARGV[3], 'd', ARGV[4])
        if type(added) == 'table' and added.err then return 0 end
        redis.call('PEXPIRE', KEYS[2], ARGV[6])
        if ARGV[3] == 'c' then
          if tonumber(ARGV[7]) > 0 then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[7]) else redis.call('DEL', KEYS[1]) end
        elseif ARGV[3] == 'f' then
          redis.call('DEL', KEYS[1])
        end
        redis.call('PUBLISH', KEYS[2], id)
        return 1
        """;

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

    private readonly RedisGateway _redis;
    private readonly InMemoryAnswerFlights _fallback;
    private readonly AnswerFlightsOptions _options;
    private readonly SharedStateTelemetry _telemetry;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public RedisAnswerFlights(RedisGateway redis, InMemoryAnswerFlights fallback, AnswerFlightsOptions options, SharedStateTelemetry telemetry, TimeProvider timeProvider, ILogger<RedisAnswerFlights> logger)
    {
        _redis = redis;
        _fallback = fallback;
        _options = options;
        _telemetry = telemetry;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task<AnswerFlight> JoinOrLeadAsync(string flightKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(flightKey);
        var leaseKey = $"{_redis.KeyPrefix}flight:{{{flightKey}}}:lease";
        var candidateId = Guid.NewGuid().ToString("N");
        RedisResult[] joined;
        try
        {
            joined = (RedisResult[])(await _redis.RunAsync(
                "flight.join",
                db => db.ScriptEvaluateAsync(JoinScript, [leaseKey], [candidateId, Milliseconds(_options.LeaseDuration)]),
                cancellationToken))!;
        }
        catch (SharedStateUnavailableException)
        {
            _telemetry.RecordFallback(Capability);
            Log.FellBack(_logger, Capability);
            return await _fallback.JoinOrLeadAsync(flightKey, cancellationToken);
        }

        var flightId = (string)joined[1]!;
        var names = new FlightNames(leaseKey, $"{_redis.KeyPrefix}flight:{{{flightKey}}}:{flightId}", flightId);
        return (int)joined[0] == 1
            ? new Leader(flightKey, names, this)
            : new Follower(flightKey, names, this);
    }

    private static long Milliseconds(TimeSpan span) => (long)Math.Ceiling(span.TotalMilliseconds);

    private readonly record struct FlightNames(string Lease, string Events, string FlightId);

    private sealed class Leader : FlightLeader
    {
        private readonly FlightNames _names;
        private readonly RedisAnswerFlights _owner;
        private readonly Channel<(char Kind, string Data)> _pending = Channel.CreateUnbounded<(char, string)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _pump;
        private readonly Task _renewal;
        private volatile bool _broadcasting = true;
        private long _index;

        public Leader(string key, FlightNames names, RedisAnswerFlights owner)
            : base(key)
        {
            _names = names;
            _owner = owner;
            _pump = Task.Run(PumpAsync);
            _renewal = Task.Run(RenewAsync);
        }

        public override bool IsBroadcasting => _broadcasting;

        private protected override void OnText(string text) => _pending.Writer.TryWrite(('t', text));

        private protected override Task OnCompleteAsync(CompletedAnswer answer, CancellationToken cancellationToken)
        {
            _pending.Writer.TryWrite(('c', Encoding.UTF8.GetString(CompletedAnswerCodec.Encode(answer, withText: false))));
            _pending.Writer.TryComplete();
            return _pump.WaitAsync(cancellationToken);
        }

        private protected override Task OnFailAsync(string reason, CancellationToken cancellationToken)
        {
            _pending.Writer.TryWrite(('f', reason));
            _pending.Writer.TryComplete();
            return _pump.WaitAsync(cancellationToken);
        }

        private protected override async ValueTask OnDisposeAsync()
        {
            await _pump;
            await _stop.CancelAsync();
            await _renewal;
            _stop.Dispose();
        }

        // Texts queued while a publish was in flight go out as one event: followers need the same text, not the same pieces.
        private async Task PumpAsync()
        {
            var reader = _pending.Reader;
            var merged = new StringBuilder();
            while (await reader.WaitToReadAsync())
            {
                merged.Clear();
                (char Kind, string Data) terminal = (default, string.Empty);
                while (reader.TryRead(out var item))
                {
                    if (item.Kind == 't')
                    {
                        merged.Append(item.Data);
                    }
                    else
                    {
                        terminal = item;
                        break;
                    }
                }

                if (merged.Length > 0)
                {
                    await PublishAsync('t', merged.ToString());
                }

                if (terminal.Kind != default)
                {
                    await _stop.CancelAsync();
                    await PublishAsync(terminal.Kind, terminal.Data);
                    return;
                }
            }
        }

        private async Task PublishAsync(char kind, string data)
        {
            if (!_broadcasting)
            {
                return;
            }

            var options = _owner._options;
            var index = _index + 1;
            try
            {
                var result = (long)await _owner._redis.RunAsync(
                    "flight.publish",
                    db => db.ScriptEvaluateAsync(
                        PublishScript,
                        [_names.Lease, _names.Events],
                        [_names.FlightId, index, kind.ToString(), data, options.MaxEvents, Milliseconds(options.EventsTtl), Milliseconds(options.CompletedLinger)]));
                if (result < 0)
                {
                    StopBroadcasting("the lease was lost");
                    return;
                }

                _index = index;
            }
            catch (SharedStateUnavailableException)
            {
                StopBroadcasting("Redis is unavailable");
            }
            catch (ObjectDisposedException)
            {
                StopBroadcasting("the instance is shutting down");
            }
        }

        private async Task RenewAsync()
        {
            var period = _owner._options.LeaseDuration / 3;
            try
            {
                while (_broadcasting)
                {
                    await Task.Delay(period, _owner._timeProvider, _stop.Token);
                    try
                    {
                        var renewed = (long)await _owner._redis.RunAsync(
                            "flight.renew",
                            db => db.ScriptEvaluateAsync(RenewScript, [_names.Lease], [_names.FlightId, Milliseconds(_owner._options.LeaseDuration)]),
                            _stop.Token);
                        if (renewed == 0 && !_stop.IsCancellationRequested)
                        {
                            StopBroadcasting("the lease expired");
                        }
                    }
                    catch (SharedStateUnavailableException)
                    {
                        // The lease may outlive a short outage; the next renewal tells.
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // The flight ended.
            }
            catch (ObjectDisposedException)
            {
                // The instance is shutting down; the lease runs out and followers are told.
            }
        }

        private void StopBroadcasting(string reason)
        {
            if (_broadcasting)
            {
                _broadcasting = false;
                Log.FlightBroadcastStopped(_owner._logger, Key, reason);
            }
        }
    }

    private sealed class Follower : FlightFollower
    {
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
