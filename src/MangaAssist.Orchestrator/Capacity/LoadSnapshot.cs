namespace MangaAssist.Orchestrator.Capacity;

/// <summary>
/// How loaded the process is: thread-pool scheduling lag (smoothed) and the managed heap after the last collection
/// as a fraction of what the GC may use (the hard limit when one is set).
/// </summary>
public readonly record struct LoadSnapshot(TimeSpan SchedulingLag, double HeapFraction)
{
    public static LoadSnapshot Idle { get; } = new(TimeSpan.Zero, 0);
}
