namespace MangaAssist.Orchestrator.Generation;

/// <summary>
/// How a stream's own pace sets its idle deadline: once <paramref name="MinTokens"/> tokens have arrived, the
/// deadline is <paramref name="Multiplier"/> times its average gap (or twice its longest gap, if larger),
/// never below <paramref name="Floor"/>; the route's idle timeout stays the ceiling.
/// </summary>
public sealed record StallPace(int MinTokens, double Multiplier, TimeSpan Floor)
{
    /// <summary>Weight of the newest gap in the running average: recent pace matters most, one burst does not.</summary>
    private const double Smoothing = 0.3;

    /// <summary>The running average gap after one more gap was observed.</summary>
    public static double Average(double average, double gap, int gapsSeen) =>
        gapsSeen <= 1 ? gap : average + (Smoothing * (gap - average));

    /// <summary>The idle deadline for a stream with this average and longest gap (in timestamp ticks).</summary>
    public long Deadline(double averageGap, long longestGap, long floorTicks, long ceilingTicks)
    {
        var paced = Math.Max(averageGap * Multiplier, 2.0 * longestGap);
        return (long)Math.Clamp(paced, Math.Min(floorTicks, ceilingTicks), ceilingTicks);
    }
}
