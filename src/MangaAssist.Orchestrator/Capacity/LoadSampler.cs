namespace MangaAssist.Orchestrator.Capacity;

/// <summary>
/// A cheap overload sampler: every <see cref="Interval"/> it queues one work item to the thread pool and measures
/// how long it waited to run (the .NET equivalent of event-loop lag), smoothed over about a second, and reads the
/// heap size the last collection left. Costs one timer tick and one work item per interval, nothing per request.
/// </summary>
public sealed class LoadSampler : ILoadSignal, IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    // Weight of a new sample: with 4 samples a second, a lag that persists for ~1 s dominates the average,
    // a single stall (one GC pause) does not.
    private const double Smoothing = 0.3;

    private readonly TimeProvider _timeProvider;
    private readonly ITimer _timer;
    private readonly Action<long> _measure;
    private double _lagMs;
    private double _heapFraction;

    public LoadSampler(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        _measure = Measured;
        _timer = timeProvider.CreateTimer(static state => ((LoadSampler)state!).Tick(), this, Interval, Interval);
    }

    public LoadSnapshot Current => new(TimeSpan.FromMilliseconds(Volatile.Read(ref _lagMs)), Volatile.Read(ref _heapFraction));

    /// <summary>Adds one lag sample to the smoothed lag (the sampler's own measurements, and tests).</summary>
    internal void AddLagSample(TimeSpan lag) =>
        Volatile.Write(ref _lagMs, (Smoothing * lag.TotalMilliseconds) + ((1 - Smoothing) * Volatile.Read(ref _lagMs)));

    public void Dispose() => _timer.Dispose();

    private void Tick()
    {
        ThreadPool.UnsafeQueueUserWorkItem(_measure, _timeProvider.GetTimestamp(), preferLocal: false);
        var memory = GC.GetGCMemoryInfo();
        if (memory.TotalAvailableMemoryBytes > 0)
        {
            Volatile.Write(ref _heapFraction, (double)memory.HeapSizeBytes / memory.TotalAvailableMemoryBytes);
        }
    }

    private void Measured(long queuedAt) => AddLagSample(_timeProvider.GetElapsedTime(queuedAt));
}
