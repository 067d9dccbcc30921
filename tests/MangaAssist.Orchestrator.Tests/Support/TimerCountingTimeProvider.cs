using Microsoft.Extensions.Time.Testing;

namespace MangaAssist.Orchestrator.Tests.Support;

/// <summary>The package's FakeTimeProvider that also counts the timers not yet disposed, so a test can wait for one or see them all released.</summary>
public sealed class TimerCountingTimeProvider : FakeTimeProvider
{
    private int _activeTimers;

    public int ActiveTimers => Volatile.Read(ref _activeTimers);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        // Counted only once the timer exists: a test that sees the count and advances the clock must not move time
        // before the timer has taken its due time from it (it would then be due an advance later than meant).
        var timer = new CountedTimer(base.CreateTimer(callback, state, dueTime, period), this);
        Interlocked.Increment(ref _activeTimers);
        return timer;
    }

    private sealed class CountedTimer(ITimer inner, TimerCountingTimeProvider owner) : ITimer
    {
        private int _disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(dueTime, period);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref owner._activeTimers);
            }

            inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
