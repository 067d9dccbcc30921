using System.Diagnostics;
using MangaAssist.LoadTest.Metrics;
using MangaAssist.LoadTest.Protocol;

namespace MangaAssist.LoadTest.Running;

/// <summary>
/// Sorts ended answers by the signals they were in flight at: an answer sent before a signal and ended after it
/// belongs to that signal (the first one, when it spans several); any other answer to none.
/// </summary>
internal sealed class InFlightAtSignals
{
    private readonly Lock _gate = new();
    private readonly List<SpanningAnswers> _signals = [];

    public IReadOnlyList<SpanningAnswers> Signals
    {
        get
        {
            lock (_gate)
            {
                return [.. _signals];
            }
        }
    }

    public void Add(FleetEvent signal)
    {
        lock (_gate)
        {
            _signals.Add(new SpanningAnswers(signal));
        }
    }

    /// <summary>The stats an ended answer belongs in (its longest pause is recorded there): the first signal it was in flight at, or null.</summary>
    public AnswerStats? StatsFor(AnswerTracker answer)
    {
        var ended = answer.TerminalAt ?? Stopwatch.GetTimestamp();
        lock (_gate)
        {
            var spanned = _signals.FirstOrDefault(s => s.Event.At > answer.SentAt && s.Event.At < ended);
            spanned?.Record(answer);
            return spanned?.Stats;
        }
    }
}

/// <summary>The answers in flight at one signal: their stats (outcomes, violations, text checks) and each one's longest pause.</summary>
internal sealed class SpanningAnswers(FleetEvent fleetEvent)
{
    public FleetEvent Event => fleetEvent;

    public AnswerStats Stats { get; } = new();

    /// <summary>Each answer's longest wait for its next frame, microseconds.</summary>
    public LogLinearHistogram LongestGap { get; } = new();

    public void Record(AnswerTracker answer) => LongestGap.Record(AnswerStats.Micros(answer.LongestGap));
}
