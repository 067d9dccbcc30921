using MangaAssist.Aws.EventStreams;
using MangaAssist.Orchestrator.Delivery;
using MangaAssist.Orchestrator.Options;
using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Pipeline;

/// <summary>
/// The delta flush interval in force for this task: <c>Streaming:FlushInterval</c> while few answers stream, longer
/// once <c>Streaming:PostsPerSecond</c> would be exceeded at that pace (in flight ÷ posts per second, up to
/// <c>Streaming:MaxFlushInterval</c>). Under load a task then spends its CPU on new questions' first tokens rather
/// than on more, smaller posts; the first text of every answer still goes out at once.
/// </summary>
public sealed class FlushPace
{
    /// <summary>How long one reading of the streams in flight is used: admission's statistics allocate per read.</summary>
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(100);

    private readonly StreamingOptions _options;
    private readonly Func<long> _inFlight;
    private readonly TimeProvider _time;
    private readonly Func<TimeSpan> _read;
    private long _ticks;
    private long _readAt;

    public FlushPace(IOptions<StreamingOptions> options, StreamAdmission admission, TimeProvider time)
        : this(options.Value, () => admission.InFlight, time)
    {
    }

    internal FlushPace(StreamingOptions options, Func<long> inFlight, TimeProvider time)
    {
        _options = options;
        _inFlight = inFlight;
        _time = time;
        _ticks = options.FlushInterval.Ticks;
        _readAt = long.MinValue;
        _read = () => Interval;
    }

    /// <summary>The interval for the next flush of any answer on this task.</summary>
    public TimeSpan Interval
    {
        get
        {
            var now = _time.GetTimestamp();
            var readAt = Volatile.Read(ref _readAt);
            if (readAt == long.MinValue || _time.GetElapsedTime(readAt, now) >= Refresh)
            {
                Volatile.Write(ref _ticks, For(_inFlight()).Ticks);
                Volatile.Write(ref _readAt, now);
            }

            return TimeSpan.FromTicks(Volatile.Read(ref _ticks));
        }
    }

    /// <summary>A coalescer for one answer that flushes at this task's pace.</summary>
    public DeltaCoalescer CreateCoalescer() => new(_read, _options.FlushThresholdChars, _time);

    /// <summary>How the model streams feeding <paramref name="coalescer"/> read: at its pace, or as events come (null).</summary>
    public IStreamReadPacing? ReadPacingFor(DeltaCoalescer coalescer) => _options.PaceModelReads ? coalescer : null;

    /// <summary>The interval for <paramref name="inFlight"/> answers streaming at once.</summary>
    internal TimeSpan For(long inFlight)
    {
        if (_options.PostsPerSecond <= 0 || inFlight <= 0)
        {
            return _options.FlushInterval;
        }

        // A configured interval longer than the maximum is simply never stretched, not an error.
        var budgeted = TimeSpan.FromSeconds(inFlight / (double)_options.PostsPerSecond);
        return budgeted <= _options.FlushInterval ? _options.FlushInterval
            : budgeted >= _options.MaxFlushInterval ? TimeSpan.FromTicks(Math.Max(_options.MaxFlushInterval.Ticks, _options.FlushInterval.Ticks))
            : budgeted;
    }
}
