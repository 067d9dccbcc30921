using MangaAssist.Orchestrator.Options;

namespace MangaAssist.Orchestrator.Chat;

/// <summary>
/// The three clocks of a streamed answer: time to first token, silence between tokens, and the
/// whole answer. A token only records a timestamp; the idle timer checks it when it fires and
/// re-arms itself for the remainder, so the per-token cost is one memory write.
/// </summary>
public sealed class StreamDeadlines : IDisposable
{
    private readonly ActiveRequest _request;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _idleTimeout;
    private readonly ITimer _total;
    private readonly ITimer _idle;
    private long _lastTokenTimestamp;

    public StreamDeadlines(ActiveRequest request, ChatRouteOptions profile, TimeProvider timeProvider)
    {
        _request = request;
        _timeProvider = timeProvider;
        _idleTimeout = profile.IdleTimeout;
        _total = timeProvider.CreateTimer(static state => ((ActiveRequest)state!).Cancel(CancelReason.TotalTimeout), request, profile.TotalTimeout, Timeout.InfiniteTimeSpan);
        _idle = timeProvider.CreateTimer(static state => ((StreamDeadlines)state!).OnIdleTimer(), this, profile.FirstTokenTimeout, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Records that the model produced a token now.</summary>
    public void OnToken()
    {
        if (Interlocked.Exchange(ref _lastTokenTimestamp, _timeProvider.GetTimestamp()) == 0)
        {
            // From the first token on, the idle clock replaces the first-token clock.
            ReArm(_idleTimeout);
        }
    }

    public void Dispose()
    {
        _total.Dispose();
        _idle.Dispose();
    }

    private void OnIdleTimer()
    {
        var last = Volatile.Read(ref _lastTokenTimestamp);
        if (last == 0)
        {
            _request.Cancel(CancelReason.FirstTokenTimeout);
            return;
        }

        var silence = _timeProvider.GetElapsedTime(last);
        if (silence >= _idleTimeout)
        {
            _request.Cancel(CancelReason.IdleTimeout);
            return;
        }

        ReArm(_idleTimeout - silence);
    }

    private void ReArm(TimeSpan dueTime)
    {
        try
        {
            _idle.Change(dueTime, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // The answer ended while the timer fired.
        }
    }
}
