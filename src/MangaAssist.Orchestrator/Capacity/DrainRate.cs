namespace MangaAssist.Orchestrator.Capacity;

/// <summary>
/// How fast streams finish right now: the last <see cref="Samples"/> completions' timestamps, so the rate follows
/// the load within a fraction of a second at hundreds of answers a second and decays when completions stop
/// (the span runs to "now", not to the last completion).
/// </summary>
public sealed class DrainRate(TimeProvider timeProvider)
{
    /// <summary>Completions remembered; the rate is unknown below <see cref="MinimumSamples"/>.</summary>
    public const int Samples = 128;

    /// <summary>Fewer completions than this say too little to predict a wait (a cold start, a quiet hour).</summary>
    public const int MinimumSamples = 16;

    private readonly long[] _stamps = new long[Samples];
    private readonly Lock _gate = new();
    private long _count;

    public void Record()
    {
        var now = timeProvider.GetTimestamp();
        lock (_gate)
        {
            _stamps[_count % Samples] = now;
            _count++;
        }
    }

    /// <summary>Completions per second over the remembered ones, or <see langword="null"/> while too few are known.</summary>
    public double? PerSecond()
    {
        long oldest;
        int known;
        lock (_gate)
        {
            if (_count < MinimumSamples)
            {
                return null;
            }

            known = (int)Math.Min(_count, Samples);
            oldest = _stamps[_count <= Samples ? 0 : _count % Samples];
        }

        var span = timeProvider.GetElapsedTime(oldest);
        // A burst of completions within one tick still has a finite rate.
        return known / Math.Max(span.TotalSeconds, 0.001);
    }
}
