using System.Text;
using System.Threading.Channels;
using MangaAssist.SharedState.Redis;
using MangaAssist.SharedState.ResponseCache;

namespace MangaAssist.SharedState.AnswerFlights;

internal sealed partial class RedisAnswerFlights
{
    /// <summary>
    /// The leader's side of a flight: publishes the answer as stream events through one pump and renews the lease
    /// until the flight ends; it stops broadcasting when the lease or Redis is lost.
    /// </summary>
    private sealed partial class Leader : FlightLeader
    {
        // KEYS[1] lease; ARGV[1] flight id, ARGV[2] lease ms. → 1 renewed | 0 lost
        private const string RenewScript = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return 0
            """;

        // KEYS[1] lease, KEYS[2] events; ARGV[1] flight id, ARGV[2] index, ARGV[3] kind (t|c|f), ARGV[4] data,
        // ARGV[5] maxlen, ARGV[6] events ttl ms, ARGV[7] linger ms. → 1 added | 0 already added | -1 lease lost
        private const string PublishScript = LuaFunctions.FlightPublish + """
            return publish_flight(KEYS[1], KEYS[2], ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7])
            """;

        private readonly FlightNames _names;
        private readonly RedisAnswerFlights _owner;
        private readonly Channel<(char Kind, string Data)> _pending = Channel.CreateUnbounded<(char, string)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _pump;
        private readonly Task _renewal;
        private readonly bool _carried;
        private volatile bool _broadcasting = true;
        private long _index;

        public Leader(string key, FlightNames names, RedisAnswerFlights owner, bool carried)
            : base(key)
        {
            _names = names;
            _owner = owner;
            _carried = carried;
            _pump = carried ? Task.CompletedTask : Task.Run(PumpAsync);
            _renewal = Task.Run(RenewAsync);
        }

        public override bool IsBroadcasting => _broadcasting;

        private protected override void OnText(string text)
        {
            if (_carried)
            {
                Carry(text);
                return;
            }

            _pending.Writer.TryWrite(('t', text));
        }

        private protected override Task OnCompleteAsync(CompletedAnswer answer, CancellationToken cancellationToken) =>
            EndAsync('c', CompletionData(answer), cancellationToken);

        private protected override Task OnFailAsync(string reason, CancellationToken cancellationToken) =>
            EndAsync('f', reason, cancellationToken);

        private static string CompletionData(CompletedAnswer answer) => Encoding.UTF8.GetString(CompletedAnswerCodec.Encode(answer, withText: false));

        private Task EndAsync(char kind, string data, CancellationToken cancellationToken)
        {
            if (_carried)
            {
                return PublishCarriedEndAsync(kind, data).WaitAsync(cancellationToken);
            }

            _pending.Writer.TryWrite((kind, data));
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
}
