using System.Collections.Concurrent;

namespace MangaAssist.Orchestrator.Generation;

/// <summary>
/// The calls to one model whose verdict the circuit has not heard yet, in the order they were made. A 503 or a
/// throttle comes back at once, a success only with its first text: in a burst on a busy machine the fast failures
/// would reach the circuit well before the successes of calls made before them, and a model failing one call in
/// three would look dead. A failure's verdict therefore waits (bounded) until the circuit has heard every call made
/// before it; a success never waits, since it cannot open a circuit.
/// </summary>
internal sealed class CircuitVerdictOrder
{
    private readonly ConcurrentDictionary<long, Place> _waiting = new();
    private long _lastTicket;

    /// <summary>Puts a call that the circuit let through in line.</summary>
    public Place Enter()
    {
        var place = new Place(this, Interlocked.Increment(ref _lastTicket));
        _waiting[place.Ticket] = place;
        return place;
    }

    /// <summary>Completes when the circuit has heard every call made before <paramref name="place"/>, or after <paramref name="patience"/>.</summary>
    public Task EarlierVerdictsAsync(Place place, TimeSpan patience, TimeProvider timeProvider)
    {
        List<Task>? earlier = null;
        foreach (var (ticket, other) in _waiting)
        {
            if (ticket < place.Ticket && !other.Heard.IsCompleted)
            {
                (earlier ??= []).Add(other.Heard);
            }
        }

        return earlier is null ? Task.CompletedTask : WithinAsync(Task.WhenAll(earlier), patience, timeProvider);
    }

    // WaitAsync drops its timer as soon as the verdicts are in: a burst of failures leaves no timers running for the whole patience.
    private static async Task WithinAsync(Task verdicts, TimeSpan patience, TimeProvider timeProvider) =>
        await verdicts.WaitAsync(patience, timeProvider).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

    /// <summary>One call's place in line, left once the circuit has heard its verdict.</summary>
    public sealed class Place(CircuitVerdictOrder order, long ticket)
    {
        private readonly TaskCompletionSource _heard = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public long Ticket { get; } = ticket;

        /// <summary>Completes when the circuit has heard this call's verdict.</summary>
        public Task Heard => _heard.Task;

        public void Leave()
        {
            order._waiting.TryRemove(Ticket, out _);
            _heard.TrySetResult();
        }
    }
}
