using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace MangaAssist.SharedState.Redis;

/// <summary>The shared-state area's one Meter: Redis calls, failures, circuit state, latency, fallbacks.</summary>
public sealed class SharedStateTelemetry : IDisposable
{
    public const string MeterName = "MangaAssist.SharedState";

    private readonly Meter _meter;
    private readonly Counter<long> _calls;
    private readonly Counter<long> _failures;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _fallbacks;
    private Func<int>? _circuitState;

    public SharedStateTelemetry(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _calls = _meter.CreateCounter<long>("mangaassist.redis.calls", "{call}", "Redis calls attempted, by operation.");
        _failures = _meter.CreateCounter<long>("mangaassist.redis.failures", "{call}", "Redis calls that failed or were refused, by operation and reason.");
        _duration = _meter.CreateHistogram<double>("mangaassist.redis.duration", "ms", "Latency of successful Redis calls, by operation.");
        _fallbacks = _meter.CreateCounter<long>("mangaassist.redis.fallbacks", "{call}", "Calls served by a local fallback because Redis was unavailable, by capability.");
        _meter.CreateObservableGauge(
            "mangaassist.redis.circuit.state",
            () => _circuitState?.Invoke() ?? 0,
            "{state}",
            "Circuit around Redis: 0 closed, 1 open, 2 half-open, 3 isolated.");
    }

    internal void ObserveCircuit(Func<int> state) => _circuitState = state;

    internal void RecordCall(string operation, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("operation", operation);
        _calls.Add(1, tag);
        _duration.Record(elapsed.TotalMilliseconds, tag);
    }

    internal void RecordFailure(string operation, string reason)
    {
        var tags = new TagList { { "operation", operation }, { "reason", reason } };
        _calls.Add(1, new KeyValuePair<string, object?>("operation", operation));
        _failures.Add(1, tags);
    }

    internal void RecordFallback(string capability) =>
        _fallbacks.Add(1, new KeyValuePair<string, object?>("capability", capability));

    public void Dispose() => _meter.Dispose();
}
