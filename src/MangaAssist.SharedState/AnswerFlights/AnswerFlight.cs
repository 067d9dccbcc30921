using System.Text;
using MangaAssist.SharedState.ResponseCache;

namespace MangaAssist.SharedState.AnswerFlights;

/// <summary>A caller's place in a flight: <see cref="FlightLeader"/> or <see cref="FlightFollower"/>.</summary>
public abstract class AnswerFlight : IAsyncDisposable
{
    private protected AnswerFlight(string key) => Key = key;

    public string Key { get; }

    public abstract ValueTask DisposeAsync();
}

/// <summary>
/// The caller that generates the answer. It publishes text in order with <see cref="PublishText"/>, then
/// ends with <see cref="CompleteAsync"/> or <see cref="FailAsync"/>; disposing without either fails the
/// flight (<see cref="FlightFailureReasons.LeaderAbandoned"/>). One producer: the methods are not meant to
/// be called concurrently. Publishing never blocks and never throws for shared-state trouble: when Redis
/// stops taking the events the leader keeps answering its own client, and followers elsewhere are told
/// the flight failed.
/// </summary>
public abstract class FlightLeader : AnswerFlight
{
    private readonly StringBuilder _published = new();
    private bool _ended;

    private protected FlightLeader(string key)
        : base(key)
    {
    }

    /// <summary>Whether followers on other instances still receive this leader's events.</summary>
    public abstract bool IsBroadcasting { get; }

    /// <summary>Queues the next piece of the answer for the followers.</summary>
    public void PublishText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ObjectDisposedException.ThrowIf(_ended, this);
        if (text.Length == 0)
        {
            return;
        }

        _published.Append(text);
        OnText(text);
    }

    /// <summary>
    /// Ends the flight with the finished answer; its <see cref="CompletedAnswer.Text"/> must equal the text
    /// published. Waits (bounded by the Redis timeouts) until the completion is out.
    /// </summary>
    public Task CompleteAsync(CompletedAnswer answer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answer);
        EndCarried(answer);
        return OnCompleteAsync(answer, cancellationToken);
    }

    /// <summary>Ends the flight as failed; followers get <paramref name="reason"/> (e.g. the error code the leader's client got) and may retry.</summary>
    public Task FailAsync(string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ObjectDisposedException.ThrowIf(_ended, this);
        _ended = true;
        return OnFailAsync(reason, cancellationToken);
    }

    internal bool HasEnded => _ended;

    /// <summary>Ends the flight without publishing: the caller sends the ending itself (see <see cref="ICarriedFlight"/>).</summary>
    internal void EndCarried(CompletedAnswer? answer)
    {
        ObjectDisposedException.ThrowIf(_ended, this);
        if (answer is not null && !_published.Equals(answer.Text.AsSpan()))
        {
            throw new ArgumentException("The completed answer's text differs from the text published to the followers.", nameof(answer));
        }

        _ended = true;
    }

    public sealed override async ValueTask DisposeAsync()
    {
        if (!_ended)
        {
            _ended = true;
            await OnFailAsync(FlightFailureReasons.LeaderAbandoned, CancellationToken.None);
        }

        await OnDisposeAsync();
        GC.SuppressFinalize(this);
    }

    private protected abstract void OnText(string text);

    private protected abstract Task OnCompleteAsync(CompletedAnswer answer, CancellationToken cancellationToken);

    private protected abstract Task OnFailAsync(string reason, CancellationToken cancellationToken);

    private protected virtual ValueTask OnDisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>A caller that receives the leader's answer instead of asking the model.</summary>
public abstract class FlightFollower : AnswerFlight
{
    private int _reading;

    private protected FlightFollower(string key)
        : base(key)
    {
    }

    /// <summary>
    /// The flight's events from its first, then live: <see cref="FlightEventKind.Text"/> events whose texts
    /// concatenate to the answer, then exactly one <see cref="FlightEventKind.Completed"/> or
    /// <see cref="FlightEventKind.Failed"/>, then the end. Can be enumerated once.
    /// </summary>
    public IAsyncEnumerable<FlightEvent> ReadEventsAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _reading, 1) != 0)
        {
            throw new InvalidOperationException("A follower's events can be read once.");
        }

        return ReadCoreAsync(cancellationToken);
    }

    public override ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private protected abstract IAsyncEnumerable<FlightEvent> ReadCoreAsync(CancellationToken cancellationToken);
}
