using System.Diagnostics.Metrics;

namespace MangaAssist.Orchestrator.Diagnostics;

/// <summary>The resilience area's metrics: retries, fallbacks, the retry budget, circuits and admission.</summary>
public sealed class ResilienceTelemetry : IDisposable
{
    public const string Name = "MangaAssist.Orchestrator.Resilience";

    private readonly Meter _meter;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _fallbacks;
    private readonly Counter<long> _budgetExhausted;
    private readonly Counter<long> _circuitTransitions;
    private readonly Counter<long> _busy;

    public ResilienceTelemetry(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(Name);
        _retries = _meter.CreateCounter<long>("mangaassist.bedrock.retries", "{retry}", "Bedrock calls made again, by reason and kind (retry or continuation).");
        _fallbacks = _meter.CreateCounter<long>("mangaassist.bedrock.fallbacks", "{fallback}", "Switches to the next model of a route's chain.");
        _budgetExhausted = _meter.CreateCounter<long>("mangaassist.bedrock.retry_budget.exhausted", "{retry}", "Retries refused because the retry budget was empty.");
        _circuitTransitions = _meter.CreateCounter<long>("mangaassist.bedrock.circuit.transitions", "{transition}", "Circuit state changes, by model and new state.");
        _busy = _meter.CreateCounter<long>("mangaassist.chat.busy_rejections", "{request}", "Requests refused with busy, by reason.");
    }

    /// <summary>Observed on demand: budget tokens left, streams in flight, requests queued, open circuits.</summary>
    public void ObserveState(Func<int> budgetAvailable, Func<long> inFlight, Func<long> queued, Func<int> openCircuits)
    {
        _meter.CreateObservableGauge("mangaassist.bedrock.retry_budget.available", budgetAvailable, "{token}", "Retry budget tokens left.");
        _meter.CreateObservableUpDownCounter("mangaassist.chat.streams.in_flight", inFlight, "{stream}", "Bedrock streams running.");
        _meter.CreateObservableUpDownCounter("mangaassist.chat.queue.depth", queued, "{request}", "Requests waiting for a stream.");
        _meter.CreateObservableGauge("mangaassist.bedrock.circuit.open", openCircuits, "{circuit}", "Models whose circuit is open.");
    }

    public void RecordRetry(string reason, bool continuation) =>
        _retries.Add(1, new KeyValuePair<string, object?>("reason", reason), new KeyValuePair<string, object?>("kind", continuation ? "continuation" : "retry"));

    public void RecordFallback(string fromModel, string toModel) =>
        _fallbacks.Add(1, new KeyValuePair<string, object?>("from", fromModel), new KeyValuePair<string, object?>("to", toModel));

    public void RecordBudgetExhausted() => _budgetExhausted.Add(1);

    public void RecordCircuit(string model, string state) =>
        _circuitTransitions.Add(1, new KeyValuePair<string, object?>("model", model), new KeyValuePair<string, object?>("state", state));

    public void RecordBusy(string reason) => _busy.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Dispose() => _meter.Dispose();
}
