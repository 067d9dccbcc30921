namespace MangaAssist.Retrieval.Embeddings;

/// <summary>
/// Lets one log line through per period and counts the ones it held back, so a failure that repeats for every
/// question of a burst is one line every few seconds that says how often it happened, not a flood.
/// </summary>
internal sealed class LogThrottle(TimeSpan period, TimeProvider time)
{
    private readonly long _periodTicks = (long)(period.TotalSeconds * time.TimestampFrequency);
    private long _nextAllowed = long.MinValue;
    private int _held;

    /// <summary>True when a line may be written now; <paramref name="held"/> is how many were held back since the last one.</summary>
    public bool TryEnter(out int held)
    {
        var now = time.GetTimestamp();
        var next = Volatile.Read(ref _nextAllowed);
        if (now < next || Interlocked.CompareExchange(ref _nextAllowed, now + _periodTicks, next) != next)
        {
            Interlocked.Increment(ref _held);
            held = 0;
            return false;
        }

        held = Interlocked.Exchange(ref _held, 0);
        return true;
    }
}
