using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using MangaAssist.EndToEnd.Tests.Support;

namespace MangaAssist.EndToEnd.Tests;

/// <summary>
/// Everything a run tells an operator, as text: the service's log lines, every span of the process (names, tags,
/// events) and every measurement's tags, so a test can grep all of it for tokens and secrets.
/// </summary>
public sealed class IdentityTelemetryCapture : IDisposable
{
    private readonly CapturedLogs _logs;
    private readonly ActivityListener _spans;
    private readonly MeterListener _metrics = new();
    private readonly ConcurrentQueue<string> _lines = new();

    public IdentityTelemetryCapture(CapturedLogs logs)
    {
        _logs = logs;
        _spans = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => _lines.Enqueue(
                $"span {activity.DisplayName} {activity.StatusDescription} {string.Join(' ', activity.TagObjects.Select(t => $"{t.Key}={t.Value}"))} " +
                string.Join(' ', activity.Events.Select(e => e.Name + string.Join(' ', e.Tags.Select(t => $"{t.Key}={t.Value}"))))),
        };
        ActivitySource.AddActivityListener(_spans);
        _metrics.InstrumentPublished = (instrument, listener) => listener.EnableMeasurementEvents(instrument);
        _metrics.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, tags));
        _metrics.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, tags));
        _metrics.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, tags));
        _metrics.Start();
    }

    /// <summary>Log lines, spans and measurement tags captured so far.</summary>
    public IReadOnlyList<string> Everything() => [.. _logs.Lines.Select(l => l.Everything), .. _lines];

    private void Record(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var text = new System.Text.StringBuilder("metric ").Append(instrument.Name);
        foreach (var tag in tags)
        {
            text.Append(' ').Append(tag.Key).Append('=').Append(tag.Value);
        }

        _lines.Enqueue(text.ToString());
    }

    public void Dispose()
    {
        _spans.Dispose();
        _metrics.Dispose();
    }
}
