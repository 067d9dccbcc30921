using System.Runtime.CompilerServices;
using MangaAssist.SharedState.Internal;
using MangaAssist.SharedState.ResponseCache;

namespace MangaAssist.SharedState.AnswerFlights;

/// <summary>Single-flight within this process: the flight's events are a list that followers walk with a cursor.</summary>
internal sealed class InMemoryAnswerFlights : IAnswerFlights
{
    private readonly Dictionary<string, LocalFlight> _flights = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _completedLinger;

    public InMemoryAnswerFlights(AnswerFlightsOptions options, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        _completedLinger = options.CompletedLinger;
    }

    internal int FlightCount
    {
        get
        {
            lock (_lock)
            {
                return _flights.Count;
            }
        }
    }

    public Task<AnswerFlight> JoinOrLeadAsync(string flightKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(flightKey);
        lock (_lock)
        {
            var now = _timeProvider.GetUtcNow();
            if (_flights.TryGetValue(flightKey, out var current) && current.IsJoinable(now, _completedLinger))
            {
                return Task.FromResult<AnswerFlight>(new Follower(flightKey, current));
            }

            SweepEnded(now);
            var flight = new LocalFlight();
            _flights[flightKey] = flight;
            return Task.FromResult<AnswerFlight>(new Leader(flightKey, flight, this));
        }
    }

    private void Ended(string key, LocalFlight flight, bool completed)
    {
        lock (_lock)
        {
            flight.End(completed, _timeProvider.GetUtcNow());
            if (!completed && _flights.TryGetValue(key, out var current) && ReferenceEquals(current, flight))
            {
                _flights.Remove(key);
            }
        }
    }

    private void SweepEnded(DateTimeOffset now)
    {
        foreach (var key in _flights.Where(f => !f.Value.IsJoinable(now, _completedLinger)).Select(f => f.Key).ToList())
        {
            _flights.Remove(key);
        }
    }

    private sealed class LocalFlight
    {
        private readonly List<FlightEvent> _events = [];
        private readonly ChangeSignal _changed = new();
        private DateTimeOffset? _completedAt;
        private bool _ended;

        public bool IsJoinable(DateTimeOffset now, TimeSpan linger)
        {
            lock (_events)
            {
                return !_ended || (_completedAt is { } completedAt && now - completedAt < linger);
            }
        }

        public void Add(FlightEvent flightEvent)
        {
            lock (_events)
            {
                if (_ended)
                {
                    return;
                }

                _events.Add(flightEvent);
                _ended = flightEvent.IsTerminal;
            }

            _changed.Pulse();
        }

        public void End(bool completed, DateTimeOffset now)
        {
            lock (_events)
            {
                if (completed)
                {
                    _completedAt = now;
                }
            }
        }

        public async IAsyncEnumerable<FlightEvent> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var cursor = 0;
            while (true)
            {
                var changed = _changed.NextChange;
                FlightEvent[] fresh;
                lock (_events)
                {
                    fresh = _events.Skip(cursor).ToArray();
                }

                foreach (var flightEvent in fresh)
                {
                    cursor++;
                    yield return flightEvent;
                    if (flightEvent.IsTerminal)
                    {
                        yield break;
                    }
                }

                if (fresh.Length == 0)
                {
                    await changed.WaitAsync(cancellationToken);
                }
            }
        }
    }

    private sealed class Leader : FlightLeader
    {
        private readonly LocalFlight _flight;
        private readonly InMemoryAnswerFlights _owner;

        public Leader(string key, LocalFlight flight, InMemoryAnswerFlights owner)
            : base(key)
        {
            _flight = flight;
            _owner = owner;
        }

        public override bool IsBroadcasting => true;

        private protected override void OnText(string text) => _flight.Add(FlightEvent.ForText(text));

        private protected override Task OnCompleteAsync(CompletedAnswer answer, CancellationToken cancellationToken)
        {
            _owner.Ended(Key, _flight, completed: true);
            _flight.Add(FlightEvent.ForCompletion(answer));
            return Task.CompletedTask;
        }

        private protected override Task OnFailAsync(string reason, CancellationToken cancellationToken)
        {
            _owner.Ended(Key, _flight, completed: false);
            _flight.Add(FlightEvent.ForFailure(reason));
            return Task.CompletedTask;
        }
    }

    private sealed class Follower : FlightFollower
    {
        private readonly LocalFlight _flight;

        public Follower(string key, LocalFlight flight)
            : base(key) => _flight = flight;

        private protected override IAsyncEnumerable<FlightEvent> ReadCoreAsync(CancellationToken cancellationToken) =>
            _flight.ReadAsync(cancellationToken);
    }
}
