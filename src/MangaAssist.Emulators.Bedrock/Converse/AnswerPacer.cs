namespace MangaAssist.Emulators.Bedrock.Converse;

/// <summary>
/// Paces tokens from one start instant: token i is due at start + time-to-first-token + i / tokens-per-second,
/// so slow writes do not accumulate drift. Zero pacing values mean "no wait".
/// </summary>
internal sealed class AnswerPacer(TimeProvider time, TimeSpan timeToFirstToken, int tokensPerSecond)
{
    private readonly long _start = time.GetTimestamp();

    private long _firstTokenSentTicks = -1;

    public TimeSpan Elapsed => time.GetElapsedTime(_start);

    /// <summary>
    /// When the first token was written and flushed, measured from the start: the model's own time to first
    /// token for this request, as a client would see it with nothing in between. Null until a token went out.
    /// </summary>
    public TimeSpan? FirstTokenSentAfter => _firstTokenSentTicks < 0 ? null : TimeSpan.FromTicks(_firstTokenSentTicks);

    /// <summary>Notes that a token went out; only the first call is kept.</summary>
    public void TokenSent()
    {
        if (_firstTokenSentTicks < 0)
        {
            _firstTokenSentTicks = Elapsed.Ticks;
        }
    }

    /// <summary>Waits until token <paramref name="index"/> (0-based) is due.</summary>
    public Task WaitForTokenAsync(int index, CancellationToken cancellationToken) =>
        WaitUntilAsync(DueAt(index), cancellationToken);

    /// <summary>When token <paramref name="index"/> is due, measured from the start.</summary>
    public TimeSpan DueAt(int index)
    {
        var due = timeToFirstToken;
        if (tokensPerSecond > 0 && index > 0)
        {
            due += TimeSpan.FromSeconds((double)index / tokensPerSecond);
        }

        return due;
    }

    public Task WaitUntilAsync(TimeSpan dueSinceStart, CancellationToken cancellationToken) =>
        dueSinceStart > Elapsed ? WaitAsync(dueSinceStart, cancellationToken) : Task.CompletedTask;

    /// <summary>Timers tick in whole milliseconds and can fire a little early; a token never goes out before its time.</summary>
    private async Task WaitAsync(TimeSpan dueSinceStart, CancellationToken cancellationToken)
    {
        for (var wait = dueSinceStart - Elapsed; wait > TimeSpan.Zero; wait = dueSinceStart - Elapsed)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)), time, cancellationToken);
        }
    }
}
