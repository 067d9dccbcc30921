namespace MangaAssist.EndToEnd.Tests.Support;

/// <summary>
/// A clock that runs <c>factor</c> times faster than real time, for every reader and every timer
/// alike, so a minute of a service's life (backoffs, circuit breaks, timeouts) passes in seconds
/// without the service noticing anything but the speed.
/// </summary>
public sealed class AcceleratedTimeProvider(double factor) : TimeProvider
{
    private readonly DateTimeOffset _start = System.GetUtcNow();
    private readonly long _startTimestamp = System.GetTimestamp();

    public double Factor => factor;

    public override DateTimeOffset GetUtcNow() => _start + (System.GetElapsedTime(_startTimestamp) * factor);

    public override long GetTimestamp() => _startTimestamp + (long)((System.GetTimestamp() - _startTimestamp) * factor);

    public override long TimestampFrequency => System.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(System.CreateTimer(callback, state, Scale(dueTime), Scale(period)), this);

    /// <summary>Real time that <paramref name="fakeTime"/> takes on this clock.</summary>
    public TimeSpan Scale(TimeSpan fakeTime) =>
        fakeTime == Timeout.InfiniteTimeSpan || fakeTime <= TimeSpan.Zero ? fakeTime : fakeTime / factor;

    private sealed class ScaledTimer(ITimer inner, AcceleratedTimeProvider clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(clock.Scale(dueTime), clock.Scale(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
