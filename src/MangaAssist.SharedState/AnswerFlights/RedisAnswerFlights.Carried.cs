using System.Text;
using MangaAssist.SharedState.ResponseCache;

namespace MangaAssist.SharedState.AnswerFlights;

internal sealed partial class RedisAnswerFlights
{
    /// <summary>A carried leader: its text waits here until the answer's next phase script takes it.</summary>
    private sealed partial class Leader : ICarriedFlight
    {
        private readonly Lock _carriedGate = new();
        private readonly StringBuilder _carriedText = new();

        public string LeaseKey => _names.Lease;

        public string EventsKey => _names.Events;

        public string FlightId => _names.FlightId;

        public AnswerFlightsOptions Options => _owner._options;

        public CarriedEvent? TakeText()
        {
            lock (_carriedGate)
            {
                return TakeTextLocked();
            }
        }

        public IReadOnlyList<CarriedEvent> TakeEnd(CompletedAnswer? answer, string? failure)
        {
            if (HasEnded)
            {
                return [];
            }

            try
            {
                EndCarried(answer);
            }
            catch (ArgumentException)
            {
                // The answer is not the text the followers got: they are told the flight failed instead.
                EndCarried(null);
                answer = null;
                failure = FlightFailureReasons.LeaderAbandoned;
            }

            _stop.Cancel();
            lock (_carriedGate)
            {
                if (!_broadcasting)
                {
                    return [];
                }

                var text = TakeTextLocked();
                var end = answer is not null ? new CarriedEvent(++_index, 'c', CompletionData(answer)) : new CarriedEvent(++_index, 'f', failure ?? FlightFailureReasons.LeaderAbandoned);
                return text is { } first ? [first, end] : [end];
            }
        }

        public void Carried(long result)
        {
            if (result < 0)
            {
                StopBroadcasting("the lease was lost");
            }
        }

        public void NotCarried() => StopBroadcasting("Redis is unavailable");

        private void Carry(string text)
        {
            lock (_carriedGate)
            {
                _carriedText.Append(text);
            }
        }

        private CarriedEvent? TakeTextLocked()
        {
            if (!_broadcasting || _carriedText.Length == 0)
            {
                return null;
            }

            var taken = new CarriedEvent(++_index, 't', _carriedText.ToString());
            _carriedText.Clear();
            return taken;
        }

        /// <summary>Ends a carried flight with its own publishes, when no phase script will: the rest of the text, then the end.</summary>
        private async Task PublishCarriedEndAsync(char kind, string data)
        {
            await _stop.CancelAsync();
            string? text;
            lock (_carriedGate)
            {
                text = _carriedText.Length > 0 ? _carriedText.ToString() : null;
                _carriedText.Clear();
            }

            if (text is not null)
            {
                await PublishAsync('t', text);
            }

            await PublishAsync(kind, data);
        }
    }
}
