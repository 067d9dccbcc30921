using MangaAssist.Orchestrator.Kernel;

namespace MangaAssist.Orchestrator.Generation;

/// <summary>
/// The clocks of one model call: time to its first token, then silence between tokens. The silence
/// allowed starts at the idle timeout and, with a <see cref="StallPace"/>, shrinks to what this
/// stream's own pace makes a stall once a few tokens have arrived. A token records a timestamp and
/// updates the pace; the timer checks them when it fires and re-arms itself for the rest. On expiry
/// <c>onExpired</c> runs once.
/// </summary>
public sealed class AttemptWatchdog : IDisposable
{
    private readonly TimeProvider _timeProvider;
    private readonly Action<CancelReason> _onExpired;
    private readonly ITimer _timer;
    private readonly StallPace? _pace;
    private readonly long _ceilingTicks;
    private readonly long _floorTicks;
    private long _lastTokenTimestamp;
    private long _deadlineTicks;
    private int _tokens;
    private double _averageGap;
    private long _longestGap;

    public AttemptWatchdog(TimeSpan firstTokenTimeout, TimeSpan idleTimeout, TimeProvider timeProvider, Action<CancelReason> onExpired, StallPace? pace = null)
    {
        _timeProvider = timeProvider;
        _onExpired = onExpired;
        _pace = pace;
        _ceilingTicks = ToTicks(idleTimeout);
        _floorTicks = pace is null ? _ceilingTicks : ToTicks(pace.Floor);
        _deadlineTicks = _ceilingTicks;
        _timer = timeProvider.CreateTimer(static state => ((AttemptWatchdog)state!).OnTimer(), this, firstTokenTimeout, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The silence now allowed before the call counts as stalled.</summary>
    public TimeSpan IdleDeadline => TimeSpan.FromSeconds((double)Volatile.Read(ref _deadlineTicks) / _timeProvider.TimestampFrequency);

    /// <summary>Records that the model produced a token now.</summary>
    public void OnToken()
    {
        var now = _timeProvider.GetTimestamp();
        var last = Interlocked.Exchange(ref _lastTokenTimestamp, now);
        if (last == 0)
        {
            // From the first token on, the idle clock replaces the first-token clock.
            ReArm(_ceilingTicks);
            return;
        }

        if (_pace is null)
        {
            return;
        }

        var gap = now - last;
        _tokens++;
        _averageGap = StallPace.Average(_averageGap, gap, _tokens);
        _longestGap = Math.Max(_longestGap, gap);
        if (_tokens + 1 < _pace.MinTokens)
        {
            return;
        }

        var deadline = _pace.Deadline(_averageGap, _longestGap, _floorTicks, _ceilingTicks);
        var previous = Interlocked.Exchange(ref _deadlineTicks, deadline);
        if (deadline < previous)
        {
            // The timer may be armed for the longer deadline: bring it forward.
            ReArm(deadline);
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

        var silence = _timeProvider.GetTimestamp() - last;
        var deadline = Volatile.Read(ref _deadlineTicks);
        if (silence >= deadline)
        {
            _onExpired(CancelReason.IdleTimeout);
            return;
        }

        ReArm(deadline - silence);
    }

    private long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * _timeProvider.TimestampFrequency);

    private void ReArm(long dueTicks)
    {
        try
        {
            _timer.Change(TimeSpan.FromSeconds((double)dueTicks / _timeProvider.TimestampFrequency), Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // The call ended while the timer fired.
        }
    }
}
