using System.Diagnostics.Metrics;

namespace MangaAssist.Orchestrator.Continuity;

/// <summary>Take-overs and hand-overs of chat answers, by outcome (one Meter for the area).</summary>
public sealed class ContinuityTelemetry : IDisposable
{
    public const string Name = "MangaAssist.Orchestrator.Continuity";

    private readonly Meter _meter;
    private readonly Counter<long> _takeovers;
    private readonly Counter<long> _handOvers;

    public ContinuityTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(Name);
        _takeovers = _meter.CreateCounter<long>("mangaassist.chat.takeovers", "{answer}", "Orphaned answers taken over from another task, by outcome.");
        _handOvers = _meter.CreateCounter<long>("mangaassist.chat.handovers", "{answer}", "Answers a draining task handed over, by outcome.");
    }

    public void RecordTakeover(string outcome) => _takeovers.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void RecordHandOver(string outcome) => _handOvers.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Dispose() => _meter.Dispose();
}
