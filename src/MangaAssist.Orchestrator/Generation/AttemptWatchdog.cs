using MangaAssist.Orchestrator.Kernel;

namespace MangaAssist.Orchestrator.Generation;

/// <summary>
/// The clocks of one model call: time to its first token, then silence between tokens. A token
/// only records a timestamp; the timer checks it when it fires and re-arms itself for the rest,
/// so the per-token cost is one memory write. On expiry <c>onExpired</c> runs once.
/// </summary>
public sealed class AttemptWatchdog : IDisposable
{
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _idleTimeout;
    private readonly Action<CancelReason> _onExpired;
    private readonly ITimer _timer;
    private long _lastTokenTimestamp;

    public AttemptWatchdog(TimeSpan firstTokenTimeout, TimeSpan idleTimeout, TimeProvider timeProvider, Action<CancelReason> onExpired)
    {
        _timeProvider = timeProvider;
        _idleTimeout = idleTimeout;
        _onExpired = onExpired;
        _timer = timeProvider.CreateTimer(static state => ((AttemptWatchdog)state!).OnTimer(), this, firstTokenTimeout, Timeout.InfiniteTimeSpan);
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

    public void Dispose() => _timer.Dispose();

    private void OnTimer()
    {
        var last = Volatile.Read(ref _lastTokenTimestamp);
        if (last == 0)
        {
            _onExpired(CancelReason.FirstTokenTimeout);
            return;
        }

        var silence = _timeProvider.GetElapsedTime(last);
        if (silence >= _idleTimeout)
        {
            _onExpired(CancelReason.IdleTimeout);
            return;
        }

        ReArm(_idleTimeout - silence);
    }

    private void ReArm(TimeSpan dueTime)
    {
        try
        {
            _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // The call ended while the timer fired.
        }
    }
}
